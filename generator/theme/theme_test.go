package theme

import (
	"bytes"
	"errors"
	"html/template"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais/relais/generator/site"
)

func testConfig() *site.Config {
	return &site.Config{BaseURL: "https://example.org/", Title: "Le blog", LanguageCode: "fr-FR"}
}

func mustLoad(t *testing.T, fsys fstest.MapFS, name string) *Theme {
	t.Helper()
	th, err := Load(fsys, name, testConfig())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return th
}

func execute(t *testing.T, th *Theme, layout string, d *Data) string {
	t.Helper()
	var b bytes.Buffer
	if err := th.Execute(&b, layout, d); err != nil {
		t.Fatalf("Execute(%q): %v", layout, err)
	}
	return b.String()
}

// testData is an article of a one-language French site.
func testData() *Data {
	cfg := testConfig()
	lang := cfg.Langs()[0]
	p := &site.Page{
		Path: "content/posts/x.md", URL: "/posts/x/", Lang: "fr", Title: "Bonjour", Kind: site.KindPage,
		Section: "posts", Date: time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC), ReadingTime: 5,
		HTML: "<p>Corps</p>", Params: map[string]any{},
	}
	s := &site.Site{Config: cfg, Lang: lang, Languages: []*site.Language{lang}, Pages: []*site.Page{p}}
	return &Data{Site: s, Kind: KindPage, URL: p.URL, Page: p, Title: p.Title}
}

func TestDefaultThemeHasEveryLayout(t *testing.T) {
	th := mustLoad(t, fstest.MapFS{}, "")
	for _, name := range []string{"index.html", "page.html", "section.html", "taxonomy.html", "term.html", "archives.html", "404.html", "alias.html", "partials/head.html"} {
		if !th.Lookup(name) {
			t.Errorf("Lookup(%q) = false; want true", name)
		}
	}
	if th.Lookup("nope.html") {
		t.Errorf("Lookup(%q) = true; want false", "nope.html")
	}
}

// A site overrides one partial: its header is used, everything else
// (head, footer, the page layout) still comes from the default theme.
func TestLookupOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/partials/header.html":              {Data: []byte(`<header>SITE HEADER {{ .SiteTitle }}</header>`)},
		"themes/plain/layouts/partials/header.html": {Data: []byte(`<header>THEME HEADER</header>`)},
		"themes/plain/layouts/partials/footer.html": {Data: []byte(`<footer>THEME FOOTER</footer>`)},
		"themes/plain/layouts/section.html":         {Data: []byte(`THEME SECTION {{ .Title }}`)},
	}
	th := mustLoad(t, fsys, "plain")
	out := execute(t, th, "page.html", testData())
	for _, want := range []string{
		"SITE HEADER Le blog",                // the site's layouts/ first
		"THEME FOOTER",                       // then themes/plain/layouts/
		`<meta property="og:title"`,          // then the embedded default (partials/share.html)
		`<h1 class="p-name">Bonjour</h1>`,    // default page.html
		`<link rel="stylesheet" href="/css/`, // default head.html
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page.html lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "THEME HEADER") {
		t.Errorf("page.html used the theme's header, not the site's")
	}
	d := testData()
	d.Kind, d.Title = KindSection, "Articles"
	if got := execute(t, th, "section.html", d); got != "THEME SECTION Articles" {
		t.Errorf("section.html = %q; want %q", got, "THEME SECTION Articles")
	}
}

func TestSectionLayoutAndStandalone(t *testing.T) {
	fsys := fstest.MapFS{
		// Blocks only: rendered inside the default baseof.html.
		"layouts/posts/page.html": {Data: []byte(`{{ define "main" }}<p class="custom">{{ .Page.Title }}</p>{{ end }}`)},
	}
	th := mustLoad(t, fsys, "")
	if !th.Lookup("posts/page.html") {
		t.Fatal(`Lookup("posts/page.html") = false`)
	}
	out := execute(t, th, "posts/page.html", testData())
	if !strings.Contains(out, `<p class="custom">Bonjour</p>`) || !strings.Contains(out, "<!doctype html>") {
		t.Errorf("posts/page.html was not rendered inside baseof.html:\n%s", out)
	}
}

func TestLoadMissingTheme(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "nope", testConfig())
	if err == nil || !strings.Contains(err.Error(), "themes/nope") {
		t.Fatalf("Load(nope) error = %v; want one naming themes/nope", err)
	}
}

