package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
)

type nopRegisterer struct{}

func (nopRegisterer) Register(ast.NodeKind, renderer.NodeRendererFunc) {}

// TestHighlightPlain checks that the formatters kept per language write
// what goldmark-highlighting writes with one built for the block.
func TestHighlightPlain(t *testing.T) {
	blocks := []struct{ lang, code string }{
		{"go", "package main\n\nfunc main() {\n\tprintln(\"« salut »\") // café\n}"},
		{"yml", "a: 1\nb: [x, \"y\"]"},
		{"yaml", "a: 1\nb: [x, \"y\"]"}, // the same code under another label
		{"YAML", "clé: valeur"},
		{"txt", "brut <b> & \"guillemets\""},
		{"js", "const a = `x${1}` < 2 && b;"},
		{"html", "<p class=\"x\">&amp; é</p>"},
		{"bash", "echo \"$HOME\" | grep -v '#' > /dev/null"},
		{"python", "def f(x):\n    return x ** 2  # carré"},
		{"json", "{\"a\": [1, true, null]}"},
		{"css", ".a > b::before { content: \"»\"; }"},
		{"rust", "fn main() { let s = r#\"x\"#; }"},
		{"c++", "int main() { return 0; }"},
		{"toml", "[params]\ntitle = \"Été\""},
		{"diff", "-a\n+b"},
		{"go", ""},
		{"go", "\tindented\n\n\n"},
	}
	for _, opt := range []Options{site, {Unsafe: true, Highlight: true, LineNumbers: true}} {
		c := newCodeRenderer(opt)
		c.RegisterFuncs(nopRegisterer{})
		p := New(opt).md.Parser()
		for _, bl := range blocks {
			src := []byte("```" + bl.lang + "\n" + bl.code + "\n```\n")
			f, ok := p.Parse(text.NewReader(src)).FirstChild().(*ast.FencedCodeBlock)
			if !ok {
				t.Fatalf("%q: no fenced code block", src)
			}
			lang := f.Language(src)
			l := lookupLanguage(string(lang))
			if l.lexer == nil {
				t.Fatalf("lookupLanguage(%q) has no lexer", lang)
			}
			var got, want buffer
			if _, err := c.highlightPlain(&got, src, f, l, lang, true); err != nil {
				t.Fatal(err)
			}
			if l.alias == "" {
				_, _ = c.highlight(&want, src, f, true)
			} else {
				_, _ = c.highlightAs(&want, src, f, l.alias, lang, true)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("highlightPlain(%q, line numbers %v) = %q; want %q", src, opt.LineNumbers, got.Bytes(), want.Bytes())
			}
			var again buffer // from the cache of highlighted blocks
			if _, err := c.highlightPlain(&again, src, f, l, lang, true); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), got.Bytes()) {
				t.Errorf("highlightPlain(%q) a second time = %q; want %q", src, again.Bytes(), got.Bytes())
			}
			if !strings.Contains(got.String(), `data-lang="`+string(lang)+`"`) {
				t.Errorf("highlightPlain(%q) = %q; want the label %q", src, got.Bytes(), lang)
			}
		}
		if n := len(c.formatters.m); n == 0 || n > len(blocks) {
			t.Errorf("%d formatters kept for %d blocks; want one per label", n, len(blocks))
		}
	}
}
