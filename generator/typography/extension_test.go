package typography

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var update = flag.Bool("update", false, "rewrite golden files")

// langKey holds the page language in the parser context, as
// markdown.SetLang does in relais.
var langKey = parser.NewContextKey()

func langOf(pc parser.Context) string {
	s, _ := pc.Get(langKey).(string)
	return s
}

// newMarkdown configures goldmark as relais's markdown stage does, with the
// typography pass when opt is not nil.
func newMarkdown(opt *Options) goldmark.Markdown {
	exts := []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList}
	if opt != nil {
		exts = append(exts, Extension(*opt, langOf))
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}

func render(t testing.TB, md goldmark.Markdown, src, lang string) string {
	t.Helper()
	pc := parser.NewContext()
	pc.Set(langKey, lang)
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b, parser.WithContext(pc)); err != nil {
		t.Errorf("Convert(%q): %v", src, err) // not Fatal: render runs in goroutines too
	}
	return b.String()
}

type markdownCase struct {
	name, in, want string
}

var markdownCases = []markdownCase{
	{"quotes around bold", `Il a dit "le **gras** ici" !`,
		"<p>Il a dit «⍽le <strong>gras</strong> ici⍽»⍽!</p>\n"},
	{"nested emphasis in quotes", `"Un *très **gros** mot*" ; *"l'œuvre"* !`,
		"<p>«⍽Un <em>très <strong>gros</strong> mot</em>⍽»⍽; <em>«⍽l’œuvre⍽»</em>⍽!</p>\n"},
	{"quotes around a link", `Lisez "[le guide](https://x.fr/?a=1;b "Titre : x")" ; merci.`,
		"<p>Lisez «⍽<a href=\"https://x.fr/?a=1;b\" title=\"Titre : x\">le guide</a>⍽»⍽; merci.</p>\n"},
	{"quotes inside a link", `Voir [le "guide"](guide.md) : fin`,
		"<p>Voir <a href=\"guide.md\">le «⍽guide⍽»</a>␣: fin</p>\n"},
	{"space in the next node", `C'est **gras** ! Et *penché* ?`,
		"<p>C’est <strong>gras</strong>⍽! Et <em>penché</em>⍽?</p>\n"},
	{"no space after emphasis", `C'est **gras**! Et *penché*?`,
		"<p>C’est <strong>gras</strong>⍽! Et <em>penché</em>⍽?</p>\n"},
	{"mark inside emphasis", `C'est **vrai ?**`,
		"<p>C’est <strong>vrai⍽?</strong></p>\n"},
	{"code span", "Tapez `a : b ; \"c\" ?` puis `x`: ok",
		"<p>Tapez <code>a : b ; &quot;c&quot; ?</code> puis <code>x</code>␣: ok</p>\n"},
	{"fenced code", "Exemple :\n\n```toml\ntitle = \"Bonjour : l'ami ?\"\n```\n",
		"<p>Exemple␣:</p>\n<pre><code class=\"language-toml\">title = &quot;Bonjour : l'ami ?&quot;\n</code></pre>\n"},
	{"indented code", "Exemple :\n\n    a : b ?\n",
		"<p>Exemple␣:</p>\n<pre><code>a : b ?\n</code></pre>\n"},
	{"html block", "<div title=\"a : b\">\n\"c\" : d ?\n</div>\n",
		"<div title=\"a : b\">\n\"c\" : d ?\n</div>\n"},
	{"inline html", `<span title="a : b">x</span> ! et <abbr>"y"</abbr>`,
		"<p><span title=\"a : b\">x</span>⍽! et <abbr>«⍽y⍽»</abbr></p>\n"},
	{"raw code tags", `Tapez <kbd>Ctrl</kbd> + <kbd>?</kbd> ou <code>a : "b"</code> !`,
		"<p>Tapez <kbd>Ctrl</kbd> + <kbd>?</kbd> ou <code>a : &quot;b&quot;</code>⍽!</p>\n"},
	{"line break tag", `Quoi <br>? Oui`,
		"<p>Quoi <br>? Oui</p>\n"},
	{"autolink", `Voir <https://x.fr/?a;b> ! Et https://y.fr/?c=1;d=2 ?`,
		"<p>Voir <a href=\"https://x.fr/?a;b\">https://x.fr/?a;b</a>⍽! Et <a href=\"https://y.fr/?c=1;d=2\">https://y.fr/?c=1;d=2</a>⍽?</p>\n"},
	{"heading", "## Pourquoi publier ?\n\n### Le « pourquoi » : ok",
		"<h2 id=\"pourquoi-publier-\">Pourquoi publier⍽?</h2>\n<h3 id=\"le--pourquoi---ok\">Le «⍽pourquoi⍽»␣: ok</h3>\n"},
	{"heading with id", `## Quoi ? {#quoi}`,
		"<h2 id=\"quoi\">Quoi⍽?</h2>\n"},
	{"list", "- un ; deux\n- \"trois\" !\n\n1. quatre :\n2. cinq?",
		"<ul>\n<li>un⍽; deux</li>\n<li>«⍽trois⍽»⍽!</li>\n</ul>\n<ol>\n<li>quatre␣:</li>\n<li>cinq⍽?</li>\n</ol>\n"},
	{"blockquote", "> \"Citation\" : fin !",
		"<blockquote>\n<p>«⍽Citation⍽»␣: fin⍽!</p>\n</blockquote>\n"},
	{"table", "| Question | Réponse |\n|---|---|\n| Pourquoi ? | \"Parce que\" ! |",
		"<table>\n<thead>\n<tr>\n<th>Question</th>\n<th>Réponse</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Pourquoi⍽?</td>\n<td>«⍽Parce que⍽»⍽!</td>\n</tr>\n</tbody>\n</table>\n"},
	{"footnote", "Fin[^1] !\n\n[^1]: Note : voir \"ici\".",
		"<p>Fin<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>⍽!</p>\n<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n<p>Note␣: voir «⍽ici⍽».&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n"},
	{"definition list", "Terme ?\n: Définition : \"oui\".",
		"<dl>\n<dt>Terme⍽?</dt>\n<dd>Définition␣: «⍽oui⍽».</dd>\n</dl>\n"},
	{"image alt", `![Un "chat" !](chat.png "Titre : x") ?`,
		"<p><img src=\"chat.png\" alt=\"Un «⍽chat⍽»⍽!\" title=\"Titre : x\">⍽?</p>\n"},
	{"link destination", `[lien](https://x.fr/a?b=1;c "t") et [réf][x]

[x]: https://y.fr/?a;b`,
		"<p><a href=\"https://x.fr/a?b=1;c\" title=\"t\">lien</a> et <a href=\"https://y.fr/?a;b\">réf</a></p>\n"},
	{"escaped quotes", `Il a dit \"non\" \: voilà.`,
		"<p>Il a dit &quot;non&quot; : voilà.</p>\n"},
	{"entity nbsp", `Vraiment&nbsp;? Oui&#160;!`,
		"<p>Vraiment⍽? Oui⍽!</p>\n"},
	{"hex entity", `Oui&#x202F;! Non&#xA0;?`,
		"<p>Oui⍽! Non⍽?</p>\n"},
	{"entity kept", `R&amp;D ; &quot;x&quot; et &laquo;y&raquo; ?`,
		"<p>R&amp;D⍽; &quot;x&quot; et «y»⍽?</p>\n"},
	{"soft line break", "Il a dit \"bonjour\nà tous\" !\nEt toi\n?",
		"<p>Il a dit «⍽bonjour\nà tous⍽»⍽!\nEt toi\n?</p>\n"},
	{"hard line break", "Quoi ?  \nNon !\\\nFin : ok",
		"<p>Quoi⍽?<br>\nNon⍽!<br>\nFin␣: ok</p>\n"},
	{"quote across paragraphs", "\"Premier paragraphe.\n\n\"Second paragraphe.\"",
		"<p>&quot;Premier paragraphe.</p>\n<p>«⍽Second paragraphe.⍽»</p>\n"},
	{"strikethrough", `Un ~~"mot"~~ !`,
		"<p>Un <del>«⍽mot⍽»</del>⍽!</p>\n"},
	{"task list", "- [ ] Publier : demain\n- [x] Relire !",
		"<ul>\n<li><input disabled=\"\" type=\"checkbox\"> Publier␣: demain</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> Relire⍽!</li>\n</ul>\n"},
	{"math as text", `Soit $a:b$ ; et \(x ; y\) !`,
		"<p>Soit $a:b$⍽; et (x ; y)⍽!</p>\n"},
	{"dashes and ellipsis", `Paris -- Lyon --- enfin... Voir --help`,
		"<p>Paris – Lyon — enfin… Voir --help</p>\n"},
	{"paragraph start", `: pas d'espace ici ! ? non plus`,
		"<p>: pas d’espace ici⍽! ? non plus</p>\n"},
}

