package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// linkifyPair renders with goldmark's GFM and with relais's, whose linkify
// parser sits behind linkifyFilter: the HTML must be the same.
func linkifyPair() (plain, filtered goldmark.Markdown) {
	return goldmark.New(goldmark.WithExtensions(extension.GFM)), goldmark.New(goldmark.WithExtensions(gfm{}))
}

func convert(t testing.TB, md goldmark.Markdown, src []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert(src, &b); err != nil {
		t.Fatalf("Convert(%q): %v", src, err)
	}
	return b.Bytes()
}

func TestLinkifyFilter(t *testing.T) {
	plain, filtered := linkifyPair()
	tests := []string{
		"Voir www.example.fr et https://relais.example/a.",
		"http://x.fr ftp://f.example/a (https://p.example/b) *https://e.example* _www.u.example_ ~www.s.example~",
		"Écrire à contact@relais.example ou à l’équipe: a.b+c@sous.domaine.fr.",
		"pas@ une adresse, @moi, x@y, a@b.c, é@x.fr, ab@é.fr, \"q\"@x.fr, a_b@x.fr-",
		"un mot très long " + string(bytes.Repeat([]byte("a"), 63)) + "@x.fr et " + string(bytes.Repeat([]byte("b"), 64)) + "@x.fr et " + string(bytes.Repeat([]byte("c"), 65)) + "@x.fr",
		"(contact@x.fr) *moi@x.fr* _toi@x.fr_ ~lui@x.fr~\ttab@x.fr",
		"[lien www.dans.example](/x) et hwww.example.fr fwww wfoo@x.fr",
		"| a | www.table.example |\n|---|---|\n| b@c.fr | https://d.example |",
		"- [x] tâche www.t.example\n- [ ] ~~barré https://b.example~~",
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tests = append(tests, string(b))
	}
	// The cases do find links, so the comparison means something.
	for _, want := range []string{
		`href="mailto:contact@relais.example"`, `href="mailto:a.b+c@sous.domaine.fr"`,
		`href="mailto:` + string(bytes.Repeat([]byte("b"), 64)) + `@x.fr"`, `href="mailto:moi@x.fr"`,
		`href="http://www.example.fr"`, `href="ftp://f.example/a"`,
	} {
		found := false
		for _, src := range tests[:6] {
			found = found || bytes.Contains(convert(t, filtered, []byte(src)), []byte(want))
		}
		if !found {
			t.Errorf("no case renders %s", want)
		}
	}
	for _, src := range tests {
		if got, want := convert(t, filtered, []byte(src)), convert(t, plain, []byte(src)); !bytes.Equal(got, want) {
			t.Errorf("with linkifyFilter, Convert(%q) = %q; want %q", src, got, want)
		}
	}
}

func FuzzLinkifyFilter(f *testing.F) {
	for _, s := range []string{"a www.x.fr b", "x y@z.fr", " http://a", "(ftp://b)", "*c@d.e*", "a\u00e9@b.fr", "@a", "~w"} {
		f.Add([]byte(s))
	}
	plain, filtered := linkifyPair()
	f.Fuzz(func(t *testing.T, src []byte) {
		if got, want := convert(t, filtered, src), convert(t, plain, src); !bytes.Equal(got, want) {
			t.Errorf("with linkifyFilter, Convert(%q) = %q; want %q", src, got, want)
		}
	})
}
