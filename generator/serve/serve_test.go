package serve

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

var (
	homePage = []byte("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Accueil</title><link rel=\"stylesheet\" href=\"/css/style.css\"></head><body><p>« Bonjour » à tous</p></body></html>\n")
	notFound = []byte("<!DOCTYPE html><html><head><title>Introuvable</title></head><body><p>Page introuvable</p></body></html>")
)

// testSite is a small built site, French text included.
func testSite() map[string][]byte {
	return map[string][]byte{
		"index.html":                  homePage,
		"404.html":                    notFound,
		"posts/réseaux/index.html":    []byte("<html><head><title>Réseaux</title></head><body>Réseaux sociaux</body></html>"),
		"posts/charte/index.html":     []byte("<html><HEAD><title>Charte</title></HEAD><body>Charte</body></html>"),
		"css/style.css":               []byte("body { font-family: serif } /* </head> */"),
		"js/menu.js":                  []byte("document.write('</head></body>')"),
		"index.xml":                   []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>Réseaux</title></channel></rss>"),
		"feed.json":                   []byte(`{"title":"Réseaux"}`),
		"images/logo.png":             {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0},
		"videos/clip.mp4":             []byte("0123456789"),
		"social/charte/mastodon.txt":  []byte("Charte de modération\u202f!"),
		"CNAME":                       []byte("blog.example.org\n"),
		"fragment.html":               []byte("<p>no head, no body</p>"),
		"sans-head/index.html":        []byte("<html><body><p>x</p></body></html>"),
		"a?b/index.html":              []byte("<html><head></head><body>odd name</body></html>"),
		"__relais/hidden.html":        []byte("hidden by relais' own URLs"),
		"posts/réseaux/photo.jpg":     {0xff, 0xd8, 0xff, 0xe0},
		"sitemap.xml":                 []byte("<urlset/>"),
		".well-known/security.txt":    []byte("Contact: mailto:x@example.org\n"),
		"posts/charte/index.html.bak": []byte("backup"),
	}
}

