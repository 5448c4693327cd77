package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// site is the site default: raw HTML kept, code highlighted.
var site = Options{Unsafe: true, Highlight: true}

func render(t testing.TB, opt Options, in Input) Result {
	t.Helper()
	res, err := New(opt).Render(in)
	if err != nil {
		t.Fatalf("Render(%q): %v", in.Source, err)
	}
	return res
}

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		in   string
		want string
	}{
		{"paragraph french", site,
			"Les « guillemets » et l’apostrophe : ça marche !",
			"<p>Les « guillemets » et l’apostrophe : ça marche !</p>\n"},
		{"no typographer", site,
			`"quotes" -- and ... stay`,
			"<p>&quot;quotes&quot; -- and ... stay</p>\n"},
		{"heading accents", site,
			"## Réseaux sociaux",
			"<h2 id=\"reseaux-sociaux\">Réseaux sociaux</h2>\n"},
		{"heading explicit id", site,
			"## Titre {#mon-id}",
			"<h2 id=\"mon-id\">Titre</h2>\n"},
		{"heading class attribute", site,
			"## Titre {.large}",
			"<h2 class=\"large\" id=\"titre\">Titre</h2>\n"},
		{"setext heading", site,
			"Été\n---",
			"<h2 id=\"ete\">Été</h2>\n"},
		{"duplicate headings", site,
			"## Bilan\n\n## Bilan\n\n## Bilan",
			"<h2 id=\"bilan\">Bilan</h2>\n<h2 id=\"bilan-1\">Bilan</h2>\n<h2 id=\"bilan-2\">Bilan</h2>\n"},
		{"heading with markup", site,
			"## Le `code` et [un lien](/x/)",
			"<h2 id=\"le-code-et-un-lien\">Le <code>code</code> et <a href=\"/x/\">un lien</a></h2>\n"},
		{"footnotes", site,
			"Texte[^1].\n\n[^1]: La note.",
			"<p>Texte<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n" +
				"<p>La note.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n"},
		{"table", site,
			"| Réseau | Limite |\n|---|--:|\n| X | 280 |",
			"<table>\n<thead>\n<tr>\n<th>Réseau</th>\n<th style=\"text-align:right\">Limite</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td>X</td>\n<td style=\"text-align:right\">280</td>\n</tr>\n</tbody>\n</table>\n"},
		{"strikethrough", site, "~~non~~", "<p><del>non</del></p>\n"},
		{"task list", site,
			"- [x] fait\n- [ ] à faire",
			"<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> fait</li>\n<li><input disabled=\"\" type=\"checkbox\"> à faire</li>\n</ul>\n"},
		{"linkify https", site,
			"Voir www.example.fr et https://relais.example/a.",
			"<p>Voir <a href=\"https://www.example.fr\">www.example.fr</a> et <a href=\"https://relais.example/a\">https://relais.example/a</a>.</p>\n"},
		{"definition list", site,
			"**API**\n:   Interface de programmation",
			"<dl>\n<dt><strong>API</strong></dt>\n<dd>Interface de programmation</dd>\n</dl>\n"},
		{"emoji shortcode literal", site, "Bravo :tada:", "<p>Bravo :tada:</p>\n"},
		{"raw html kept", site,
			"Un <kbd>Ctrl</kbd>\n\n<iframe src=\"https://video.example/1\"></iframe>",
			"<p>Un <kbd>Ctrl</kbd></p>\n<iframe src=\"https://video.example/1\"></iframe>"},
		{"raw html omitted when safe", Options{},
			"Un <kbd>Ctrl</kbd>\n\n<iframe src=\"https://video.example/1\"></iframe>",
			"<p>Un <!-- raw HTML omitted -->Ctrl<!-- raw HTML omitted --></p>\n<!-- raw HTML omitted -->\n"},
		{"dangerous url dropped when safe", Options{},
			"[x](javascript:alert(1))",
			"<p><a href=\"\">x</a></p>\n"},
		{"code highlighted", site,
			"```go\nx := 1\n```",
			"<pre class=\"chroma\"><code class=\"language-go\" data-lang=\"go\"><span class=\"line\"><span class=\"cl\">" +
				"<span class=\"nx\">x</span><span class=\"w\"> </span><span class=\"o\">:=</span><span class=\"w\"> </span><span class=\"mi\">1</span><span class=\"w\">\n</span></span></span></code></pre>\n"},
		{"code with extra info", site,
			"``` yml _config.yml\ntitle: x\n```",
			"<pre class=\"chroma\"><code class=\"language-yml\" data-lang=\"yml\"><span class=\"line\"><span class=\"cl\">" +
				"<span class=\"nt\">title</span><span class=\"p\">:</span><span class=\"w\"> </span><span class=\"l\">x</span><span class=\"w\">\n</span></span></span></code></pre>\n"},
		{"code with attributes glued", site,
			"```yaml{hl_lines=[2]}\na: 1\nb: 2\n```",
			"<pre class=\"chroma\"><code class=\"language-yaml\" data-lang=\"yaml\">" +
				"<span class=\"line\"><span class=\"cl\"><span class=\"nt\">a</span><span class=\"p\">:</span><span class=\"w\"> </span><span class=\"m\">1</span><span class=\"w\">\n</span></span></span>" +
				"<span class=\"line hl\"><span class=\"cl\"><span class=\"nt\">b</span><span class=\"p\">:</span><span class=\"w\"> </span><span class=\"m\">2</span><span class=\"w\">\n</span></span></span></code></pre>\n"},
		{"code unknown language", site,
			"```hugo-template\n{{ .Title }} <b>\n```",
			"<pre><code class=\"language-hugo-template\">{{ .Title }} &lt;b&gt;\n</code></pre>\n"},
		{"code without language", site,
			"```\n<x> & y\n```",
			"<pre><code>&lt;x&gt; &amp; y\n</code></pre>\n"},
		{"code not highlighted", Options{Unsafe: true},
			"```go {hl_lines=[1]}\nx := 1\n```",
			"<pre><code class=\"language-go\">x := 1\n</code></pre>\n"},
		{"code line numbers", Options{Highlight: true, LineNumbers: true},
			"```sh\nls\n```",
			"<pre class=\"chroma\"><code class=\"language-sh\" data-lang=\"sh\"><span class=\"line\"><span class=\"ln\">1</span><span class=\"cl\">" +
				"ls\n</span></span></code></pre>\n"},
		{"mermaid", site,
			"```mermaid\ngraph TD; A-->B\n```",
			"<pre class=\"mermaid\">graph TD; A--&gt;B\n</pre>\n"},
		{"mermaid without highlighting", Options{},
			"```Mermaid\nA-->B\n```",
			"<pre class=\"mermaid\">A--&gt;B\n</pre>\n"},
		{"callout default title english", site,
			"> [!NOTE]\n> Useful.",
			"<div class=\"callout callout-note\">\n<p class=\"callout-title\">Note</p>\n<p>Useful.</p>\n</div>\n"},
		{"callout custom title", site,
			"> [!warning] Avant de *migrer*\n> Sauvegardez.",
			"<div class=\"callout callout-warning\">\n<p class=\"callout-title\">Avant de <em>migrer</em></p>\n<p>Sauvegardez.</p>\n</div>\n"},
		{"callout marker alone", site,
			"> [!TIP]\n>\n> Premier.\n>\n> Second.",
			"<div class=\"callout callout-tip\">\n<p class=\"callout-title\">Tip</p>\n<p>Premier.</p>\n<p>Second.</p>\n</div>\n"},
		{"not a callout", site,
			"> [!NOTES] non\n\n> [!NOTE]s",
			"<blockquote>\n<p>[!NOTES] non</p>\n</blockquote>\n<blockquote>\n<p>[!NOTE]s</p>\n</blockquote>\n"},
		{"more divider removed", site,
			"Avant.\n\n<!--more-->\n\nAprès.",
			"<p>Avant.</p>\n<p>Après.</p>\n"},
		{"more divider removed when safe", Options{},
			"Avant.\n\n<!-- more -->\n\nAprès.",
			"<p>Avant.</p>\n<p>Après.</p>\n"},
		{"more divider in code kept", site,
			"```html\n<!--more-->\n```",
			"<pre class=\"chroma\"><code class=\"language-html\" data-lang=\"html\"><span class=\"line\"><span class=\"cl\"><span class=\"c\">&lt;!--more--&gt;</span>\n</span></span></code></pre>\n"},
		{"image", site,
			"![Logo « relais »](logo.png \"Titre\")",
			"<p><img src=\"logo.png\" alt=\"Logo « relais »\" title=\"Titre\"></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, tt.opt, Input{Source: []byte(tt.in)})
			if got := string(res.HTML); got != tt.want {
				t.Errorf("Render(%q).HTML = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCalloutFrench(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"fr", "> [!NOTE]\n> x", "Remarque"},
		{"fr-CA", "> [!CAUTION]\n> x", "Prudence"},
		{"fr", "> [!WARNING]\n> x", "Attention"},
		{"de", "> [!TIP]\n> x", "Tip"},
		{"", "> [!IMPORTANT]\n> x", "Important"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in), Lang: tt.lang})
			want := `<p class="callout-title">` + tt.want + `</p>`
			if !bytes.Contains(res.HTML, []byte(want)) {
				t.Errorf("Render(%q, lang %q).HTML = %q; want it to hold %q", tt.in, tt.lang, res.HTML, want)
			}
		})
	}
}

