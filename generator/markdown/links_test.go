package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// pages is a site's Markdown files as ResolveLink sees them.
func pages(dest string) (string, bool) {
	path, frag, _ := strings.Cut(dest, "#")
	urls := map[string]string{
		"autre.md":             "/posts/autre/",
		"../guides/charte.md":  "/guides/charte/",
		"bilans.markdown":      "/posts/bilans/",
		"dossier/Index.MD":     "/posts/dossier/",
		"schema.md?raw=1":      "/posts/schema/",
		"images/../autre.md":   "/posts/autre/",
		"mon%20fichier.md":     "/posts/mon-fichier/",
		"./autre.md":           "/posts/autre/",
		"nested/deep/page.md":  "/nested/deep/page/",
		"accentué/été.md":      "/accentue/ete/",
		"avec espace.md":       "/avec-espace/",
		"ref.md":               "/ref/",
		"picture-of-readme.md": "/x/",
	}
	u, ok := urls[path]
	if ok && frag != "" {
		u += "#" + frag
	}
	return u, ok
}

func TestResolveLinks(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		html     string
		warnings []Warning
	}{
		{"resolved", "[suite](autre.md)", `<p><a href="/posts/autre/">suite</a></p>` + "\n", nil},
		{"fragment kept", "[partie](autre.md#deux)", `<p><a href="/posts/autre/#deux">partie</a></p>` + "\n", nil},
		{"parent dir", "[charte](../guides/charte.md)", `<p><a href="/guides/charte/">charte</a></p>` + "\n", nil},
		{"markdown extension", "[b](bilans.markdown)", `<p><a href="/posts/bilans/">b</a></p>` + "\n", nil},
		{"upper-case extension", "[d](dossier/Index.MD)", `<p><a href="/posts/dossier/">d</a></p>` + "\n", nil},
		{"query", "[s](schema.md?raw=1)", `<p><a href="/posts/schema/">s</a></p>` + "\n", nil},
		{"title kept", `[s](autre.md "Autre")`, `<p><a href="/posts/autre/" title="Autre">s</a></p>` + "\n", nil},
		{"reference link", "[suite][r]\n\n[r]: ref.md", `<p><a href="/ref/">suite</a></p>` + "\n", nil},
		{"image", "![x](picture-of-readme.md)", `<p><img src="/x/" alt="x"></p>` + "\n", nil},
		{"absolute left alone", "[a](/posts/a.md) [b](https://github.com/x/README.md) [c](#a.md) [d](mailto:x@y.md)",
			`<p><a href="/posts/a.md">a</a> <a href="https://github.com/x/README.md">b</a> <a href="#a.md">c</a> <a href="mailto:x@y.md">d</a></p>` + "\n", nil},
		{"not markdown left alone", "[a](photo.png) [b](page.html) [c](md) [d](x.md.bak)",
			`<p><a href="photo.png">a</a> <a href="page.html">b</a> <a href="md">c</a> <a href="x.md.bak">d</a></p>` + "\n", nil},
		{"unresolved warns with its line", "Intro.\n\nVoir [ceci](manquant.md)\net [cela](../x.md#y).\n\n- item [z](z.md)",
			`<p>Intro.</p>` + "\n" + `<p>Voir <a href="manquant.md">ceci</a>` + "\n" + `et <a href="../x.md#y">cela</a>.</p>` + "\n" + `<ul>` + "\n" + `<li>item <a href="z.md">z</a></li>` + "\n" + `</ul>` + "\n",
			[]Warning{
				{3, `link "manquant.md" matches no page (want a path to a Markdown file of the site)`},
				{4, `link "../x.md#y" matches no page (want a path to a Markdown file of the site)`},
				{6, `link "z.md" matches no page (want a path to a Markdown file of the site)`},
			}},
		{"unresolved image", "\n\n![x](absent.md)", `<p><img src="absent.md" alt="x"></p>` + "\n",
			[]Warning{{3, `image "absent.md" matches no page (want a path to a Markdown file of the site)`}}},
		{"in a table", "| a |\n|---|\n| [x](nope.md) |", "", []Warning{{3, `link "nope.md" matches no page (want a path to a Markdown file of the site)`}}},
		{"in a heading", "# T\n\n## Voir [x](nope.md)", "", []Warning{{3, `link "nope.md" matches no page (want a path to a Markdown file of the site)`}}},
		{"in a footnote", "x[^1]\n\n[^1]: [y](nope.md)", "", []Warning{{3, `link "nope.md" matches no page (want a path to a Markdown file of the site)`}}},
		{"crlf lines", "a\r\n\r\n[x](nope.md)", "", []Warning{{3, `link "nope.md" matches no page (want a path to a Markdown file of the site)`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in), ResolveLink: pages})
			if tt.html != "" && string(res.HTML) != tt.html {
				t.Errorf("Render(%q).HTML = %q; want %q", tt.in, res.HTML, tt.html)
			}
			if fmt.Sprint(res.Warnings) != fmt.Sprint(tt.warnings) {
				t.Errorf("Render(%q).Warnings = %v; want %v", tt.in, res.Warnings, tt.warnings)
			}
		})
	}
}