func get(t *testing.T, s *Server, method, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newServer(t *testing.T, files map[string][]byte) *Server {
	t.Helper()
	s := New(Options{})
	s.Update(files, nil, nil)
	t.Cleanup(s.Close)
	return s
}

func TestServeFiles(t *testing.T) {
	files := testSite()
	s := newServer(t, files)
	const script = `<script src="/__relais/reload.js"`
	tests := []struct {
		target   string
		status   int
		ctype    string
		location string // for redirects
		exact    bool   // the body is the file's bytes, unchanged
		file     string // the file served, or whose bytes are compared
		contains string // the body contains it (HTML pages)
	}{
		{target: "/", status: 200, ctype: "text/html; charset=utf-8", file: "index.html", contains: "« Bonjour » à tous"},
		{target: "/index.html", status: 200, ctype: "text/html; charset=utf-8", file: "index.html", contains: script},
		{target: "/posts/r%C3%A9seaux/", status: 200, ctype: "text/html; charset=utf-8", contains: "Réseaux sociaux"},
		{target: "/posts/r%C3%A9seaux", status: 302, location: "/posts/r%C3%A9seaux/"},
		{target: "/posts/r%C3%A9seaux?utm=1", status: 302, location: "/posts/r%C3%A9seaux/?utm=1"},
		{target: "/a%3Fb", status: 302, location: "/a%3Fb/"},
		{target: "/a%3Fb/", status: 200, contains: "odd name"},
		{target: "//evil.example/", status: 302, location: "/evil.example/"},
		{target: "/posts//charte/", status: 302, location: "/posts/charte/"},
		{target: "/css/style.css", status: 200, ctype: "text/css; charset=utf-8", exact: true, file: "css/style.css"},
		{target: "/js/menu.js", status: 200, ctype: "text/javascript; charset=utf-8", exact: true, file: "js/menu.js"},
		{target: "/index.xml", status: 200, ctype: "text/xml; charset=utf-8", exact: true, file: "index.xml"},
		{target: "/feed.json", status: 200, ctype: "application/json; charset=utf-8", exact: true, file: "feed.json"},
		{target: "/images/logo.png", status: 200, ctype: "image/png", exact: true, file: "images/logo.png"},
		{target: "/posts/r%C3%A9seaux/photo.jpg", status: 200, ctype: "image/jpeg", exact: true, file: "posts/réseaux/photo.jpg"},
		{target: "/social/charte/mastodon.txt", status: 200, ctype: "text/plain; charset=utf-8", exact: true, file: "social/charte/mastodon.txt"},
		{target: "/CNAME", status: 200, ctype: "text/plain; charset=utf-8", exact: true, file: "CNAME"},
		{target: "/.well-known/security.txt", status: 200, ctype: "text/plain; charset=utf-8", exact: true, file: ".well-known/security.txt"},
		{target: "/missing/", status: 404, ctype: "text/html; charset=utf-8", contains: "Page introuvable"},
		{target: "/posts", status: 404, contains: "Page introuvable"}, // no posts/index.html: no redirect
		{target: "/__relais/hidden.html", status: 404, contains: "Page introuvable"},
		{target: "/__relais/reload.js", status: 200, ctype: "text/javascript; charset=utf-8", contains: "EventSource"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			res := get(t, s, "GET", tt.target)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s: status %d; want %d (body %q)", tt.target, res.StatusCode, tt.status, b)
			}
			if tt.ctype != "" {
				if got := res.Header.Get("Content-Type"); got != tt.ctype {
					t.Errorf("GET %s: Content-Type %q; want %q", tt.target, got, tt.ctype)
				}
			}
			if got := res.Header.Get("Location"); got != tt.location {
				t.Errorf("GET %s: Location %q; want %q", tt.target, got, tt.location)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("GET %s: Cache-Control %q; want no-store", tt.target, got)
			}
			if tt.exact && b != string(files[tt.file]) {
				t.Errorf("GET %s = %q; want the file's bytes %q", tt.target, b, files[tt.file])
			}
			if tt.exact && strings.Contains(b, "__relais") {
				t.Errorf("GET %s: the script was injected into a %s file", tt.target, tt.ctype)
			}
			if !strings.Contains(b, tt.contains) {
				t.Errorf("GET %s = %q; want it to contain %q", tt.target, b, tt.contains)
			}
			if tt.file != "" && !tt.exact && !strings.Contains(b, `data-relais-page="`+tt.file+`"`) {
				t.Errorf("GET %s = %q; want the script to name its page %q", tt.target, b, tt.file)
			}
		})
	}
	// Serving changed nothing in the site's files.
	if want := testSite(); !maps.EqualFunc(files, want, bytes.Equal) {
		t.Errorf("serving modified the files given to Update")
	}
}

func TestTraversal(t *testing.T) {
	s := newServer(t, testSite())
	tests := []struct {
		target string
		status int
	}{
		{"/../index.html", 400},
		{"/posts/../index.html", 400},
		{"/./index.html", 400},
		{"/%2e%2e/index.html", 400},
		{"/%2E%2E/%2E%2E/etc/passwd", 400},
		{"/..%2findex.html", 400},
		{"/..%2f..%2fetc%2fpasswd", 400},
		{"/%252e%252e%252findex.html", 404}, // decoded once: a name, not a climb
		{"/..%5cindex.html", 400},
		{"/%5c..%5cwindows%5cwin.ini", 400},
		{"/index.html%00.css", 400},
		{"/posts/%00", 400},
		{"/etc/passwd", 404},
		{"/....//index.html", 302}, // "...." is a name; the double slash is cleaned
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			res := get(t, s, "GET", tt.target)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Errorf("GET %s: status %d; want %d", tt.target, res.StatusCode, tt.status)
			}
			if loc := res.Header.Get("Location"); loc != "" {
				if _, redirect, status := resolve(loc); !strings.HasPrefix(loc, "/") || redirect != "" || status != 0 {
					t.Errorf("GET %s: redirect to %q, not a clean path of this site", tt.target, loc)
				}
			}
			if tt.status == 400 && strings.Contains(b, "Bonjour") {
				t.Errorf("GET %s served a page: %q", tt.target, b)
			}
		})
	}
}