// Template errors name the file, as the user sees it, and the line.
func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		theme string
		want  string
	}{
		{
			name:  "parse error in a theme",
			fsys:  fstest.MapFS{"themes/plain/layouts/page.html": {Data: []byte("<p>\n{{ .Title }}\n{{ if }}\n")}},
			theme: "plain",
			want:  "themes/plain/layouts/page.html:3: ",
		},
		{
			name: "unknown function in a site partial",
			fsys: fstest.MapFS{"layouts/partials/head.html": {Data: []byte("<meta charset=\"utf-8\">\n{{ nosuchfunc .Title }}")}},
			want: "layouts/partials/head.html:2: ",
		},
		{
			name: "escaping context error",
			fsys: fstest.MapFS{"layouts/404.html": {Data: []byte("<html>\n<body>\n{{ if .Title }}<a href=\"{{ end }}\n</body></html>")}},
			want: "layouts/404.html:3:",
		},
		{
			name: "missing partial",
			fsys: fstest.MapFS{"layouts/partials/footer.html": {Data: []byte("<footer>\n{{ template \"partials/nope.html\" . }}</footer>")}},
			want: "layouts/partials/footer.html:2:",
		},
		{
			name: "bad translation file",
			fsys: fstest.MapFS{"i18n/fr.toml": {Data: []byte("readMore = \"Lire\"\n\ntoc = [1, 2]\n")}},
			want: "i18n/fr.toml:3: toc: item 1 is int64 (want a string)",
		},
		{
			name: "translation syntax error",
			fsys: fstest.MapFS{"i18n/fr.toml": {Data: []byte("readMore = \"Lire\"\ntoc = \n")}},
			want: "i18n/fr.toml:2: ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fsys, tt.theme, testConfig())
			if err == nil {
				t.Fatalf("Load succeeded; want an error starting %q", tt.want)
			}
			var serr *site.Error
			if !errors.As(err, &serr) {
				t.Errorf("error %T is not a *site.Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Load error = %q; want it to start with %q", err, tt.want)
			}
		})
	}
}

// An error while executing names the template file, line and column.
func TestExecuteErrorNamesFile(t *testing.T) {
	fsys := fstest.MapFS{"themes/plain/layouts/page.html": {Data: []byte("<p>\n  {{ .Page.Nope }}</p>\n")}}
	th := mustLoad(t, fsys, "plain")
	err := th.Execute(&bytes.Buffer{}, "page.html", testData())
	if err == nil || !strings.Contains(err.Error(), "themes/plain/layouts/page.html:2:") {
		t.Fatalf("Execute error = %v; want it to name themes/plain/layouts/page.html:2", err)
	}
	err = th.Execute(&bytes.Buffer{}, "nope.html", testData())
	if err == nil || !strings.Contains(err.Error(), `no layout "nope.html"`) {
		t.Fatalf("Execute(nope.html) error = %v; want no layout", err)
	}
}

func TestStatic(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/plain/static/css/style.css": {Data: []byte("/* plain */")},
		"themes/plain/static/js/menu.js":    {Data: []byte("//")},
		"themes/plain/layouts/.keep":        {Data: nil},
		"static/css/style.css":              {Data: []byte("/* the site's: copied by the build, not here */")},
	}
	th := mustLoad(t, fsys, "plain")
	st, err := th.Static()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(st["css/style.css"]); got != "/* plain */" {
		t.Errorf("css/style.css = %q; want the theme's", got)
	}
	if _, ok := st["js/menu.js"]; !ok {
		t.Errorf("js/menu.js missing")
	}
	if _, ok := st["favicon.svg"]; !ok {
		t.Errorf("favicon.svg of the default theme missing")
	}

	def := mustLoad(t, fstest.MapFS{}, "")
	st, err = def.Static()
	if err != nil {
		t.Fatal(err)
	}
	css := string(st["css/style.css"])
	for _, want := range []string{"prefers-color-scheme: dark", "@media print", ":focus-visible", "overflow-x: auto"} {
		if !strings.Contains(css, want) {
			t.Errorf("default style.css lacks %q", want)
		}
	}
	for _, host := range []string{"http://", "https://", "@import", "fonts.googleapis"} {
		if strings.Contains(css, host) {
			t.Errorf("default style.css loads %q: the theme must load nothing from other hosts", host)
		}
	}
}

func TestJSONLDEscapes(t *testing.T) {
	got, err := jsonld(map[string]string{"headline": `</script><script>alert("x")</script> & co`})
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	inner := strings.TrimSuffix(strings.TrimPrefix(s, `<script type="application/ld+json">`), `</script>`)
	if strings.Contains(strings.ToLower(inner), "</script") || strings.Contains(inner, "<") {
		t.Errorf("jsonld = %s; the payload can close the script element", s)
	}
	if want := `\u003c/script\u003e`; !strings.Contains(inner, want) {
		t.Errorf("jsonld = %s; want %s", s, want)
	}
	if got, _ := jsonld(nil); got != template.HTML("") {
		t.Errorf("jsonld(nil) = %q; want empty", got)
	}
}

func TestURLs(t *testing.T) {
	tests := []struct {
		base, in, abs, rel string
	}{
		{"https://example.org/", "/posts/x/", "https://example.org/posts/x/", "/posts/x/"},
		{"https://example.org/", "css/style.css", "https://example.org/css/style.css", "/css/style.css"},
		{"https://example.org/blog/", "/posts/x/", "https://example.org/blog/posts/x/", "/blog/posts/x/"},
		{"https://example.org/blog/", "/", "https://example.org/blog/", "/blog/"},
		{"https://example.org/", "https://other.org/a", "https://other.org/a", "https://other.org/a"},
		{"https://example.org/", "//cdn.example/a", "//cdn.example/a", "//cdn.example/a"},
		{"", "/a/", "/a/", "/a/"},
	}
	for _, tt := range tests {
		cfg := &site.Config{BaseURL: tt.base}
		if got := AbsURL(cfg, tt.in); got != tt.abs {
			t.Errorf("AbsURL(%q, %q) = %q; want %q", tt.base, tt.in, got, tt.abs)
		}
		if got := RelURL(cfg, tt.in); got != tt.rel {
			t.Errorf("RelURL(%q, %q) = %q; want %q", tt.base, tt.in, got, tt.rel)
		}
	}
}

