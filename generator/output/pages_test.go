package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// TestGolden renders the test site and compares every file with
// testdata/site.golden.txtar. Run with -update to rewrite it, and review
// the diff like code.
func TestGolden(t *testing.T) {
	files := renderHTML(t, pagesSites())
	writePreview(t, files)
	got := goldenArchive(files)

	// Rendering again gives the same bytes: no map order, no clock.
	if again := goldenArchive(renderHTML(t, pagesSites())); !bytes.Equal(got, again) {
		t.Fatal("two renders of the same site differ")
	}

	golden := filepath.Join("testdata", "site.golden.txtar")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gotA, wantA := txtar.Parse(got), txtar.Parse(want)
	wantFiles := map[string][]byte{}
	for _, f := range wantA.Files {
		wantFiles[f.Name] = f.Data
	}
	for _, f := range gotA.Files {
		w, ok := wantFiles[f.Name]
		switch {
		case !ok:
			t.Errorf("%s: new file", f.Name)
		case !bytes.Equal(f.Data, w):
			t.Errorf("%s differs from the golden file:\n%s", f.Name, firstLineDiff(string(f.Data), string(w)))
		}
		delete(wantFiles, f.Name)
	}
	for name := range wantFiles {
		t.Errorf("%s: missing", name)
	}
	t.Log("run go test ./generator/output -update to accept the new output")
}

func goldenArchive(files Files) []byte {
	a := &txtar.Archive{Comment: []byte("The test site of pages_test.go, rendered by renderPages and renderSitemap.\n")}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		a.Files = append(a.Files, txtar.File{Name: name, Data: files[name]})
	}
	return txtar.Format(a)
}

// firstLineDiff shows the first differing line of two texts.
func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

const quotesTitle = `"quotes" <b> & co`