func TestExtractTitle(t *testing.T) {
	tests := []struct {
		name, in         string
		title, html      string
		headings, truncs int
	}{
		{"atx", "# Le *titre* &amp; co\n\nTexte.", "Le titre & co", "<p>Texte.</p>\n", 0, 0},
		{"setext", "Bilan 2024\n==========\n\nTexte.", "Bilan 2024", "<p>Texte.</p>\n", 0, 0},
		{"not first block", "Texte.\n\n# Titre", "", "<p>Texte.</p>\n<h1 id=\"titre\">Titre</h1>\n", 1, 0},
		{"h2 first", "## Partie\n\nTexte.", "", "<h2 id=\"partie\">Partie</h2>\n<p>Texte.</p>\n", 1, 0},
		{"empty h1 kept", "#\n\nTexte.", "", "<h1 id=\"section\"></h1>\n<p>Texte.</p>\n", 1, 0},
		{"second h1 kept", "# Un\n\n# Deux", "Un", "<h1 id=\"deux\">Deux</h1>\n", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in), ExtractTitle: true})
			if res.Title != tt.title {
				t.Errorf("Render(%q).Title = %q; want %q", tt.in, res.Title, tt.title)
			}
			if string(res.HTML) != tt.html {
				t.Errorf("Render(%q).HTML = %q; want %q", tt.in, res.HTML, tt.html)
			}
			if len(res.Headings) != tt.headings {
				t.Errorf("Render(%q).Headings = %v; want %d", tt.in, res.Headings, tt.headings)
			}
		})
	}
	// Without ExtractTitle the H1 stays.
	res := render(t, site, Input{Source: []byte("# Titre\n\nTexte.")})
	if res.Title != "" || !bytes.HasPrefix(res.HTML, []byte(`<h1 id="titre">Titre</h1>`)) {
		t.Errorf("Render without ExtractTitle = title %q, HTML %q; want no title, the H1 kept", res.Title, res.HTML)
	}
}

