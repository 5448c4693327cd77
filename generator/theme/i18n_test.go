package theme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais/relais/themes"
)

func TestFormatDate(t *testing.T) {
	nov22 := time.Date(2026, 11, 22, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	jan1 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	aug3 := time.Date(2025, 8, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		t           time.Time
		lang, style string
		want        string
	}{
		{nov22, "fr", "long", "22 novembre 2026"},
		{jan1, "fr", "long", "1er janvier 2026"},
		{aug3, "fr", "long", "3 août 2025"},
		{nov22, "fr", "short", "22 nov. 2026"},
		{jan1, "fr", "short", "1er janv. 2026"},
		{nov22, "fr", "full", "dimanche 22 novembre 2026"},
		{nov22, "fr", "daymonth", "22 nov."},
		{nov22, "fr-ca", "long", "22 novembre 2026"}, // a region falls back to its language
		{nov22, "en", "long", "November 22, 2026"},
		{jan1, "en", "long", "January 1, 2026"},
		{nov22, "en", "short", "Nov 22, 2026"},
		{nov22, "en", "full", "Sunday, November 22, 2026"},
		{nov22, "de", "long", "November 22, 2026"}, // no German strings: English
		{nov22, "fr", "iso", "2026-11-22"},
		{nov22, "fr", "rfc3339", "2026-11-22T09:30:00+01:00"},
		{nov22, "fr", "02/01/2006", "22/11/2026"}, // a Go layout
		{time.Time{}, "fr", "long", ""},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.t, tt.lang, tt.style); got != tt.want {
			t.Errorf("FormatDate(%s, %q, %q) = %q; want %q", tt.t.Format(time.DateOnly), tt.lang, tt.style, got, tt.want)
		}
	}
}

