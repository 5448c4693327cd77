package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/relais/relais/generator/slug"
)

func TestHeadings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Heading
	}{
		{"accents folded", "## Réseaux sociaux\n### Ça marche\n#### L’œuvre", []Heading{
			{2, "reseaux-sociaux", "Réseaux sociaux"}, {3, "ca-marche", "Ça marche"}, {4, "loeuvre", "L’œuvre"}}},
		{"duplicates numbered", "## Bilan\n## Bilan\n## Bilan-1", []Heading{
			{2, "bilan", "Bilan"}, {2, "bilan-1", "Bilan"}, {2, "bilan-1-1", "Bilan-1"}}},
		{"explicit id kept", "## Titre {#Mon_ID}", []Heading{{2, "Mon_ID", "Titre"}}},
		{"explicit id reserved before generated ones", "## Intro\n## Autre {#intro}", []Heading{
			{2, "intro-1", "Intro"}, {2, "intro", "Autre"}}},
		{"empty slug falls back", "## 🚀\n## ?!", []Heading{{2, "section", "🚀"}, {2, "section-1", "?!"}}},
		{"markup dropped from text", "## Le **gras** et `code` &amp; [lien](x)", []Heading{
			{2, "le-gras-et-code-lien", "Le gras et code & lien"}}},
		{"guillemets", "## « Owned media » : pourquoi ?", []Heading{
			{2, "owned-media-pourquoi", "« Owned media » : pourquoi ?"}}},
		{"footnote ref left out", "## Titre[^1]\n\n[^1]: n", []Heading{{2, "titre", "Titre"}}},
		{"nested in quote", "> ## Cité", []Heading{{2, "cite", "Cité"}}},
		{"numeric id", "## 2024", []Heading{{2, "2024", "2024"}}},
		{"levels kept", "# Un\n###### Six", []Heading{{1, "un", "Un"}, {6, "six", "Six"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in)})
			if got, want := fmt.Sprint(res.Headings), fmt.Sprint(tt.want); got != want {
				t.Errorf("Render(%q).Headings = %s; want %s", tt.in, got, want)
			}
		})
	}
}

func TestDuplicateExplicitID(t *testing.T) {
	res := render(t, site, Input{Source: []byte("## A {#x}\n\ntexte\n\n## B {#x}\n\n## x-1")})
	want := []Warning{{5, `heading id "x" is already used in the page; this one becomes "x-1" (want unique ids)`}}
	if fmt.Sprint(res.Warnings) != fmt.Sprint(want) {
		t.Errorf("Warnings = %v; want %v", res.Warnings, want)
	}
	wantH := []Heading{{2, "x", "A"}, {2, "x-1", "B"}, {2, "x-1-1", "x-1"}}
	if fmt.Sprint(res.Headings) != fmt.Sprint(wantH) {
		t.Errorf("Headings = %v; want %v", res.Headings, wantH)
	}
}

func TestIDs(t *testing.T) {
	s := newIDs()
	s.Put([]byte("fn"))
	steps := []struct{ in, want string }{
		{"Réseaux sociaux", "reseaux-sociaux"},
		{"Réseaux sociaux", "reseaux-sociaux-1"},
		{"", "section"},
		{"", "section-1"},
		{"fn", "fn-1"},
	}
	for _, st := range steps {
		if got := string(s.Generate([]byte(st.in), 0)); got != st.want {
			t.Errorf("Generate(%q) = %q; want %q", st.in, got, st.want)
		}
	}
}

