//go:build unix

// End-to-end tests of relais serve: the real binary on a copy of the demo
// site, edited on disk the ways editors save, and seen through HTTP and
// through a real browser. Unix only: they stop relais with Ctrl-C's signal
// and Chromium by its process group.

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/websocket"
)

// patience bounds every wait for a rebuild to show: a rebuild of the demo
// takes well under a second, but the test machine may be busy.
const patience = 15 * time.Second

// served is a running `relais serve`.
type served struct {
	t              *testing.T
	dir            string // the site
	url            string // "http://127.0.0.1:PORT/", as relais printed it
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
	exited         chan struct{} // closed once the process has exited
	code           int           // the exit code, once exited is closed
}

// startServe runs relais serve on dir, on a free port, and waits until it
// says where it serves.
func startServe(t *testing.T, dir string, flags ...string) *served {
	t.Helper()
	s := launchServe(t, dir, flags...)
	s.waitServing()
	return s
}

// launchServe starts relais serve on dir, on a free port, with flags.
func launchServe(t *testing.T, dir string, flags ...string) *served {
	t.Helper()
	// A port free a moment ago: relais takes the next one if it is taken
	// meanwhile, which is why the URL is read from what it prints.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s := &served{t: t, dir: dir, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, append([]string{"serve", "-p", strconv.Itoa(port), "--clock", demoClock}, flags...)...)
	s.cmd.Dir = dir
	s.cmd.Stdout, s.cmd.Stderr = &s.stdout, &s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.cmd.Wait()
		s.code = s.cmd.ProcessState.ExitCode()
		close(s.exited)
	}()
	t.Cleanup(func() {
		s.cmd.Process.Kill()
		<-s.exited
		if t.Failed() {
			t.Logf("relais serve printed:\n%s%s", s.stdout.String(), s.stderr.String())
		}
	})
	return s
}

var servingLine = regexp.MustCompile(`relais: serving \S+ at (http://\S+/) \(Ctrl-C to stop\)`)

// waitServing waits until relais serve says where it serves.
func (s *served) waitServing() {
	s.t.Helper()
	waitUntil(s.t, 30*time.Second, "relais serve says where it serves", func() (bool, string) {
		select {
		case <-s.exited:
			s.t.Fatalf("relais serve exited with %d before serving:\n%s%s", s.code, s.stdout.String(), s.stderr.String())
		default:
		}
		m := servingLine.FindStringSubmatch(s.stdout.String())
		if m == nil {
			return false, s.stdout.String()
		}
		s.url = m[1]
		return true, ""
	})
}

// answer is one HTTP response, read whole.
type answer struct {
	status int
	header http.Header
	body   string
}