// The article page carries everything link previews and search engines
// read, escaped so that its title survives every context.
func TestArticleHead(t *testing.T) {
	files := renderHTML(t, pagesSites())
	b := files["posts/guillemets/index.html"]
	if bytes.Contains(b, []byte("<b>")) {
		t.Errorf("the title's <b> reached the HTML unescaped")
	}
	h := parseHTMLHead(t, b)
	const canonical = "https://example.org/posts/guillemets/"
	checks := []struct{ key, want string }{
		{"og:type", "article"},
		{"og:title", quotesTitle},
		{"og:description", `Un titre avec "guillemets", <balises> & esperluettes`},
		{"og:url", canonical},
		{"og:site_name", "Le blog du relais"},
		{"og:locale", "fr_FR"},
		{"og:locale:alternate", "en_US"},
		{"og:image", "https://example.org/posts/guillemets/card.png"},
		{"og:image:width", "1200"},
		{"og:image:height", "630"},
		{"og:image:alt", quotesTitle},
		{"article:published_time", "2026-11-22T09:30:00+01:00"},
		{"article:modified_time", "2026-11-24T18:00:00+01:00"},
		{"article:section", "Méthode"},
		{"twitter:card", "summary_large_image"},
		{"twitter:site", "@leblog"},
		{"twitter:creator", "@camille_cm"},
		{"fediverse:creator", "@camille@mastodon.social"},
		{"description", `Un titre avec "guillemets", <balises> & esperluettes`},
	}
	for _, c := range checks {
		if got := oneMeta(t, h, c.key); got != c.want {
			t.Errorf("meta %s = %q; want %q", c.key, got, c.want)
		}
	}
	if got := h.meta["article:tag"]; !slices.Equal(got, []string{"Réseaux sociaux", "Modération"}) {
		t.Errorf("article:tag = %q; want oneMeta meta per tag", got)
	}
	if h.title != quotesTitle+" – Le blog du relais" {
		t.Errorf("<title> = %q", h.title)
	}
	if h.lang != "fr" {
		t.Errorf("<html lang> = %q; want fr", h.lang)
	}
	if got := h.links["canonical"]; len(got) != 1 || got[0] != canonical {
		t.Errorf("canonical = %q; want %q", got, canonical)
	}
	for key, want := range map[string]string{
		"alternate hreflang=fr-FR":     canonical,
		"alternate hreflang=en-US":     "https://example.org/en/posts/quotes/",
		"alternate hreflang=x-default": canonical,
	} {
		if got := h.links[key]; len(got) != 1 || got[0] != want {
			t.Errorf("link %s = %q; want %q", key, got, want)
		}
	}
	// The site's feeds, then the section's.
	for typ, file := range map[string]string{"application/rss+xml": "index.xml", "application/atom+xml": "atom.xml", "application/feed+json": "feed.json"} {
		want := []string{"https://example.org/" + file, "https://example.org/posts/" + file}
		if got := h.links["alternate "+typ]; !slices.Equal(got, want) {
			t.Errorf("feeds %s = %q; want %q", typ, got, want)
		}
	}
	if len(h.jsonld) != 1 {
		t.Fatalf("%d JSON-LD scripts; want 1", len(h.jsonld))
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(h.jsonld[0]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, h.jsonld[0])
	}
	if ld["@type"] != "BlogPosting" || ld["headline"] != quotesTitle || ld["datePublished"] != "2026-11-22T09:30:00+01:00" {
		t.Errorf("JSON-LD = %v", ld)
	}
	if m, _ := ld["mainEntityOfPage"].(map[string]any); m["@id"] != canonical {
		t.Errorf("JSON-LD mainEntityOfPage = %v", ld["mainEntityOfPage"])
	}
	for _, l := range h.links["stylesheet"] {
		if strings.Contains(l, "//") {
			t.Errorf("stylesheet %q is loaded from another host", l)
		}
	}
	if !slices.Equal(h.links["stylesheet"], []string{"/css/style.css", "/css/highlight.css"}) {
		t.Errorf("stylesheets = %q", h.links["stylesheet"])
	}

	// The body: the title, the French date, the reading time, the TOC
	// (the article is long and has headings), the terms, the language
	// switcher pointing at the translation.
	if got := textOf(findAll(h.doc, "h1", "")[0]); got != quotesTitle {
		t.Errorf("<h1> = %q; want %q", got, quotesTitle)
	}
	body := string(b)
	for _, want := range []string{
		">22 novembre 2026</time>", "5\u00a0min de lecture", `class="toc-box"`, `href="/tags/reseaux-sociaux/"`,
		`<a href="/en/posts/quotes/" hreflang="en" lang="en">English</a>`, `<a class="skip-link" href="#main">`,
		"<main", "<nav class=\"site-nav\"", "<footer class=\"site-footer\"",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article lacks %q", want)
		}
	}
}