func TestResolveLinkNil(t *testing.T) {
	res := render(t, site, Input{Source: []byte("[x](nope.md)")})
	if string(res.HTML) != `<p><a href="nope.md">x</a></p>`+"\n" || len(res.Warnings) != 0 {
		t.Errorf("Render without ResolveLink = %q, %v; want the link as written and no warning", res.HTML, res.Warnings)
	}
}

func TestResolveLinkCalls(t *testing.T) {
	var got []string
	resolve := func(d string) (string, bool) { got = append(got, d); return "/ok/", true }
	render(t, site, Input{Source: []byte("[a](a.md#x) [b](/b.md) [c](c.png) ![d](d.markdown?q) [e](http://e.md)"), ResolveLink: resolve})
	if want := []string{"a.md#x", "d.markdown?q"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ResolveLink called with %q; want %q", got, want)
	}
}

func TestIsMarkdownRef(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"a.md", true}, {"./a.md", true}, {"../a/b.md", true}, {"a.markdown", true}, {"A.MD", true},
		{"a.md#x", true}, {"a.md?x=1#y", true}, {"été.md", true},
		{"", false}, {"/a.md", false}, {"//host/a.md", false}, {"#a.md", false},
		{"https://x/a.md", false}, {"mailto:a@b.md", false}, {"c:a.md", false},
		{"a.mdx", false}, {"a.md.html", false}, {"a.html#b.md", false}, {"md", false},
	}
	for _, tt := range tests {
		if got := isMarkdownRef(tt.in); got != tt.want {
			t.Errorf("isMarkdownRef(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestFirstImage(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"markdown", "Texte.\n\n![a](images/a.png)\n\n![b](b.png)", "images/a.png"},
		{"raw inline img first", `Un <img src="/raw.jpg" alt=""> puis ![b](b.png)`, "/raw.jpg"},
		{"raw block", "<figure>\n<img class=\"x\" src=\"https://cdn.example/c.webp\">\n</figure>\n\n![b](b.png)", "https://cdn.example/c.webp"},
		{"reference image", "![a][logo]\n\n[logo]: /logo.svg", "/logo.svg"},
		{"in a link", "[![badge](https://img.example/b.svg)](https://ci.example)", "https://img.example/b.svg"},
		{"relative .md not resolved", "![x](picture-of-readme.md)", "picture-of-readme.md"},
		{"img in code ignored", "`<img src=\"no.png\">`\n\n```html\n<img src=\"no2.png\">\n```", ""},
		{"entities decoded", `<img src="a.png?x=1&amp;y=2">`, "a.png?x=1&y=2"},
		{"no src", `<img alt="x">`, ""},
		{"none", "Texte.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in), ResolveLink: pages})
			if res.FirstImage != tt.want {
				t.Errorf("Render(%q).FirstImage = %q; want %q", tt.in, res.FirstImage, tt.want)
			}
		})
	}
}