func TestMethods(t *testing.T) {
	s := newServer(t, testSite())
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		for _, target := range []string{"/", "/css/style.css", "/missing", ScriptPath} {
			res := get(t, s, m, target)
			if res.StatusCode != 405 || res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: status %d, Allow %q; want 405, \"GET, HEAD\"", m, target, res.StatusCode, res.Header.Get("Allow"))
			}
		}
	}
	if res := get(t, s, "POST", EventsPath); res.StatusCode != 405 {
		t.Errorf("POST %s: status %d; want 405", EventsPath, res.StatusCode)
	}
	for _, target := range []string{"/", "/css/style.css", "/missing/"} {
		g, h := get(t, s, "GET", target), get(t, s, "HEAD", target)
		gb, hb := body(t, g), body(t, h)
		if h.StatusCode != g.StatusCode || hb != "" || h.Header.Get("Content-Length") != g.Header.Get("Content-Length") || h.Header.Get("Content-Length") == "" {
			t.Errorf("HEAD %s: %d, %q, length %q; want GET's %d, no body, length %q (%d bytes)",
				target, h.StatusCode, hb, h.Header.Get("Content-Length"), g.StatusCode, g.Header.Get("Content-Length"), len(gb))
		}
	}
}

func TestRange(t *testing.T) {
	s := newServer(t, testSite())
	res := get(t, s, "GET", "/videos/clip.mp4", "Range", "bytes=2-5")
	if b := body(t, res); res.StatusCode != http.StatusPartialContent || b != "2345" {
		t.Errorf("GET clip.mp4 bytes=2-5: %d %q; want 206 \"2345\"", res.StatusCode, b)
	}
}

func TestNotFoundWithoutPage(t *testing.T) {
	files := testSite()
	delete(files, "404.html")
	s := newServer(t, files)
	res := get(t, s, "GET", "/nope/")
	if b := body(t, res); res.StatusCode != 404 || b != "404 page not found: /nope/\n" || res.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("GET /nope/: %d %q %q; want a plain 404", res.StatusCode, res.Header.Get("Content-Type"), b)
	}
	// A browser gets a page that reloads once the page is written.
	res = get(t, s, "GET", "/nope/<b>/", "Accept", "text/html,application/xhtml+xml")
	b := body(t, res)
	if res.StatusCode != 404 || !strings.Contains(b, ScriptPath) || !strings.Contains(b, "/nope/&lt;b&gt;/") {
		t.Errorf("GET /nope/ from a browser: %d %q; want a 404 page with the script and the escaped path", res.StatusCode, b)
	}
	// A custom name for the 404 page.
	s = New(Options{NotFound: "errors/404.html"})
	s.Update(map[string][]byte{"errors/404.html": []byte("<p>perdu</p>")}, nil, nil)
	if res := get(t, s, "GET", "/x"); res.StatusCode != 404 || !strings.Contains(body(t, res), "perdu") {
		t.Errorf("GET /x with NotFound errors/404.html: status %d; want 404 and the page", res.StatusCode)
	}
}

