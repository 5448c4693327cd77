package theme

import (
	"html/template"
	"strings"
	"testing"
)

// The built-in partials escape as html/template does: the fuzz tests run
// html/template itself on the same strings.

var (
	attrTmpl = template.Must(template.New("a").Parse(`<meta content="{{ . }}">`))
	textTmpl = template.Must(template.New("t").Parse(`<p>{{ . }}</p>`))
	hrefTmpl = template.Must(template.New("h").Parse(`<a href="{{ . }}">`))
)

func execTmpl(t *testing.T, tm *template.Template, s string) string {
	var b strings.Builder
	if err := tm.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func checkEscapers(t *testing.T, s string) {
	var b strings.Builder
	escapeHTML(&b, s)
	if got, want := `<meta content="`+b.String()+`">`, execTmpl(t, attrTmpl, s); got != want {
		t.Errorf("escapeHTML(%q) in an attribute = %q; html/template writes %q", s, got, want)
	}
	if got, want := "<p>"+b.String()+"</p>", execTmpl(t, textTmpl, s); got != want {
		t.Errorf("escapeHTML(%q) in text = %q; html/template writes %q", s, got, want)
	}
	b.Reset()
	escapeURL(&b, s)
	if got, want := `<a href="`+b.String()+`">`, execTmpl(t, hrefTmpl, s); got != want {
		t.Errorf("escapeURL(%q) = %q; html/template writes %q", s, got, want)
	}
}

var escaperSeeds = []string{
	"", "Réseaux « sociaux » & co", `a+b&"<'>` + "\x00", "2026-01-02T10:00:00+01:00",
	"/posts/été x/?a=1&b=2#h", "javascript:alert(1)", "JavaScript:x", "mailto:a@b.fr", "HTTPS://x.org/a b",
	"//cdn.example/x", "/a:b/c", "%41%zz", "\xff\xfe invalid", "tab\tnew\nline", "[]!$*,;=@~",
}

func TestEscapers(t *testing.T) {
	for _, s := range escaperSeeds {
		checkEscapers(t, s)
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range escaperSeeds {
		f.Add(s)
	}
	f.Fuzz(checkEscapers)
}