func TestOtherHeads(t *testing.T) {
	files := renderHTML(t, pagesSites())
	home := parseHTMLHead(t, files["index.html"])
	if oneMeta(t, home, "og:type") != "website" || oneMeta(t, home, "og:url") != "https://example.org/" || oneMeta(t, home, "twitter:card") != "summary" {
		t.Errorf("home: og:type %q og:url %q twitter:card %q", home.meta["og:type"], home.meta["og:url"], home.meta["twitter:card"])
	}
	if len(home.jsonld) != 1 || !strings.Contains(home.jsonld[0], `"@type":"WebSite"`) {
		t.Errorf("home JSON-LD = %q; want a WebSite", home.jsonld)
	}
	if got := home.links["alternate hreflang=en-US"]; len(got) != 1 || got[0] != "https://example.org/en/" {
		t.Errorf("home hreflang en = %q", got)
	}
	if got := home.links["alternate application/rss+xml"]; !slices.Equal(got, []string{"https://example.org/index.xml"}) {
		t.Errorf("home RSS = %q; want only the site's", got)
	}

	en := parseHTMLHead(t, files["en/posts/quotes/index.html"])
	if en.lang != "en" || oneMeta(t, en, "og:locale") != "en_US" || oneMeta(t, en, "og:locale:alternate") != "fr_FR" {
		t.Errorf("English article: lang %q og:locale %q alternate %q", en.lang, en.meta["og:locale"], en.meta["og:locale:alternate"])
	}
	if !strings.Contains(string(files["en/posts/quotes/index.html"]), ">November 23, 2026</time>") {
		t.Errorf("English article lacks its English date")
	}

	term := parseHTMLHead(t, files["tags/moderation/index.html"])
	if got := term.links["alternate application/rss+xml"]; !slices.Equal(got, []string{"https://example.org/index.xml", "https://example.org/tags/moderation/index.xml"}) {
		t.Errorf("term RSS = %q", got)
	}
	about := parseHTMLHead(t, files["about/index.html"])
	if oneMeta(t, about, "og:type") != "website" || len(about.jsonld) != 0 {
		t.Errorf("undated root page: og:type %q, JSON-LD %q", about.meta["og:type"], about.jsonld)
	}

	nf := parseHTMLHead(t, files["404.html"])
	if got := nf.meta["robots"]; len(got) != 1 || got[0] != "noindex" {
		t.Errorf("404 robots = %q; want noindex", got)
	}
	if len(nf.links["canonical"]) != 0 {
		t.Errorf("404 has a canonical URL")
	}
	if !strings.Contains(string(files["404.html"]), "Page introuvable") {
		t.Errorf("404.html is not in the default language")
	}
}

// Every page parses, names its language and has one <h1> and one <main>.
func TestEveryPageWellFormed(t *testing.T) {
	files := renderHTML(t, pagesSites())
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		h := parseHTMLHead(t, b)
		if h.lang == "" {
			t.Errorf("%s: <html> has no lang", name)
		}
		if len(h.meta["og:url"]) > 0 && strings.Contains(h.meta["og:url"][0], "utm_") {
			t.Errorf("%s: og:url carries tracking parameters", name)
		}
		if len(h.meta["refresh"]) > 0 {
			continue // a redirect
		}
		if n := len(findAll(h.doc, "h1", "")); n != 1 {
			t.Errorf("%s: %d <h1>; want 1", name, n)
		}
		if n := len(findAll(h.doc, "main", "")); n != 1 {
			t.Errorf("%s: %d <main>; want 1", name, n)
		}
		for _, img := range findAll(h.doc, "img", "") {
			if _, ok := attrsOf(img)["alt"]; !ok {
				t.Errorf("%s: <img> without alt", name)
			}
		}
	}
}