func TestDict(t *testing.T) {
	m, err := dict("a", 1, "b", "x")
	if err != nil || m["a"] != 1 || m["b"] != "x" {
		t.Errorf("dict = %v, %v", m, err)
	}
	if _, err := dict("a"); err == nil {
		t.Errorf("dict(odd) succeeded")
	}
	if _, err := dict(1, 2); err == nil {
		t.Errorf("dict(non-string key) succeeded")
	}
}

// Execute is safe for concurrent use, in several languages at once.
func TestExecuteConcurrent(t *testing.T) {
	th := mustLoad(t, fstest.MapFS{}, "")
	done := make(chan string)
	for i := range 8 {
		go func() {
			d := testData()
			if i%2 == 1 {
				d.Page.Lang = "en"
			}
			var b bytes.Buffer
			if err := th.Execute(&b, "page.html", d); err != nil {
				done <- err.Error()
				return
			}
			done <- ""
		}()
	}
	for range 8 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(fstest.MapFS{}, "", testConfig()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExecuteArticle(b *testing.B) {
	th, err := Load(fstest.MapFS{}, "", testConfig())
	if err != nil {
		b.Fatal(err)
	}
	d := testData()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := th.Execute(&buf, "page.html", d); err != nil {
			b.Fatal(err)
		}
	}
}

// Two lists of keys name the same fragment only when they are equal.
func TestVariantOf(t *testing.T) {
	lists := [][]any{nil, {}, {""}, {"", ""}, {"a"}, {"a", "b"}, {"a:b"}, {"1:a"}, {"a\x00b"}, {1}, {"1"}, {"a", 1}, {true}}
	seen := map[string]int{}
	for i, keys := range lists {
		v := variantOf(keys)
		if j, ok := seen[v]; ok && !(len(lists[i]) == 0 && len(lists[j]) == 0) {
			t.Errorf("variantOf(%#v) = variantOf(%#v) = %q", keys, lists[j], v)
		}
		seen[v] = i
		if again := variantOf(slices.Clone(keys)); again != v {
			t.Errorf("variantOf(%#v) = %q, then %q", keys, v, again)
		}
	}
}

// BenchmarkExecuteArticleShared renders an article as a build does: with
// the language's Common, so the shared fragments come from its cache.
func BenchmarkExecuteArticleShared(b *testing.B) {
	th, err := Load(fstest.MapFS{}, "", testConfig())
	if err != nil {
		b.Fatal(err)
	}
	d := testData()
	d.Common = NewCommon(d.Site)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := th.Execute(&buf, "page.html", d); err != nil {
			b.Fatal(err)
		}
	}
}

// partialCached renders a theme's partial once per language and key, for
// every page that shares a Common.
func TestPartialCached(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/plain/layouts/page.html":       {Data: []byte(`{{ partialCached "partials/x.html" . }}|{{ partialCached "partials/x.html" . .Page.Title }}`)},
		"themes/plain/layouts/partials/x.html": {Data: []byte(`{{ .Page.Title }}`)},
	}
	th := mustLoad(t, fsys, "plain")
	a, b := testData(), testData()
	b.Page.Title = "Autre"
	common := NewCommon(a.Site)
	b.Site = a.Site
	a.Common, b.Common = common, common
	if got := execute(t, th, "page.html", a); got != "Bonjour|Bonjour" {
		t.Errorf("first page = %q", got)
	}
	if got := execute(t, th, "page.html", b); got != "Bonjour|Autre" {
		t.Errorf("second page = %q; want the cached fragment, then the one under its own key", got)
	}
	b.Common = nil
	if got := execute(t, th, "page.html", b); got != "Autre|Autre" {
		t.Errorf("without a Common = %q; want nothing cached", got)
	}
}

// A partial the site overrides is not cached: the user may show the page's
// own data in a footer the default theme caches.
func TestPartialCachedNotForSiteOverrides(t *testing.T) {
	fsys := fstest.MapFS{"layouts/partials/footer.html": {Data: []byte(`<footer>{{ .Page.Title }}</footer>`)}}
	th := mustLoad(t, fsys, "")
	a, b := testData(), testData()
	b.Site, b.Page.Title = a.Site, "Autre"
	a.Common = NewCommon(a.Site)
	b.Common = a.Common
	execute(t, th, "page.html", a)
	if got := execute(t, th, "page.html", b); !strings.Contains(got, "<footer>Autre</footer>") {
		t.Errorf("the site's footer was cached: %s", got[strings.Index(got, "<footer"):])
	}
}