func TestT(t *testing.T) {
	th := mustLoad(t, fstest.MapFS{}, "")
	tests := []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"fr", "readMore", nil, "Lire la suite"},
		{"en", "readMore", nil, "Read more"},
		{"fr", "readingTime", []any{5}, "5\u00a0min de lecture"},
		{"en", "readingTime", []any{1}, "1 min read"},
		{"en", "articleCount", []any{1}, "1 post"},
		{"en", "articleCount", []any{0}, "0 posts"},
		{"en", "articleCount", []any{2}, "2 posts"},
		{"fr", "articleCount", []any{0}, "0\u00a0article"}, // French: 0 and 1 are singular
		{"fr", "articleCount", []any{1}, "1\u00a0article"},
		{"fr", "articleCount", []any{2}, "2\u00a0articles"},
		{"fr", "articleCount", []any{int64(1500)}, "1500\u00a0articles"},
		{"fr", "pageOf", []any{map[string]any{"page": 2, "total": 5}}, "Page\u00a02 sur 5"},
		{"fr", "updated", []any{map[string]any{"date": "3 mai 2026"}}, "mis à jour le 3 mai 2026"},
		{"fr", "noSuchKey", nil, "noSuchKey"},
		{"es", "readMore", nil, "Read more"}, // no Spanish strings: English
		{"fr", "subscribe", nil, "S’abonner\u00a0:"},
	}
	for _, tt := range tests {
		if got := th.I18n(tt.lang).T(tt.key, tt.args...); got != tt.want {
			t.Errorf("I18n(%q).T(%q, %v) = %q; want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

// A site overrides one French string and adds Spanish, without touching
// a template.
func TestI18nOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/fr.toml": {Data: []byte(`readMore = "Lire l’article"
articleCount = { one = "{count} billet", other = "{count} billets" }
`)},
		"i18n/es.toml": {Data: []byte(`languageName = "Español"
readMore = "Leer más"
dateLong = "{day} de {month} de {year}"
months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
`)},
		"themes/plain/i18n/fr.toml": {Data: []byte(`readMore = "Continuer"
toc = "Au menu"
`)},
		"themes/plain/layouts/.keep": {},
	}
	th := mustLoad(t, fsys, "plain")
	fr, es := th.I18n("fr"), th.I18n("es")
	tests := []struct {
		m         *Messages
		key, want string
		args      []any
	}{
		{fr, "readMore", "Lire l’article", nil},     // the site's file wins over the theme's
		{fr, "toc", "Au menu", nil},                 // the theme's wins over the default
		{fr, "archives", "Archives", nil},           // the default theme's
		{fr, "articleCount", "2 billets", []any{2}}, // a plural table replaced
		{es, "readMore", "Leer más", nil},           // a new language
		{es, "toc", "Contents", nil},                // what it lacks comes from English
		{es, "languageName", "Español", nil},
	}
	for _, tt := range tests {
		if got := tt.m.T(tt.key, tt.args...); got != tt.want {
			t.Errorf("I18n(%q).T(%q) = %q; want %q", tt.m.Lang(), tt.key, got, tt.want)
		}
	}

	// Templates speak the page's language: a Spanish page gets Spanish
	// strings and Spanish dates.
	d := testData()
	d.Page.Lang = "es"
	d.Page.Date = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	d.Page.Truncated = true
	out := execute(t, th, "page.html", d)
	if !strings.Contains(out, "22 de noviembre de 2026") {
		t.Errorf("Spanish page lacks its Spanish date:\n%s", out)
	}
	if !strings.Contains(out, `<html lang="es">`) {
		t.Errorf("Spanish page lacks lang=es")
	}
	d.Page.Lang = "fr"
	if out := execute(t, th, "page.html", d); !strings.Contains(out, "22 novembre 2026") {
		t.Errorf("French page lacks its French date:\n%s", out)
	}
}

// The default theme's files have the same keys in every language, so no
// French page shows an English word.
func TestDefaultStringsComplete(t *testing.T) {
	c := defaultCatalog()
	en, fr := c.msgs["en"], c.msgs["fr"]
	if len(en) < 40 {
		t.Fatalf("en.toml has %d keys; want the whole theme", len(en))
	}
	for k := range en {
		if _, ok := fr[k]; !ok {
			t.Errorf("fr.toml lacks %q", k)
		}
	}
	for k := range fr {
		if _, ok := en[k]; !ok && k != "dayOne" {
			t.Errorf("en.toml lacks %q", k)
		}
	}
}

// Every T key used by the default templates exists in English.
func TestTemplatesKeysExist(t *testing.T) {
	en := defaultCatalog().msgs["en"]
	th := mustLoad(t, fstest.MapFS{}, "")
	found := map[string]bool{}
	for name, l := range th.layouts {
		for _, tmpl := range l.set.Templates() {
			if tmpl.Tree == nil {
				continue
			}
			for _, key := range literalKeys(tmpl.Tree.Root.String()) {
				found[key] = true
				if _, ok := en[key]; !ok {
					t.Errorf("%s (%s): T %q has no English string", name, tmpl.Tree.ParseName, key)
				}
			}
		}
	}
	// The built-in partials ask for the keys of the templates they run.
	refs, _ := filepath.Glob("testdata/reference/*.html")
	for _, f := range refs {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range literalKeys(string(src)) {
			found[key] = true
			if _, ok := en[key]; !ok {
				t.Errorf("%s: T %q has no English string", f, key)
			}
		}
	}
	if len(found) < 30 {
		t.Errorf("found %d T keys in the default templates; want them all (is literalKeys broken?)", len(found))
	}
}

// literalKeys finds T "key" calls in a template's source.
func literalKeys(src string) []string {
	var keys []string
	for {
		i := strings.Index(src, `T "`)
		if i < 0 {
			return keys
		}
		src = src[i+3:]
		j := strings.IndexByte(src, '"')
		if j < 0 {
			return keys
		}
		keys = append(keys, src[:j])
		src = src[j:]
	}
}

func TestFill(t *testing.T) {
	vals := map[string]string{"a": "1", "b": "{a}"}
	get := func(n string) (string, bool) { v, ok := vals[n]; return v, ok }
	tests := []struct{ in, want string }{
		{"", ""},
		{"{a}", "1"},
		{"x{a}y{b}z", "x1y{a}z"}, // values are not filled again
		{"{c} {a}", "{c} 1"},
		{"{a", "{a"},
		{"}{a}{", "}1{"},
	}
	for _, tt := range tests {
		if got := fill(tt.in, get); got != tt.want {
			t.Errorf("fill(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzParseMessages(f *testing.F) {
	for _, name := range []string{"default/i18n/en.toml", "default/i18n/fr.toml"} {
		b, err := themes.FS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("a = {one = 1}\nb = [\"x\", 2]\n[c]\nother = \"y\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, errs := parseMessages("i18n/x.toml", data)
		for _, e := range errs {
			if e.Path != "i18n/x.toml" {
				t.Errorf("error %v does not name the file", e)
			}
		}
		if len(errs) == 0 && m == nil {
			t.Errorf("no messages and no error")
		}
		msgs := &Messages{lang: "fr", own: m}
		for k := range m {
			_ = msgs.T(k, 3)
		}
	})
}