func TestPagination(t *testing.T) {
	files := renderHTML(t, manyPosts(25, 10))
	for _, p := range []string{"index.html", "page/2/index.html", "page/3/index.html", "page/1/index.html", "posts/page/3/index.html", "tags/tous/page/3/index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("%s missing", p)
		}
	}
	if _, ok := files["page/4/index.html"]; ok {
		t.Errorf("page/4/index.html exists for 25 pages by 10")
	}
	tests := []struct {
		file        string
		entries     int
		first, last string // first and last entry of the page
		prev, next  string
	}{
		{"index.html", 10, "/posts/p00024/", "/posts/p00015/", "", "/page/2/"},
		{"page/2/index.html", 10, "/posts/p00014/", "/posts/p00005/", "/", "/page/3/"},
		{"page/3/index.html", 5, "/posts/p00004/", "/posts/p00000/", "/page/2/", ""},
		{"tags/tous/page/2/index.html", 10, "/posts/p00014/", "/posts/p00005/", "/tags/tous/", "/tags/tous/page/3/"},
	}
	for _, tt := range tests {
		h := parseHTMLHead(t, files[tt.file])
		titles := findAll(h.doc, "h2", "entry-title")
		if len(titles) != tt.entries {
			t.Errorf("%s: %d entries; want %d", tt.file, len(titles), tt.entries)
			continue
		}
		href := func(n *html.Node) string { return attrsOf(findAll(n, "a", "")[0])["href"] }
		if got := href(titles[0]); got != tt.first {
			t.Errorf("%s: first entry %q; want %q", tt.file, got, tt.first)
		}
		if got := href(titles[len(titles)-1]); got != tt.last {
			t.Errorf("%s: last entry %q; want %q", tt.file, got, tt.last)
		}
		var prev, next string
		if a := findAll(h.doc, "a", "pager-prev"); len(a) == 1 {
			prev = attrsOf(a[0])["href"]
		}
		if a := findAll(h.doc, "a", "pager-next"); len(a) == 1 {
			next = attrsOf(a[0])["href"]
		}
		if prev != tt.prev || next != tt.next {
			t.Errorf("%s: prev %q next %q; want %q %q", tt.file, prev, next, tt.prev, tt.next)
		}
	}
	// Page 1 has a second address, "page/1/", that sends readers to the list.
	redirect := parseHTMLHead(t, files["page/1/index.html"])
	if got := redirect.links["canonical"]; len(got) != 1 || got[0] != "https://example.org/" {
		t.Errorf("page/1/ canonical = %q", got)
	}
	if got := oneMeta(t, redirect, "refresh"); got != "0; url=https://example.org/" {
		t.Errorf("page/1/ refresh = %q", got)
	}
	if h := parseHTMLHead(t, files["page/2/index.html"]); h.title != "Le blog du relais – Page\u00a02" {
		t.Errorf("fixturePage 2 <title> = %q", h.title)
	}
}

func TestAliases(t *testing.T) {
	files := renderHTML(t, pagesSites())
	for _, p := range []string{"ancien/guillemets/index.html", "2026/guillemets.html"} {
		b, ok := files[p]
		if !ok {
			t.Errorf("%s missing", p)
			continue
		}
		h := parseHTMLHead(t, b)
		const target = "https://example.org/posts/guillemets/"
		if got := h.links["canonical"]; len(got) != 1 || got[0] != target {
			t.Errorf("%s canonical = %q; want %q", p, got, target)
		}
		if got := oneMeta(t, h, "refresh"); got != "0; url="+target {
			t.Errorf("%s refresh = %q", p, got)
		}
		if got := oneMeta(t, h, "robots"); got != "noindex" {
			t.Errorf("%s robots = %q", p, got)
		}
		if a := findAll(h.doc, "a", ""); len(a) != 1 || attrsOf(a[0])["href"] != target {
			t.Errorf("%s has no link to %s", p, target)
		}
	}
}

func TestHTMLPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/", "index.html"},
		{"/posts/x/", "posts/x/index.html"},
		{"/en/", "en/index.html"},
		{"/x.html", "x.html"},
		{"/old/path", "old/path/index.html"},
		{"/../../etc/", "etc/index.html"},
	}
	for _, tt := range tests {
		if got := htmlPath(tt.in); got != tt.want {
			t.Errorf("htmlPath(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// A broken template fails every page; the error names the content file
// and the template line, and is not repeated ten thousand times.
func TestRenderErrors(t *testing.T) {
	sites := manyPosts(40, 10)
	fsys := fstest.MapFS{"layouts/page.html": {Data: []byte("<p>\n{{ .Page.Nope }}</p>")}}
	th, err := theme.Load(fsys, "", sites[0].Config)
	if err != nil {
		t.Fatal(err)
	}
	err = renderPages(sites, th, NewWriter())
	if err == nil {
		t.Fatal("renderPages succeeded with a broken page.html")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "content/posts/p00039.md: template: layouts/page.html:2:") {
		t.Errorf("error starts %q; want the content file, then the template file and line", msg[:min(len(msg), 120)])
	}
	if n := strings.Count(msg, "\n") + 1; n != maxPageErrors+1 {
		t.Errorf("%d error lines; want %d and a count of the rest", n, maxPageErrors+1)
	}
	if !strings.Contains(msg, "and 20 more pages failed") {
		t.Errorf("error does not count the rest: …%s", msg[max(0, len(msg)-80):])
	}
	var serr *site.Error
	if !errors.As(err, &serr) {
		t.Errorf("errors are not *site.Error")
	}
}

// A page picks its layout: front matter, then its section's, then the
// default.
func TestPageLayout(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/posts/page.html": {Data: []byte(`POSTS {{ .Title }}`)},
		"layouts/wide.html":       {Data: []byte(`WIDE {{ .Title }}`)},
	}
	sites := pagesSites()
	sites[0].Pages[1].Params["layout"] = "wide"
	th, err := theme.Load(fsys, "", sites[0].Config)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWriter()
	if err := renderPages(sites, th, w); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"posts/guillemets/index.html": "POSTS " + html.EscapeString(quotesTitle),
		"posts/charte/index.html":     "WIDE Charte de modération : le guide",
	} {
		if got := string(w.files[path]); got != want {
			t.Errorf("%s = %q; want %q", path, got, want)
		}
	}
	if !strings.Contains(string(w.files["about/index.html"]), "<!doctype html>") {
		t.Errorf("about/ did not use the default page.html")
	}
}

func BenchmarkRenderPages(b *testing.B) {
	sites := manyPosts(2000, 10)
	th := defaultTheme(b, sites[0].Config)
	b.ResetTimer()
	for b.Loop() {
		w := NewWriter()
		if err := renderPages(sites, th, w); err != nil {
			b.Fatal(err)
		}
	}
}

// A translation left out of the build (a draft) is not linked.
func TestDraftTranslationNotLinked(t *testing.T) {
	sites := pagesSites()
	quotes := sites[0].Pages[0]
	draft := &site.Page{Lang: "en", URL: "/en/posts/draft/", Title: "Draft", Kind: site.KindPage}
	quotes.Translations = append(quotes.Translations, draft)
	ix := newLangIndex(sites)
	got := ix.pageTranslations(quotes)
	if len(got) != 1 || got[0].URL != "/en/posts/quotes/" {
		t.Errorf("pageTranslations = %+v; want only the published English page", got)
	}
}

// Headers are rendered once per distinct menu state and language links:
// each page still shows its own.
func TestHeaderPerPage(t *testing.T) {
	files := renderHTML(t, pagesSites())
	tests := []struct {
		file, current, english string
	}{
		{"index.html", "/", "/en/"},
		{"page/2/index.html", "", "/en/"},
		{"archives/index.html", "/archives/", "/en/archives/"},
		{"tags/index.html", "/tags/", "/en/tags/"},
		{"tags/moderation/index.html", "/tags/", "/en/"},
		{"posts/guillemets/index.html", "", "/en/posts/quotes/"},
		{"posts/kpi/index.html", "", "/en/"},
		{"about/index.html", "/about/", "/en/"},
	}
	for _, tt := range tests {
		h := parseHTMLHead(t, files[tt.file])
		nav := findAll(h.doc, "nav", "site-nav")[0]
		current := ""
		for _, a := range findAll(nav, "a", "") {
			if attrsOf(a)["aria-current"] == "page" {
				current = attrsOf(a)["href"]
			}
		}
		if current != tt.current {
			t.Errorf("%s: current menu entry %q; want %q", tt.file, current, tt.current)
		}
		english := ""
		for _, a := range findAll(findAll(h.doc, "nav", "lang-switch")[0], "a", "") {
			if attrsOf(a)["hreflang"] == "en" {
				english = attrsOf(a)["href"]
			}
		}
		if english != tt.english {
			t.Errorf("%s: English link %q; want %q", tt.file, english, tt.english)
		}
	}
}