// appendLang is an extension like the typography pass: it reads the page
// language from the parser context and changes text nodes.
type appendLang struct{}

func (appendLang) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(appendLang{}, 500)))
}

func (appendLang) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			p.AppendChild(p, ast.NewString([]byte(" ["+Lang(pc)+"]")))
		}
		return ast.WalkContinue, nil
	})
}

func TestExtensionsSeeLang(t *testing.T) {
	m := New(Options{Extensions: []goldmark.Extender{appendLang{}}})
	for _, lang := range []string{"fr", "en", ""} {
		res, err := m.Render(Input{Source: []byte("Bonjour"), Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		want := "<p>Bonjour [" + lang + "]</p>\n"
		if string(res.HTML) != want {
			t.Errorf("Render(lang %q).HTML = %q; want %q", lang, res.HTML, want)
		}
		if wantSum := "Bonjour [" + lang + "]"; res.Summary != wantSum {
			t.Errorf("Render(lang %q).Summary = %q; want %q (extensions reach the summary)", lang, res.Summary, wantSum)
		}
	}
}

// panicky is a broken extension: Render must report it, not crash.
type panicky struct{}

func (panicky) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(panicky{}, 500)))
}

func (panicky) Transform(*ast.Document, text.Reader, parser.Context) {
	var m map[string]int
	m["boom"]++
}