var serveClient = &http.Client{
	Timeout:       5 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// get fetches path as a browser navigating would; a failed request is a
// zero answer, for waitUntil to try again.
func (s *served) get(path string) answer {
	req, err := http.NewRequest("GET", strings.TrimSuffix(s.url, "/")+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	res, err := serveClient.Do(req)
	if err != nil {
		return answer{body: err.Error()}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return answer{body: err.Error()}
	}
	return answer{res.StatusCode, res.Header, string(b)}
}

// await polls path until ok accepts it, and returns that answer.
func (s *served) await(what, path string, ok func(answer) bool) answer {
	s.t.Helper()
	var p answer
	waitUntil(s.t, patience, what, func() (bool, string) {
		p = s.get(path)
		return ok(p), fmt.Sprintf("GET %s: %d %.300q", path, p.status, p.body)
	})
	return p
}

// write replaces the file name of the site, creating its folder.
func (s *served) write(name, text string) {
	s.t.Helper()
	p := filepath.Join(s.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *served) read(name string) string {
	s.t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// waitUntil calls cond until it is true, at most for timeout; state says
// what cond last saw, for the failure message.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() (ok bool, state string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, state := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still not so after %v; last seen: %s", what, timeout, state)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// syncBuffer collects a process's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

const reloadScript = `<script src="/__relais/reload.js"`

func TestServe(t *testing.T) {
	start := time.Now()
	s := startServe(t, demoSite(t))
	t.Logf("serving after %v", time.Since(start).Round(time.Millisecond))
	step := func(name string, f func()) {
		t.Helper()
		begin := time.Now()
		f()
		t.Logf("%s: %v", name, time.Since(begin).Round(time.Millisecond))
	}

	step("home page", func() {
		home := s.get("/")
		if home.status != 200 || !strings.Contains(home.body, reloadScript) || !strings.Contains(home.body, `href="/posts/newsletter-et-rss/"`) {
			t.Fatalf("GET /: %d %.300q; want 200, the live-reload script and the latest article", home.status, home.body)
		}
		if cc := home.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET /: Cache-Control %q; want no-store", cc)
		}
	})

	const article, articleURL = "content/posts/liens-utm.md", "/posts/liens-utm/"
	original := s.read(article)
	step("edit in place", func() {
		s.write(article, original+"\nUne phrase écrite pendant que relais serve tourne.\n")
		s.await("the edited article", articleURL, func(p answer) bool {
			return p.status == 200 && strings.Contains(p.body, "Une phrase écrite pendant que relais serve tourne.")
		})
	})

	// The first paragraph feeds the article's social excerpts: the
	// exports that hold every article, which serve renders only when asked
	// for, follow the edit.
	step("lead paragraph edited", func() {
		const lead = "content/posts/travailler-avec-une-agence.md"
		text := s.read(lead)
		i := strings.Index(text, "\n---\n")
		if i < 0 {
			t.Fatalf("%s has no front matter", lead)
		}
		body := strings.TrimLeft(text[i+5:], "\n")
		s.write(lead, text[:i+5]+"\nMot-témoin ajouté en tête. "+body)
		s.await("the edited lead in social/index.json", "/social/index.json", func(p answer) bool {
			return p.status == 200 && strings.Contains(p.body, "Mot-témoin ajouté en tête.")
		})
		if p := s.get("/social/index.json"); !json.Valid([]byte(p.body)) || !strings.HasPrefix(p.header.Get("Content-Type"), "application/json") {
			t.Errorf("GET /social/index.json: %s, valid JSON %v", p.header.Get("Content-Type"), json.Valid([]byte(p.body)))
		}
		if p := s.get("/social/publer/linkedin.csv"); p.status != 200 || !strings.Contains(p.body, "Mot-témoin ajouté en tête.") {
			t.Errorf("GET /social/publer/linkedin.csv: %d, without the edited lead:\n%.500s", p.status, p.body)
		}
	})

	// An atomic save: the new text goes to a temporary file beside the
	// article, renamed over it. Twice, as the second save goes to a file
	// the watcher only knows from the first rename.
	step("save by rename", func() {
		for _, n := range []string{"un", "deux"} {
			text := "Enregistrement atomique numéro " + n
			tmp := filepath.Join(s.dir, article+".tmp")
			if err := os.WriteFile(tmp, []byte(original+"\n"+text+".\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, filepath.Join(s.dir, article)); err != nil {
				t.Fatal(err)
			}
			s.await("the article saved by rename ("+n+")", articleURL, func(p answer) bool {
				return p.status == 200 && strings.Contains(p.body, text) && !strings.Contains(p.body, "relais serve tourne")
			})
		}
	})

	// A new folder, written at once: the watcher must see the file that
	// came before the folder's own watch, then later saves in it.
	step("new folder", func() {
		s.write("content/posts/nouvelle-rubrique/index.md", "---\ntitle: \"Une rubrique toute neuve\"\ndate: 2026-11-20T09:00:00+01:00\n---\n\nPremier texte de la rubrique.\n")
		s.await("the article in a new folder", "/posts/nouvelle-rubrique/", func(p answer) bool {
			return p.status == 200 && strings.Contains(p.body, "Premier texte de la rubrique.")
		})
		if home := s.get("/"); !strings.Contains(home.body, `href="/posts/nouvelle-rubrique/"`) {
			t.Errorf("GET /: no link to the new article:\n%.2000s", home.body)
		}
		s.write("content/posts/nouvelle-rubrique/index.md", "---\ntitle: \"Une rubrique toute neuve\"\ndate: 2026-11-20T09:00:00+01:00\n---\n\nSecond texte de la rubrique.\n")
		s.await("the second save in the new folder", "/posts/nouvelle-rubrique/", func(p answer) bool {
			return strings.Contains(p.body, "Second texte de la rubrique.")
		})
	})

	step("delete", func() {
		if err := os.Remove(filepath.Join(s.dir, "content/posts/veille-en-20-minutes.md")); err != nil {
			t.Fatal(err)
		}
		p := s.await("the deleted article's 404", "/posts/veille-en-20-minutes/", func(p answer) bool { return p.status == 404 })
		if !strings.Contains(p.body, "Page introuvable") || !strings.Contains(p.body, reloadScript) {
			t.Errorf("GET /posts/veille-en-20-minutes/: %.500q; want the theme's 404 page with the live-reload script", p.body)
		}
	})

	// A month 13: the build fails, the last good pages stay, under an
	// overlay that names the file and the line.
	step("broken front matter", func() {
		const broken = "content/posts/mesurer-le-roi.md"
		good := s.read(broken)
		line := 1 + strings.Count(good[:strings.Index(good, "\ndate: 2026-03-05")+1], "\n")
		s.write(broken, strings.Replace(good, "date: 2026-03-05", "date: 2026-13-05", 1))
		where := fmt.Sprintf("%s:%d:", broken, line)
		p := s.await("the error overlay", "/posts/mesurer-le-roi/", func(p answer) bool {
			return strings.Contains(p.body, `<dialog id="__relais-error"`)
		})
		if p.status != 200 || !strings.Contains(p.body, "<h1") || !strings.Contains(p.body, "Mesurer le ROI") {
			t.Errorf("GET /posts/mesurer-le-roi/ after a failed build: %d; want the last good page", p.status)
		}
		if !strings.Contains(p.body, where) || !strings.Contains(p.body, "month out of range") {
			t.Errorf("the overlay does not say %q and what is wrong:\n%s", where, p.body[strings.Index(p.body, `<dialog id="__relais-error"`):])
		}
		if home := s.get("/"); !strings.Contains(home.body, where) {
			t.Errorf("GET /: no overlay naming %s", where)
		}
		if !strings.Contains(s.stderr.String(), "error: "+where) {
			t.Errorf("relais serve's stderr does not name %s:\n%s", where, s.stderr.String())
		}
		s.write(broken, good)
		s.await("the page without the overlay", "/posts/mesurer-le-roi/", func(p answer) bool {
			return p.status == 200 && !strings.Contains(p.body, "__relais-error") && strings.Contains(p.body, reloadScript)
		})
	})

	step("traversal", func() {
		for _, target := range []string{"/../config.toml", "/%2e%2e/config.toml", "/%2E%2E/config.toml", "/..%2fconfig.toml",
			"/%2e%2e%2fconfig.toml", "/posts/../../config.toml", "/posts/%2e%2e/%2e%2e/config.toml", "/..\\config.toml",
			"/..%5cconfig.toml", "//config.toml", "/config.toml", "/content/posts/liens-utm.md"} {
			status, body := rawGet(t, s.url, target)
			if status == 200 || strings.Contains(body, "baseURL") || strings.Contains(body, "Un lundi matin") {
				t.Errorf("GET %s: %d %.200q; want neither config.toml nor a source file", target, status, body)
			}
		}
	})

	if _, err := os.Stat(filepath.Join(s.dir, "public")); !os.IsNotExist(err) {
		t.Errorf("relais serve created public/ (%v)", err)
	}

	// Ctrl-C with a browser listening for rebuilds: the open event stream
	// must not hold the shutdown back.
	step("Ctrl-C", func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"__relais/events", nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		events := bufio.NewReader(res.Body)
		if line, err := events.ReadString('\n'); err != nil || !strings.HasPrefix(line, "retry:") {
			t.Fatalf("event stream starts with %q, %v; want retry:", line, err)
		}
		sent := time.Now()
		if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		select {
		case <-s.exited:
		case <-time.After(5 * time.Second):
			t.Fatalf("relais serve still running 5s after Ctrl-C:\n%s", s.stdout.String())
		}
		t.Logf("stopped %v after Ctrl-C", time.Since(sent).Round(time.Millisecond))
		if s.code != 0 || !strings.Contains(s.stdout.String(), "relais: stopped\n") {
			t.Errorf("after Ctrl-C: exit %d, printed %q; want 0 and \"relais: stopped\"", s.code, s.stdout.String())
		}
		if _, err := io.Copy(io.Discard, events); err != nil && ctx.Err() == nil {
			t.Logf("event stream ended with %v", err) // a reset is as good as an end
		}
	})
	if _, err := os.Stat(filepath.Join(s.dir, "public")); !os.IsNotExist(err) {
		t.Errorf("relais serve created public/ (%v)", err)
	}
	t.Logf("rebuilds:\n%s", s.stdout.String())
}

// TestServeEditDuringFirstBuild saves an article again and again while
// relais serve builds the site for the first time: the last save must be
// served, however the saves and the build interleave.
func TestServeEditDuringFirstBuild(t *testing.T) {
	dir := demoSite(t)
	const article = "content/posts/liens-utm.md"
	original, err := os.ReadFile(filepath.Join(dir, article))
	if err != nil {
		t.Fatal(err)
	}
	s := launchServe(t, dir)
	// Saved by rename, so that the build never reads half a file.
	save := func(n int) {
		tmp := filepath.Join(dir, article+".tmp")
		text := fmt.Sprintf("%s\nEnregistrement numéro %d pendant la première construction.\n", original, n)
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, article)); err != nil {
			t.Fatal(err)
		}
	}
	// Until the first build reports: every save comes before that report,
	// as late as a watcher started after the build would miss it.
	n := 0
	waitUntil(t, 30*time.Second, "the first build", func() (bool, string) {
		if strings.Contains(s.stdout.String(), "relais: start:") {
			return true, ""
		}
		n++
		save(n)
		return false, s.stdout.String()
	})
	s.waitServing()
	last := fmt.Sprintf("Enregistrement numéro %d pendant", n)
	s.await("the last save before the first build ended", "/posts/liens-utm/", func(p answer) bool {
		return strings.Contains(p.body, last)
	})
	t.Logf("%d saves during the first build", n)
}

// TestServePoll watches by polling, as on file systems that send no
// events (WSL, Docker mounts, network drives).
func TestServePoll(t *testing.T) {
	s := startServe(t, demoSite(t), "--poll", "100ms")
	const article = "content/posts/liens-utm.md"
	s.write(article, s.read(article)+"\nVu par un balayage du dossier.\n")
	s.await("the edit seen by polling", "/posts/liens-utm/", func(p answer) bool {
		return strings.Contains(p.body, "Vu par un balayage du dossier.")
	})
	s.write("content/posts/sondage/index.md", "---\ntitle: Sondage\ndate: 2026-11-21\n---\n\nUn dossier trouvé en balayant.\n")
	s.await("a new folder seen by polling", "/posts/sondage/", func(p answer) bool {
		return p.status == 200 && strings.Contains(p.body, "Un dossier trouvé en balayant.")
	})
	if err := os.Remove(filepath.Join(s.dir, article)); err != nil {
		t.Fatal(err)
	}
	s.await("a removal seen by polling", "/posts/liens-utm/", func(p answer) bool { return p.status == 404 })
}

// rawGet sends target byte for byte, as no HTTP client would (they clean
// "..") but an attacker can, and returns the status and body.
func rawGet(t *testing.T, base, target string) (int, string) {
	t.Helper()
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nAccept: text/html\r\nConnection: close\r\n\r\n", target, host)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestBrowserLiveReload opens an article in headless Chromium and edits
// the site on disk: the page must follow by itself, through relais's
// live-reload script, with no navigation from the test.
func TestBrowserLiveReload(t *testing.T) {
	chromium := "/usr/bin/chromium" // Debian's package
	if _, err := os.Stat(chromium); err != nil {
		if chromium, err = exec.LookPath("chromium"); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("chromium not found: CI must install it for the live-reload test")
			}
			t.Skip("chromium not found: install the chromium package to test live reload in a browser")
		}
	}
	start := time.Now()
	s := startServe(t, demoSite(t))
	b := startChromium(t, chromium)
	tab := b.open(t, s.url+"posts/liens-utm/")
	t.Logf("article open in Chromium after %v", time.Since(start).Round(time.Millisecond))

	// window.relaisTest lives as long as the page: a reload drops it.
	mark := func(v string) { b.eval(t, tab, "window.relaisTest = "+strconv.Quote(v)) }
	marked := func() any { return b.eval(t, tab, "window.relaisTest") }
	waitText := func(what string, ok func(text string) bool) {
		t.Helper()
		waitUntil(t, patience, what, func() (bool, string) {
			text, _ := b.try(tab, "document.readyState === 'complete' ? document.body.innerText : ''").(string)
			return ok(text), fmt.Sprintf("%.300q", text)
		})
	}
	waitText("the article in the browser", func(text string) bool { return strings.Contains(text, "Un lundi matin") })

	step := time.Now()
	mark("before the edit")
	const article = "content/posts/liens-utm.md"
	original := s.read(article)
	s.write(article, original+"\nCe paragraphe est arrivé tout seul dans le navigateur.\n")
	waitText("the edited text in the browser", func(text string) bool {
		return strings.Contains(text, "Ce paragraphe est arrivé tout seul dans le navigateur.")
	})
	if m := marked(); m != nil {
		t.Errorf("window.relaisTest = %v after the edit; want the page reloaded", m)
	}
	t.Logf("text edit shown after %v", time.Since(step).Round(time.Millisecond))

	// A stylesheet of the site's own overriding the theme's: swapped in
	// place, without a reload.
	step = time.Now()
	css := s.get("/css/style.css")
	if css.status != 200 || !strings.Contains(css.body, ":root") {
		t.Fatalf("GET /css/style.css: %d %.100q", css.status, css.body)
	}
	mark("kept")
	s.write("static/css/style.css", css.body+"\n:root { --relais-test: swapped; }\n")
	const probe = "getComputedStyle(document.documentElement).getPropertyValue('--relais-test').trim()"
	waitUntil(t, patience, "the new stylesheet applied", func() (bool, string) {
		v, _ := b.try(tab, probe).(string)
		return v == "swapped", fmt.Sprintf("--relais-test = %q", v)
	})
	if m := marked(); m != "kept" {
		t.Errorf("window.relaisTest = %v after a stylesheet change; want the stylesheet swapped without a reload", m)
	}
	t.Logf("stylesheet applied after %v", time.Since(step).Round(time.Millisecond))

	// A failed build shows the overlay on the open page; the fix removes it.
	step = time.Now()
	const broken = "content/posts/mesurer-le-roi.md"
	good := s.read(broken)
	s.write(broken, strings.Replace(good, "date: 2026-03-05", "date: 2026-13-05", 1))
	const overlay = "(document.getElementById('__relais-error') || {}).innerText || ''"
	waitUntil(t, patience, "the error overlay in the browser", func() (bool, string) {
		v, _ := b.try(tab, overlay).(string)
		return strings.Contains(v, broken+":3:"), fmt.Sprintf("overlay %q", v)
	})
	s.write(broken, good)
	waitUntil(t, patience, "the overlay gone", func() (bool, string) {
		v, ok := b.try(tab, "document.readyState === 'complete' && !document.getElementById('__relais-error') && document.body.innerText").(string)
		return ok && strings.Contains(v, "Ce paragraphe est arrivé"), fmt.Sprintf("%.300q", v)
	})
	t.Logf("overlay shown and removed after %v", time.Since(step).Round(time.Millisecond))
	if errs := b.exceptions(); len(errs) > 0 {
		t.Errorf("uncaught exceptions in the page:\n%s", strings.Join(errs, "\n"))
	}
	if err := b.call("", "Browser.close", nil, nil); err != nil {
		t.Logf("Browser.close: %v", err) // the cleanup kills it anyway
	}
}