func TestContentType(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"index.html", "<p>", "text/html; charset=utf-8"},
		{"PAGE.HTM", "<p>", "text/html; charset=utf-8"},
		{"style.css", "", "text/css; charset=utf-8"},
		{"app.js", "", "text/javascript; charset=utf-8"},
		{"mod.mjs", "", "text/javascript; charset=utf-8"},
		{"feed.json", "{}", "application/json; charset=utf-8"},
		{"index.xml", "<rss/>", "text/xml; charset=utf-8"},
		{"atom.xml", "<feed/>", "text/xml; charset=utf-8"},
		{"sitemap.xml", "<urlset/>", "text/xml; charset=utf-8"},
		{"site.webmanifest", "{}", "application/manifest+json; charset=utf-8"},
		{"robots.txt", "", "text/plain; charset=utf-8"},
		{"post.md", "", "text/markdown; charset=utf-8"},
		{"export.csv", "", "text/csv; charset=utf-8"},
		{"logo.svg", "<svg/>", "image/svg+xml"},
		{"photo.JPG", "", "image/jpeg"},
		{"photo.jpeg", "", "image/jpeg"},
		{"photo.webp", "", "image/webp"},
		{"photo.avif", "", "image/avif"},
		{"favicon.ico", "", "image/x-icon"},
		{"font.woff2", "", "font/woff2"},
		{"guide.pdf", "%PDF", "application/pdf"},
		{"clip.mp4", "", "video/mp4"},
		{"CNAME", "blog.example.org", "text/plain; charset=utf-8"},
		{"_redirects", "/a /b 301", "text/plain; charset=utf-8"},
		{"blob", "\x00\x01\x02", "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := contentType(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("contentType(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestErrorOverlay(t *testing.T) {
	s := newServer(t, testSite())
	buildErr := errors.Join(
		errors.New(`content/posts/x.md:3: date "2024-13-01": month out of range (want YYYY-MM-DD)`),
		errors.New(`themes/plain/page.html:12: unexpected <script>alert("x")</script> in template`),
	)
	s.Update(nil, buildErr, nil)
	for _, target := range []string{"/", "/posts/charte/", "/missing/"} {
		b := body(t, get(t, s, "GET", target))
		for _, want := range []string{
			`<dialog id="__relais-error" open`,
			`<b style="color:#93c5fd">content/posts/x.md:3:</b> date &#34;2024-13-01&#34;: month out of range`,
			`<b style="color:#93c5fd">themes/plain/page.html:12:</b> unexpected &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; in template`,
			`data-relais-error="1"`,
			"last good build",
		} {
			if !strings.Contains(b, want) {
				t.Errorf("GET %s after a failed build: missing %q in\n%s", target, want, b)
			}
		}
		if strings.Contains(b, `<script>alert`) {
			t.Errorf("GET %s: the error message was not escaped", target)
		}
		// The overlay comes before </body>, the script before </head>.
		if i, j := strings.Index(b, "__relais-error"), strings.LastIndex(b, "</body>"); i < 0 || i > j {
			t.Errorf("GET %s: overlay at %d, </body> at %d", target, i, j)
		}
	}
	// Non-HTML files stay as they are.
	if b := body(t, get(t, s, "GET", "/css/style.css")); b != string(testSite()["css/style.css"]) {
		t.Errorf("GET /css/style.css after a failed build = %q", b)
	}
	// The last good pages are still served.
	if res := get(t, s, "GET", "/"); res.StatusCode != 200 || !strings.Contains(body(t, res), "Bonjour") {
		t.Errorf("GET / after a failed build: status %d; want 200 and the last good page", res.StatusCode)
	}

	fixed := testSite()
	fixed["index.html"] = []byte("<html><head></head><body>Corrigé</body></html>")
	s.Update(fixed, nil, []string{"index.html"})
	b := body(t, get(t, s, "GET", "/"))
	if strings.Contains(b, "__relais-error") || strings.Contains(b, "data-relais-error") || !strings.Contains(b, "Corrigé") {
		t.Errorf("GET / after a good build = %q; want the new page without the overlay", b)
	}
}

func TestBeforeFirstBuild(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	res := get(t, s, "GET", "/posts/x/")
	b := body(t, res)
	if res.StatusCode != 503 || !strings.Contains(b, ScriptPath) || !strings.Contains(b, "building") {
		t.Errorf("GET before any build: %d %q; want 503, a waiting page with the script", res.StatusCode, b)
	}
	s.Update(nil, errors.New("config.toml:2: unknown key \"titel\""), nil)
	res = get(t, s, "GET", "/posts/x/")
	b = body(t, res)
	if res.StatusCode != 500 || !strings.Contains(b, ScriptPath) || !strings.Contains(b, "config.toml:2:") || !strings.Contains(b, "no site to show") {
		t.Errorf("GET after a failed first build: %d %q; want 500, the error and the script", res.StatusCode, b)
	}
	if res := get(t, s, "GET", "/css/style.css"); res.StatusCode != 500 {
		t.Errorf("GET a stylesheet after a failed first build: %d; want 500", res.StatusCode)
	}
	s.Update(testSite(), nil, nil)
	if res := get(t, s, "GET", "/"); res.StatusCode != 200 || strings.Contains(body(t, res), "__relais-error") {
		t.Errorf("GET / after the first good build: status %d; want 200 without the overlay", res.StatusCode)
	}
}

// TestConcurrentUpdates runs Updates while pages are served; with -race
// it checks the locking.
func TestConcurrentUpdates(t *testing.T) {
	s := newServer(t, testSite())
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 50 {
				switch (i + j) % 3 {
				case 0:
					s.Update(testSite(), nil, []string{"index.html"})
				case 1:
					s.Update(nil, errors.New("content/a.md:1: bad"), nil)
				default:
					s.Update(testSite(), nil, nil)
				}
			}
		})
		wg.Go(func() {
			for range 50 {
				for _, target := range []string{"/", "/css/style.css", "/missing", "/posts/charte"} {
					if res := get(t, s, "GET", target); res.StatusCode >= 500 {
						t.Errorf("GET %s: status %d", target, res.StatusCode)
					}
				}
			}
		})
	}
	wg.Wait()
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"/", "/posts/x/", "/posts/x", "//evil", "/../x", "/a/./b", "/a\\b", "/a\x00", "x", "/é/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		name, redirect, status := resolve(p)
		switch {
		case status != 0:
			if name != "" || redirect != "" {
				t.Errorf("resolve(%q) = %q, %q, %d; want only a status", p, name, redirect, status)
			}
		case redirect != "":
			// The redirect is a clean path of this site, served as is.
			if n, r, st := resolve(redirect); n == "" || r != "" || st != 0 {
				t.Errorf("resolve(%q) redirects to %q, which resolves to %q, %q, %d", p, redirect, n, r, st)
			}
		default:
			for _, seg := range strings.Split(name, "/") {
				if seg == "" || seg == "." || seg == ".." {
					t.Errorf("resolve(%q) = file %q; want a clean relative path", p, name)
				}
			}
		}
	})
}