func TestRenderRecoversPanic(t *testing.T) {
	_, err := New(Options{Extensions: []goldmark.Extender{panicky{}}}).Render(Input{Source: []byte("x")})
	if err == nil || !strings.Contains(err.Error(), "panicky.Transform") {
		t.Errorf("Render with a panicking extension: err = %v; want an error naming panicky.Transform", err)
	}
}

func TestLangContext(t *testing.T) {
	pc := parser.NewContext()
	if got := Lang(pc); got != "" {
		t.Errorf("Lang(new context) = %q; want \"\"", got)
	}
	SetLang(pc, "fr")
	if got := Lang(pc); got != "fr" {
		t.Errorf("Lang after SetLang(fr) = %q; want %q", got, "fr")
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		words   int
		minutes int
	}{
		{"empty", "", 0, 1},
		{"french punctuation", "Bonjour\u202f! Ça va\u00a0? « Oui » — très bien.", 6, 1},
		{"elision", "L’œuvre d’une communauté", 3, 1},
		{"code blocks left out", "Deux mots\n\n```go\nfunc main() { println(1) }\n```\n\n    indenté aussi", 2, 1},
		{"inline code counts", "Lancez `relais build` maintenant", 4, 1},
		{"markup does not split words", "in**cro**yable", 1, 1},
		{"table cells", "| a | b |\n|---|---|\n| c | d |", 4, 1},
		{"footnote numbers left out", "Mot[^1]\n\n[^1]: Note.", 2, 1},
		{"cjk", "日本語のテキスト", 8, 1},
		{"231 words", strings.Repeat("mot ", 231), 231, 2},
		{"460 words", strings.Repeat("mot ", 460), 460, 2},
		{"raw html text", "<details><summary>Plus</summary>caché ici</details>", 3, 1},
		{"scripts left out", "<script>var a = 1;</script>\n\nTexte", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in)})
			if res.WordCount != tt.words || res.ReadingTime != tt.minutes {
				t.Errorf("Render(%q) = %d words, %d min; want %d words, %d min", tt.in, res.WordCount, res.ReadingTime, tt.words, tt.minutes)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>a <em>b</em>  c</p>", "a b c"},
		{"<p>x</p>\n<p>y</p>", "x y"},
		{"<p>a&amp;b &lt;c&gt; &#233;t&eacute;</p>", "a&b <c> été"},
		{"<p>Bonjour\u202f! « ok »</p>", "Bonjour\u202f! « ok »"},
		{"<p>mot<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>", "mot."},
		{"<p>a<script>x<y</script>b</p>", "ab"},
		{"<td>a</td><td>b</td>", "a b"},
		{"<p>a<br>b</p>", "a b"},
		{"<my-el>x</my-el>", "x"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plainText([]byte(tt.in)); got != tt.want {
			t.Errorf("plainText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSS(t *testing.T) {
	tests := []struct {
		name      string
		opt       Options
		contains  []string
		dark      bool
		darkStyle string
	}{
		{"default github", Options{Highlight: true},
			[]string{`/* Code highlighting: chroma style "github". */`, ".chroma {", ".chroma .k { color: #cf222e }"}, true, "github-dark"},
		{"unknown style falls back", Options{HighlightStyle: "nope"},
			[]string{`chroma style "github"`}, true, "github-dark"},
		{"case-insensitive name", Options{HighlightStyle: "GitHub"},
			[]string{`chroma style "github"`}, true, "github-dark"},
		{"dark style alone", Options{HighlightStyle: "monokai"},
			[]string{`chroma style "monokai"`}, false, ""},
		{"light style without counterpart", Options{HighlightStyle: "friendly"},
			[]string{`chroma style "friendly"`}, true, "github-dark"},
		{"line numbers", Options{LineNumbers: true},
			[]string{".chroma .ln {", "user-select: none"}, true, "github-dark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(tt.opt)
			css := string(m.CSS())
			for _, s := range tt.contains {
				if !strings.Contains(css, s) {
					t.Errorf("CSS() lacks %q:\n%s", s, css)
				}
			}
			gotDark := strings.Contains(css, "@media (prefers-color-scheme: dark) {")
			if gotDark != tt.dark {
				t.Errorf("CSS() has a dark block: %v; want %v", gotDark, tt.dark)
			}
			if tt.dark && !strings.Contains(css, fmt.Sprintf("chroma style %q", tt.darkStyle)) {
				t.Errorf("CSS() dark style is not %q:\n%s", tt.darkStyle, css)
			}
			if strings.Count(css, "{") != strings.Count(css, "}") {
				t.Errorf("CSS() braces do not balance:\n%s", css)
			}
			if again := New(tt.opt).CSS(); string(again) != css {
				t.Errorf("CSS() is not deterministic")
			}
		})
	}
}

func TestCSSDarkResets(t *testing.T) {
	// friendly makes keywords bold and colours attribute names;
	// github-dark does neither, so dark mode must undo them.
	css := string(New(Options{HighlightStyle: "friendly"}).CSS())
	dark := css[strings.Index(css, "@media"):]
	for _, want := range []string{".chroma .k { font-weight: normal }", ".chroma .na { color: inherit }"} {
		if !strings.Contains(dark, want) {
			t.Errorf("dark block lacks %q:\n%s", want, dark)
		}
	}
}

func TestCSSNotShared(t *testing.T) {
	m := New(site)
	a := m.CSS()
	a[0] = 'X'
	if b := m.CSS(); b[0] == 'X' {
		t.Errorf("CSS() returns its cache: a caller's change leaked into the next call")
	}
}

// TestParallel renders the same pages from many goroutines and checks each
// result against a sequential render; run with -race.
func TestParallel(t *testing.T) {
	inputs := []Input{
		{Source: []byte("# Titre\n\n## Réseaux\n\nTexte[^1] [lien](a.md).\n\n## Réseaux\n\n[^1]: Note."), Lang: "fr", ExtractTitle: true,
			ResolveLink: func(d string) (string, bool) { return "/a/", d == "a.md" }},
		{Source: []byte("> [!NOTE]\n> x\n\n```go\nx := 1\n```\n\n<!--more-->\n\nSuite."), Lang: "en"},
		{Source: []byte(strings.Repeat("Un mot de plus. ", 200)), Lang: "fr", SummaryWords: 30},
		{Source: frenchPost(t), Lang: "fr", ExtractTitle: true},
	}
	m := New(site)
	want := make([]Result, len(inputs))
	for i, in := range inputs {
		var err error
		if want[i], err = m.Render(in); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 5; r++ {
				for i, in := range inputs {
					got, err := m.Render(in)
					if err != nil {
						errs <- err.Error()
						return
					}
					if !bytes.Equal(got.HTML, want[i].HTML) || got.Summary != want[i].Summary || !bytes.Equal(got.TOC, want[i].TOC) ||
						fmt.Sprint(got.Headings) != fmt.Sprint(want[i].Headings) {
						errs <- fmt.Sprintf("input %d: parallel render differs from the sequential one", i)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestFenceLanguages(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"rustdoc attributes", "```rust,ignore\nfn main() {}\n```", `<code class="language-rust" data-lang="rust">`},
		{"alias found by extension keeps its label", "```yml\na: 1\n```", `<code class="language-yml" data-lang="yml">`},
		{"txt", "```txt\nbrut\n```", `<pre class="chroma"><code class="language-txt" data-lang="txt"><span class="line"><span class="cl">brut`},
		{"case kept in label", "```YAML\na: 1\n```", `<code class="language-YAML" data-lang="YAML">`},
		{"tab before info", "```go\tmain.go\nx\n```", `<code class="language-go" data-lang="go">`},
		{"attributes only", "``` {.x}\nplain\n```", "<pre><code>plain\n</code></pre>"},
		{"unknown", "```ignorelang\n<x>\n```", `<pre><code class="language-ignorelang">&lt;x&gt;`},
		{"quote in language escaped", "```a\"b\nx\n```", `<pre><code class="language-a&quot;b">x`},
		{"hl_lines on an alias", "```yml {hl_lines=[1]}\na: 1\n```", `<span class="line hl">`},
		{"odd attribute value", "```go {relais-lang=1}\nx\n```", `<code class="language-go" data-lang="go">`},
		{"unclosed fence", "```go\nx := 1", `<span class="nx">x</span>`},
	}
	m := New(site)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := m.Render(Input{Source: []byte(tt.in)})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(res.HTML, []byte(tt.want)) {
				t.Errorf("Render(%q).HTML = %q; want it to hold %q", tt.in, res.HTML, tt.want)
			}
		})
	}
}