func TestExtension(t *testing.T) {
	md := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	for _, tt := range markdownCases {
		t.Run(tt.name, func(t *testing.T) {
			want := invisible(tt.want)
			if got := render(t, md, tt.in, "fr"); got != want {
				t.Errorf("render(%q) = %q; want %q", tt.in, visible(got), tt.want)
			}
		})
	}
}

func TestExtensionLanguages(t *testing.T) {
	const src = "\"Bonjour\" ! C'est -- *vraiment* ?\n\n```\n\"x\" : y\n```\n"
	md := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	plain := render(t, newMarkdown(nil), src, "")
	tests := []struct{ lang, want string }{
		{"fr-FR", "<p>«⍽Bonjour⍽»⍽! C’est – <em>vraiment</em>⍽?</p>\n<pre><code>&quot;x&quot; : y\n</code></pre>\n"},
		{"en", "<p>“Bonjour” ! C’est – <em>vraiment</em> ?</p>\n<pre><code>&quot;x&quot; : y\n</code></pre>\n"},
		{"de", plain},
		{"", plain},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := render(t, md, src, tt.lang); got != invisible(tt.want) {
				t.Errorf("render(%q) in %q = %q; want %q", src, tt.lang, visible(got), tt.want)
			}
		})
	}
}