// TestLazyFiles: a file rendered when asked for is served as the others,
// rendered at the first request only, and a failure to render it is a
// server error naming it.
func TestLazyFiles(t *testing.T) {
	s := New(Options{})
	calls := 0
	var once sync.Once
	var data []byte
	s.UpdateLazy(map[string][]byte{"index.html": []byte("<p>home</p>")}, map[string]func() ([]byte, error){
		"social/index.json": func() ([]byte, error) {
			once.Do(func() { calls++; data = []byte(`{"items":[]}`) })
			return data, nil
		},
		"social/broken.csv": func() ([]byte, error) { return nil, errors.New("disk full") },
	}, nil, nil)
	for range 2 {
		resp := get(t, s, "GET", "/social/index.json")
		got := body(t, resp)
		if resp.StatusCode != 200 || got != `{"items":[]}` || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("GET /social/index.json = %d %q (%s)", resp.StatusCode, got, resp.Header.Get("Content-Type"))
		}
	}
	if calls != 1 {
		t.Errorf("rendered %d times; want once", calls)
	}
	resp := get(t, s, "GET", "/social/broken.csv")
	if got := body(t, resp); resp.StatusCode != 500 || !strings.Contains(got, "social/broken.csv") || !strings.Contains(got, "disk full") {
		t.Errorf("GET a file that fails to render = %d %q; want 500 naming it", resp.StatusCode, got)
	}
	if resp := get(t, s, "GET", "/social/other.json"); resp.StatusCode != 404 {
		t.Errorf("GET a file neither written nor deferred = %d; want 404", resp.StatusCode)
	}
}