func TestTOC(t *testing.T) {
	h := func(level int, id string) Heading { return Heading{level, id, "T " + id} }
	li := func(id string) string { return `<li><a href="#` + id + `">T ` + id + `</a>` }
	tests := []struct {
		name string
		in   []Heading
		want string
	}{
		{"none", nil, ""},
		{"one", []Heading{h(2, "a")}, ""},
		{"one plus h1 and h5", []Heading{h(1, "t"), h(2, "a"), h(5, "e")}, ""},
		{"flat", []Heading{h(2, "a"), h(2, "b")},
			"<nav class=\"toc\">\n<ul>\n" + li("a") + "</li>\n" + li("b") + "</li>\n</ul>\n</nav>\n"},
		{"nested", []Heading{h(2, "a"), h(3, "b"), h(3, "c"), h(2, "d")},
			"<nav class=\"toc\">\n<ul>\n" + li("a") + "\n<ul>\n" + li("b") + "</li>\n" + li("c") + "</li>\n</ul>\n</li>\n" + li("d") + "</li>\n</ul>\n</nav>\n"},
		{"skipped level nests once", []Heading{h(2, "a"), h(4, "b"), h(2, "c")},
			"<nav class=\"toc\">\n<ul>\n" + li("a") + "\n<ul>\n" + li("b") + "</li>\n</ul>\n</li>\n" + li("c") + "</li>\n</ul>\n</nav>\n"},
		{"h4 then h3 are siblings under h2", []Heading{h(2, "a"), h(4, "b"), h(3, "c")},
			"<nav class=\"toc\">\n<ul>\n" + li("a") + "\n<ul>\n" + li("b") + "</li>\n" + li("c") + "</li>\n</ul>\n</li>\n</ul>\n</nav>\n"},
		{"starts deep", []Heading{h(3, "a"), h(2, "b")},
			"<nav class=\"toc\">\n<ul>\n" + li("a") + "</li>\n" + li("b") + "</li>\n</ul>\n</nav>\n"},
		{"closes many levels at the end", []Heading{h(2, "a"), h(3, "b"), h(4, "c")},
			"<nav class=\"toc\">\n<ul>\n" + li("a") + "\n<ul>\n" + li("b") + "\n<ul>\n" + li("c") + "</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n</nav>\n"},
		{"escaped", []Heading{{2, "a", "<b> & \"c\""}, {2, "b\"x", "d"}},
			"<nav class=\"toc\">\n<ul>\n<li><a href=\"#a\">&lt;b&gt; &amp; &#34;c&#34;</a></li>\n<li><a href=\"#b&#34;x\">d</a></li>\n</ul>\n</nav>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(toc(tt.in)); got != tt.want {
				t.Errorf("toc(%v) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTOCFromRender(t *testing.T) {
	res := render(t, site, Input{Source: []byte("# Titre\n\n## Réseaux & `<sociaux>`\n\n### Détails\n")})
	want := "<nav class=\"toc\">\n<ul>\n<li><a href=\"#reseaux-sociaux\">Réseaux &amp; &lt;sociaux&gt;</a>\n<ul>\n" +
		"<li><a href=\"#details\">Détails</a></li>\n</ul>\n</li>\n</ul>\n</nav>\n"
	if string(res.TOC) != want {
		t.Errorf("TOC = %q; want %q", res.TOC, want)
	}
}

func TestSlugCache(t *testing.T) {
	c := newSlugCache()
	for _, s := range []string{"Réseaux sociaux", "Et après ?", "Le piège des « vanity metrics »", "", "Réseaux sociaux", strings.Repeat("é", maxSlugLen)} {
		for range 2 {
			if got, want := c.make(s), slug.Make(s); got != want {
				t.Errorf("slugCache.make(%q) = %q; want %q", s, got, want)
			}
		}
	}
	if len(c.m) != 4 {
		t.Errorf("slugCache holds %d texts; want 4 (one each, none over %d bytes)", len(c.m), maxSlugLen)
	}
	for i := range maxSlugs + 10 {
		c.make(strconv.Itoa(i))
	}
	if len(c.m) != maxSlugs {
		t.Errorf("slugCache holds %d texts; want at most %d", len(c.m), maxSlugs)
	}
	if got := (*slugCache)(nil).make("Été"); got != "ete" {
		t.Errorf("nil slugCache.make(%q) = %q; want %q", "Été", got, "ete")
	}
}
