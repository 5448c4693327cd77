package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// bin is the relais binary built once for every end-to-end test.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "relais-e2e-")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "relais")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// relais runs the binary in dir and returns stdout, stderr and the exit code.
func relais(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// demoSite copies the repository's demo site (config.toml, content/,
// static/) into a temporary folder.
func demoSite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	root := filepath.Join("..", "..")
	for _, name := range []string{"config.toml", "content", "static", "layouts", "i18n"} {
		src := filepath.Join(root, name)
		info, err := os.Stat(src)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if !info.IsDir() {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dst, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

const demoClock = "2026-11-22T10:00:00+01:00"

func TestBuildDemoSite(t *testing.T) {
	dir := demoSite(t)
	stdout, stderr, code := relais(t, dir, "build", "--clock", demoClock)
	if code != 0 {
		t.Fatalf("relais build: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "pages") || !strings.Contains(stdout, "files written") || !strings.Contains(stdout, " ms") {
		t.Errorf("summary line = %q; want pages, files written and time", stdout)
	}
	pub := filepath.Join(dir, "public")
	for _, f := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "index.xml", "atom.xml", "feed.json",
		"tags/index.html", "categories/index.html", "archives/index.html", "posts/index.html", "social/index.json", "en/index.html"} {
		if _, err := os.Stat(filepath.Join(pub, f)); err != nil {
			t.Errorf("public/%s: %v", f, err)
		}
	}
	// Every HTML page parses and declares its language; every XML file is well-formed.
	pages := 0
	filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		b, _ := os.ReadFile(p)
		switch filepath.Ext(p) {
		case ".html":
			pages++
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return nil
			}
			if lang := htmlLang(doc); lang == "" && !isRedirect(b) {
				t.Errorf("%s: <html> has no lang attribute", p)
			}
		case ".xml":
			if err := wellFormed(b); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
		return nil
	})
	if pages < 20 {
		t.Errorf("%d HTML pages; want a whole blog", pages)
	}
	// The site feed parses in a real feed parser, with items and links.
	for _, f := range []string{"index.xml", "atom.xml", "feed.json"} {
		b, err := os.ReadFile(filepath.Join(pub, f))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(feed.Items) == 0 || feed.Items[0].Link == "" || !strings.HasPrefix(feed.Items[0].Link, "https://") {
			t.Errorf("%s: %d items, first link %q", f, len(feed.Items), firstLink(feed))
		}
	}
	// The draft and the future article stay out.
	idx, _ := os.ReadFile(filepath.Join(pub, "index.xml"))
	sitemap, _ := os.ReadFile(filepath.Join(pub, "sitemap.xml"))
	if bytes.Contains(sitemap, []byte("2027")) || bytes.Contains(idx, []byte("2027")) {
		t.Errorf("the future article (2027) is published")
	}
}

func firstLink(f *gofeed.Feed) string {
	if len(f.Items) == 0 {
		return ""
	}
	return f.Items[0].Link
}

func isRedirect(b []byte) bool { return bytes.Contains(b, []byte(`http-equiv="refresh"`)) }

func htmlLang(n *html.Node) string {
	if n.Type == html.ElementNode && n.Data == "html" {
		for _, a := range n.Attr {
			if a.Key == "lang" {
				return a.Val
			}
		}
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if l := htmlLang(c); l != "" {
			return l
		}
	}
	return ""
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return nil
			}
			return err
		}
	}
}