func TestExtensionNilLanguage(t *testing.T) {
	const src = `"Bonjour" ! C'est -- vraiment ?`
	md := goldmark.New(goldmark.WithExtensions(Extension(Defaults(), nil)))
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "<p>&quot;Bonjour&quot; ! C'est -- vraiment ?</p>\n"; got != want {
		t.Errorf("render(%q) = %q; want %q", src, got, want)
	}
}

// appender is an AST transformer that runs before the pass and appends to
// the first paragraph the kinds of node other extensions create: a string,
// a code string and a raw text node.
type appender struct{}

func (appender) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	p := doc.FirstChild()
	p.AppendChild(p, ast.NewString([]byte(` et "l'ami" ?`)))
	code := ast.NewString([]byte(` a : "b"`))
	code.SetCode(true)
	p.AppendChild(p, code)
	raw := ast.NewTextSegment(p.FirstChild().(*ast.Text).Segment)
	raw.SetRaw(true)
	p.AppendChild(p, raw)
}

func TestExtensionOtherNodes(t *testing.T) {
	md := goldmark.New(
		goldmark.WithExtensions(Extension(Defaults(), langOf)),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(appender{}, Priority-1))),
	)
	const src = `"Salut" ?`
	got := render(t, md, src, "fr")
	const want = "<p>«⍽Salut⍽»⍽? et «⍽l’ami⍽»⍽? a : \"b\"&quot;Salut&quot; ?</p>\n"
	if got != invisible(want) {
		t.Errorf("render(%q) = %q; want %q", src, visible(got), want)
	}
}

// TestExtensionMatchesString checks that a paragraph of plain text comes out
// of the goldmark pass as String makes it, so titles and bodies agree.
func TestExtensionMatchesString(t *testing.T) {
	md := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	for _, tt := range frenchCases {
		in := invisible(tt.in)
		if strings.ContainsAny(in, "`*_<>&[]\\{$\n#@") || strings.Contains(in, "www.") || strings.Contains(in, "://") || strings.HasPrefix(in, "-") || strings.HasPrefix(in, ":") {
			continue // Markdown syntax, or text linkify turns into a link
		}
		got := render(t, md, in, "fr")
		want := "<p>" + strings.ReplaceAll(String("fr", in, Defaults()), `"`, "&quot;") + "</p>\n"
		if got != want {
			t.Errorf("render(%q) = %q; want %q", tt.in, visible(got), visible(want))
		}
	}
}

// TestGolden renders a French article with the pass and compares it with
// testdata/article.golden.html; go test -update rewrites the golden file.
func TestGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	got := render(t, md, string(src), "fr")
	golden := filepath.Join("testdata", "article.golden.html")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("render(testdata/article.md) differs from %s; run go test -update and review the diff", golden)
	}
}

// TestExtensionConcurrent renders pages from several goroutines with one
// goldmark instance, as relais's markdown stage does.
func TestExtensionConcurrent(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	want := render(t, md, string(src), "fr")
	en := render(t, md, string(src), "en")
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for range 5 {
				lang, w := "fr", want
				if g%2 == 1 {
					lang, w = "en", en
				}
				if got := render(t, md, string(src), lang); got != w {
					t.Errorf("render(testdata/article.md) in %s differs when rendered concurrently", lang)
				}
			}
		})
	}
	wg.Wait()
}