// browser is a Chromium driven over the DevTools protocol: one websocket
// to the browser, with a flat session per tab.
type browser struct {
	ws      *websocket.Conn
	sendMu  sync.Mutex
	mu      sync.Mutex
	next    int
	waiting map[int]chan cdpMessage
	errs    []string // uncaught exceptions, from Runtime.exceptionThrown
	gone    chan struct{}
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// startChromium starts a headless Chromium with a profile of its own, and
// kills it, its helpers with it, when the test ends.
func startChromium(t *testing.T, path string) *browser {
	t.Helper()
	profile, err := os.MkdirTemp("", "relais-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
		// The websocket client sends an Origin, which Chromium refuses
		// unless it is allowed.
		"--remote-allow-origins=http://127.0.0.1", "--user-data-dir="+profile, "about:blank")
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // /usr/bin/chromium is a script, and Chromium forks helpers
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		os.RemoveAll(profile)
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	b := &browser{waiting: map[int]chan cdpMessage{}, gone: make(chan struct{})}
	t.Cleanup(func() {
		select {
		case <-exited: // Browser.close worked
		case <-time.After(3 * time.Second):
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // helpers may outlive the browser
		<-exited
		if b.ws != nil {
			b.ws.Close()
		}
		// A helper may still be writing as it dies.
		for i := 0; os.RemoveAll(profile) != nil && i < 20; i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if t.Failed() {
			t.Logf("chromium printed:\n%s", out.String())
		}
	})
	var endpoint string
	waitUntil(t, 30*time.Second, "Chromium's DevToolsActivePort", func() (bool, string) {
		data, err := os.ReadFile(filepath.Join(profile, "DevToolsActivePort"))
		lines := strings.Split(string(data), "\n")
		if err != nil || len(lines) < 2 || !strings.HasPrefix(lines[1], "/devtools/") {
			select {
			case <-exited:
				t.Fatalf("chromium exited: %s", out.String())
			default:
			}
			return false, fmt.Sprintf("%q, %v", data, err)
		}
		endpoint = "ws://127.0.0.1:" + lines[0] + lines[1]
		return true, ""
	})
	b.ws, err = websocket.Dial(endpoint, "", "http://127.0.0.1")
	if err != nil {
		t.Fatalf("DevTools at %s: %v", endpoint, err)
	}
	go b.read()
	return b
}

// read dispatches the browser's answers and records the exceptions the
// pages throw.
func (b *browser) read() {
	defer close(b.gone)
	for {
		var data []byte
		if err := websocket.Message.Receive(b.ws, &data); err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		b.mu.Lock()
		if ch, ok := b.waiting[m.ID]; ok && m.ID != 0 {
			delete(b.waiting, m.ID)
			ch <- m
		} else if m.Method == "Runtime.exceptionThrown" {
			b.errs = append(b.errs, string(m.Params))
		}
		b.mu.Unlock()
	}
}

func (b *browser) exceptions() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// call sends a command, to the browser when session is "", and decodes
// its result into result.
func (b *browser) call(session, method string, params, result any) error {
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan cdpMessage, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(struct {
		ID        int    `json:"id"`
		Method    string `json:"method"`
		Params    any    `json:"params,omitempty"`
		SessionID string `json:"sessionId,omitempty"`
	}{id, method, params, session})
	if err != nil {
		return err
	}
	b.sendMu.Lock()
	err = websocket.Message.Send(b.ws, string(msg))
	b.sendMu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-b.gone:
		return fmt.Errorf("%s: the browser closed the connection", method)
	case <-time.After(10 * time.Second):
		b.mu.Lock()
		delete(b.waiting, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: no answer after 10s", method)
	}
}

// open opens url in a new tab and returns the tab's session.
func (b *browser) open(t *testing.T, url string) string {
	t.Helper()
	var target struct{ TargetID string }
	if err := b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var attached struct{ SessionID string }
	if err := b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"Runtime.enable", "Page.enable"} {
		if err := b.call(attached.SessionID, m, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.call(attached.SessionID, "Page.navigate", map[string]any{"url": url}, nil); err != nil {
		t.Fatal(err)
	}
	return attached.SessionID
}

// evaluate evaluates expr in the tab and returns its value.
func (b *browser) evaluate(session, expr string) (any, error) {
	var res struct {
		Result struct {
			Value any `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := b.call(session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &res); err != nil {
		return nil, err
	}
	if res.ExceptionDetails != nil {
		return nil, fmt.Errorf("%s: %s", expr, res.ExceptionDetails.Text)
	}
	return res.Result.Value, nil
}

// try evaluates expr in the tab; nil when that fails, as it may while the
// page reloads.
func (b *browser) try(session, expr string) any {
	v, _ := b.evaluate(session, expr)
	return v
}

// eval evaluates expr in the tab, failing the test on an error.
func (b *browser) eval(t *testing.T, session, expr string) any {
	t.Helper()
	v, err := b.evaluate(session, expr)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