// treeHash hashes every file's path and bytes under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	var names []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		b, _ := os.ReadFile(n)
		rel, _ := filepath.Rel(dir, n)
		h.Write([]byte(rel + "\x00"))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestBrokenBuildKeepsPublic(t *testing.T) {
	dir := demoSite(t)
	if _, stderr, code := relais(t, dir, "build", "--clock", demoClock, "--quiet"); code != 0 {
		t.Fatalf("first build: exit %d: %s", code, stderr)
	}
	before := treeHash(t, filepath.Join(dir, "public"))
	bad := map[string]string{
		"content/posts/casse-date.md": "---\ntitle: Date\ndate: 2026-02-30\n---\ntexte\n",
		"content/posts/casse-yaml.md": "---\ntitle: \"ouvert\ntags: [a\n---\ntexte\n",
		"content/posts/casse-toml.md": "+++\ntitle = \"x\"\ndate = = 3\n+++\ntexte\n",
	}
	for name, text := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, code := relais(t, dir, "build", "--clock", demoClock)
	if code != 1 {
		t.Errorf("exit %d; want 1", code)
	}
	for _, want := range []string{"content/posts/casse-date.md:3:", "content/posts/casse-yaml.md:", "content/posts/casse-toml.md:3:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if after := treeHash(t, filepath.Join(dir, "public")); after != before {
		t.Errorf("public/ changed after a failed build")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestInitNewBuild(t *testing.T) {
	dir := t.TempDir()
	if out, stderr, code := relais(t, dir, "init", "monblog"); code != 0 {
		t.Fatalf("init: exit %d %s %s", code, out, stderr)
	}
	site := filepath.Join(dir, "monblog")
	if _, stderr, code := relais(t, site, "new", "posts/mon-article.md"); code != 0 {
		t.Fatalf("new: exit %d %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(site, "content/posts/mon-article.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title: "Mon article"`, "draft: true", "date: "} {
		if !strings.Contains(string(b), want) {
			t.Errorf("new article lacks %q:\n%s", want, b)
		}
	}
	if _, stderr, code := relais(t, site, "new", "posts/mon-article.md"); code == 0 || !strings.Contains(stderr, "already exists") {
		t.Errorf("new over an existing file: exit %d, %q; want a refusal", code, stderr)
	}
	if _, stderr, code := relais(t, site, "build"); code != 0 {
		t.Fatalf("build: exit %d %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(site, "public/posts/bienvenue/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`lang="fr`)) {
		t.Errorf("the example article is not in French")
	}
	if _, err := os.Stat(filepath.Join(site, "public/posts/mon-article/index.html")); err == nil {
		t.Errorf("the draft was published")
	}
	if _, _, code := relais(t, dir, "init", "monblog"); code != 2 {
		t.Errorf("init over a non-empty folder: exit %d; want 2", code)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{}, 2, "Usage"},
		{[]string{"nope"}, 2, "unknown command"},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "-h"}, 0, "Usage: relais build"},
		{[]string{"serve", "-h"}, 0, "Usage: relais serve"},
		{[]string{"social", "-h"}, 0, "Usage: relais social"},
		{[]string{"help", "new"}, 0, "Usage: relais new"},
		{[]string{"version"}, 0, "relais "},
		{[]string{"build", "--clock", "demain"}, 2, "--clock"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			stdout, stderr, code := relais(t, dir, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
				t.Errorf("relais %v = exit %d, %q; want exit %d and %q", tt.args, code, stdout+stderr, tt.code, tt.out)
			}
		})
	}
}

func TestBuildMissingConfig(t *testing.T) {
	_, stderr, code := relais(t, t.TempDir(), "build")
	if code != 1 || !strings.Contains(stderr, "config.toml") || !strings.Contains(stderr, "relais init") {
		t.Errorf("build without config: exit %d, %q", code, stderr)
	}
}

func TestRefusedDestinations(t *testing.T) {
	dir := demoSite(t)
	for _, dest := range []string{".", "content", "/"} {
		_, stderr, code := relais(t, dir, "build", "-d", dest, "--quiet")
		if code == 0 {
			t.Errorf("build -d %s succeeded; want a refusal", dest)
		}
		if !strings.Contains(stderr, "refus") && !strings.Contains(stderr, "destination") {
			t.Logf("build -d %s: %s", dest, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/posts")); err != nil {
		t.Fatalf("content/ damaged: %v", err)
	}
}

func TestSocialCommand(t *testing.T) {
	dir := demoSite(t)
	stdout, stderr, code := relais(t, dir, "social", "--clock", demoClock)
	if code != 0 {
		t.Fatalf("social: exit %d %s", code, stderr)
	}
	for _, p := range []string{"X", "Mastodon", "Bluesky", "LinkedIn", "Instagram", "Pinterest"} {
		if !strings.Contains(stdout, p) {
			t.Errorf("relais social output lacks %s:\n%s", p, stdout)
		}
	}
	stdout, _, code = relais(t, dir, "social", "--clock", demoClock, "--platform", "x", "--json")
	if code != 0 || !strings.Contains(stdout, `"x"`) || strings.Contains(stdout, `"mastodon"`) {
		t.Errorf("social --platform x --json: exit %d\n%s", code, stdout)
	}
	if _, stderr, code := relais(t, dir, "social", "--platform", "myspace"); code != 2 {
		t.Errorf("unknown platform: exit %d %s", code, stderr)
	}
}

func TestSocialScheduled(t *testing.T) {
	dir := demoSite(t)
	future := "content/posts/journee-du-community-manager-2027.md"
	if _, stderr, code := relais(t, dir, "social", "--clock", demoClock, future); code != 1 || !strings.Contains(stderr, "-F") {
		t.Errorf("social on a scheduled article without -F: exit %d, %q; want 1 and a hint about -F", code, stderr)
	}
	stdout, stderr, code := relais(t, dir, "social", "-F", "--clock", demoClock, future)
	if code != 0 {
		t.Fatalf("social -F: exit %d %s", code, stderr)
	}
	if !strings.Contains(stdout, "utm_source=x") || !strings.Contains(stdout, "/280") {
		t.Errorf("social -F output lacks the X excerpt and its count:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("relais social wrote public/")
	}
}
