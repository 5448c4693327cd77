package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// tree describes the folder dir: one line per entry, "path mode" for
// folders and "path mode sha256" for files, sorted.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		line := filepath.ToSlash(rel) + " " + fi.Mode().String()
		if fi.Mode()&fs.ModeSymlink != 0 {
			to, err := os.Readlink(p)
			if err != nil {
				return err
			}
			line += " -> " + to
		} else if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			line += " " + hex.EncodeToString(sum[:])
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// site is a small published site with nested folders and French text.
var site = map[string][]byte{
	"index.html":                    []byte("<!doctype html><title>Accueil</title><p>« Bonjour » à tous</p>\n"),
	"posts/réseaux/index.html":      []byte("<p>Réseaux sociaux</p>"),
	"posts/charte/index.html":       []byte("<p>Charte de modération</p>"),
	"css/style.css":                 []byte("body{font-family:serif}"),
	"index.xml":                     []byte("<?xml version=\"1.0\"?><rss/>"),
	"social/charte/mastodon.txt":    []byte("Charte de modération : le guide\u202f!"),
	"images/a/b/c/d/e/deep.png":     {0x89, 'P', 'N', 'G', 0, 1, 2},
	"empty.txt":                     {},
	"posts/charte/images/photo.jpg": {0xff, 0xd8, 0xff},
}

func TestWriteNew(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "out", "public") // "out" does not exist yet
	if err := Write(dest, site, Options{}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	for p, want := range site {
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			t.Fatalf("read %s: %v", p, err)
		}
		if string(got) != string(want) {
			t.Errorf("%s = %q; want %q", p, got, want)
		}
	}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, _ := d.Info()
		want := fs.FileMode(fileMode)
		if d.IsDir() {
			want = dirMode | fs.ModeDir
		}
		if fi.Mode() != want {
			t.Errorf("mode of %s = %v; want %v", p, fi.Mode(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, filepath.Join(parent, "out")); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside dest: %q; want only public", got)
	}
}

func TestWriteReplaces(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	old := map[string][]byte{"stale/index.html": []byte("old"), "index.html": []byte("old home")}
	if err := Write(dest, old, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dest, site, Options{}); err != nil {
		t.Fatal(err)
	}
	want := t.TempDir()
	if err := Write(filepath.Join(want, "public"), site, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := tree(t, dest), tree(t, filepath.Join(want, "public")); !slices.Equal(got, want) {
		t.Errorf("replaced tree =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside dest: %q; want only public", got)
	}
}

func TestWriteEmpty(t *testing.T) {
	for _, files := range []map[string][]byte{nil, {}} {
		dest := filepath.Join(t.TempDir(), "public")
		if err := Write(dest, map[string][]byte{"x.html": []byte("x")}, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := Write(dest, files, Options{}); err != nil {
			t.Fatalf("Write(%v): %v", files, err)
		}
		if got := names(t, dest); len(got) != 0 {
			t.Errorf("Write(%v) left %q; want an empty folder", files, got)
		}
	}
}

func TestWriteFailureKeepsDest(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string][]byte
		wantErr string
	}{
		// Caught before anything is written.
		{"file and folder", map[string][]byte{"a": []byte("1"), "a/b": []byte("2"), "index.html": nil}, `"a" is a file`},
		{"traversal", map[string][]byte{"index.html": nil, "../escape.html": []byte("x")}, `"../escape.html"`},
		// Fails half-way, after other files were written: the name is
		// longer than any file system allows.
		{"too long a name", map[string][]byte{"index.html": nil, "b.css": nil, "zz/" + strings.Repeat("é", 200): []byte("x")}, "file name too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if err := Write(dest, site, Options{}); err != nil {
				t.Fatal(err)
			}
			before := tree(t, dest)
			err := Write(dest, tt.files, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Write = %v; want an error containing %q", err, tt.wantErr)
			}
			if after := tree(t, dest); !slices.Equal(after, before) {
				t.Errorf("dest changed after a failed Write:\n%s\nwant\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
			}
			if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
				t.Errorf("beside dest: %q; want only public", got)
			}
			if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
				t.Errorf("escape.html was written outside dest")
			}
		})
	}
}

func TestCheckPaths(t *testing.T) {
	tests := []struct {
		path    string
		wantErr string // "" for a good path
	}{
		{"index.html", ""},
		{"posts/réseaux-sociaux/index.html", ""},
		{".well-known/security.txt", ""},
		{"a..b/c", ""},
		{"...", ""},
		{"", "empty"},
		{"../x", "not a clean"},
		{"a/../../x", "not a clean"},
		{"a/../x", "not a clean"},
		{"./x", "not a clean"},
		{"..", "not a clean"},
		{".", "not a clean"},
		{"a//b", "not a clean"},
		{"a/", "not a clean"},
		{"/etc/passwd", "absolute"},
		{"a/\x00b", "NUL"},
		{`..\x`, "backslash"},
		{`a\b`, "backslash"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			err := CheckPaths(map[string][]byte{tt.path: nil})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("CheckPaths(%q) = %v; want nil", tt.path, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("CheckPaths(%q) = %v; want an error containing %q", tt.path, err, tt.wantErr)
			}
		})
	}
}

func TestCheckPathsListsEveryProblem(t *testing.T) {
	err := CheckPaths(map[string][]byte{"../b": nil, "/a": nil, "ok.html": nil, "x": nil, "x/y/z": nil})
	want := `publish: file path "../b": is not a clean relative path (no "..", ".", empty or trailing elements)
publish: file path "/a": is absolute (want a path relative to the site's root)
publish: file path "x/y/z": "x" is a file, so it cannot also be a folder`
	if err == nil || err.Error() != want {
		t.Errorf("CheckPaths = %v; want\n%s", err, want)
	}
}

func TestWriteRefuses(t *testing.T) {
	base := t.TempDir()
	home := filepath.Join(base, "home", "me")
	src := filepath.Join(home, "blog")
	for _, d := range []string{"content/posts", "static", "themes/plain", "layouts", "i18n"} {
		if err := os.MkdirAll(filepath.Join(src, d), dirMode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(src, "config.toml"), []byte("title = 'x'\n"), fileMode); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(base, "deploy", ".git"), dirMode); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(base, "nowhere"), filepath.Join(base, "dangling")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(src, filepath.Join(base, "link-to-blog")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	// "." and ".." must be refused, and must never be this package's folder.
	wd := filepath.Join(t.TempDir(), "w", "x")
	if err := os.MkdirAll(wd, dirMode); err != nil {
		t.Fatal(err)
	}
	t.Chdir(wd)

	tests := []struct{ name, dest, want string }{
		{"root", "/", "is the root of the file system"},
		{"home", home, "is your home folder"},
		{"home with a trailing slash", home + "/", "is your home folder"},
		{"above home", filepath.Dir(home), "contains your home folder"},
		{"source", src, "is the site's source folder"},
		{"source through dot dot", filepath.Join(src, "content", ".."), "is the site's source folder"},
		{"source through a link", filepath.Join(base, "link-to-blog"), "is the site's source folder"},
		{"content", filepath.Join(src, "content"), "is inside the site's content/ folder"},
		{"inside content", filepath.Join(src, "content", "posts", "public"), "is inside the site's content/ folder"},
		{"static", filepath.Join(src, "static"), "is inside the site's static/ folder"},
		{"inside themes", filepath.Join(src, "themes", "plain", "out"), "is inside the site's themes/ folder"},
		{"layouts", filepath.Join(src, "layouts"), "is inside the site's layouts/ folder"},
		{"i18n", filepath.Join(src, "i18n", "new"), "is inside the site's i18n/ folder"},
		{"a file", filepath.Join(src, "config.toml"), "is a file"},
		{"a dangling link", filepath.Join(base, "dangling"), "symbolic link to nothing"},
		{"empty", "", "no destination"},
		{"a checkout", filepath.Join(base, "deploy"), "holds a repository (.git)"},
		{"the current folder", ".", "is or contains the current folder"},
		{"above the current folder", "..", "is or contains the current folder"},
	}
	before := tree(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.dest, site, Options{Source: src})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write(%q) = %v; want an error containing %q", tt.dest, err, tt.want)
			}
		})
	}
	if after := tree(t, base); !slices.Equal(after, before) {
		t.Errorf("a refused Write changed the disk:\n%s\nwant\n%s", strings.Join(after, "\n"), strings.Join(before, "\n"))
	}

	// The usual destinations are accepted.
	for _, dest := range []string{filepath.Join(src, "public"), filepath.Join(base, "www", "blog")} {
		if err := Write(dest, site, Options{Source: src}); err != nil {
			t.Errorf("Write(%q) = %v; want nil", dest, err)
		}
	}
}

func TestWriteRelativeDest(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := Write("public", map[string][]byte{"index.html": []byte("ok")}, Options{Source: "."}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "public", "index.html")); err != nil || string(b) != "ok" {
		t.Errorf("public/index.html = %q, %v; want \"ok\"", b, err)
	}
	if err := Write(".", nil, Options{Source: "."}); err == nil {
		t.Errorf(`Write(".") with Source "." = nil; want an error`)
	}
}

func TestWriteThroughSymlink(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "www", "site")
	if err := Write(real, map[string][]byte{"old.html": nil}, Options{}); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(base, "public")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, map[string][]byte{"index.html": []byte("new")}, Options{}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("public is no longer a symbolic link: %v, %v", fi, err)
	}
	if got := names(t, real); !slices.Equal(got, []string{"index.html"}) {
		t.Errorf("linked folder holds %q; want [index.html]", got)
	}
	if got := names(t, filepath.Dir(real)); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the linked folder: %q; want [site]", got)
	}
}

func TestWriteRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	old := time.Now().Add(-2 * staleAfter)
	mk := func(name string, stale bool) {
		p := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(p, "sub"), dirMode); err != nil {
			t.Fatal(err)
		}
		if stale {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	mk(".public.tmp-123", true)  // a killed relais: removed
	mk(".public.old-abc", true)  // same
	mk(".public.tmp-456", false) // maybe a relais writing right now: kept
	mk(".draft.tmp-789", true)   // another destination's: kept
	mk("public.tmp-old", true)   // not ours: kept
	if err := Write(filepath.Join(parent, "public"), site, Options{}); err != nil {
		t.Fatal(err)
	}
	want := []string{".draft.tmp-789", ".public.tmp-456", "public", "public.tmp-old"}
	if got := names(t, parent); !slices.Equal(got, want) {
		t.Errorf("beside dest: %q; want %q", got, want)
	}
}

func TestOwns(t *testing.T) {
	tests := []struct {
		p    string
		want bool
	}{
		{"/site/public", true},
		{"/site/public/", true},
		{"/site/public/posts/x/index.html", true},
		{"/site/.public.tmp-123", true},
		{"/site/.public.tmp-123/index.html", true},
		{"/site/.public.old-abc/css/style.css", true},
		{"/site/publication/index.md", false},
		{"/site/content/public/x.md", false},
		{"/site/.public.tmpfoo", false},
		{"/site/.other.tmp-1/x", false},
		{"/site/config.toml", false},
		{"/site", false},
		{"/elsewhere/public", false},
	}
	for _, tt := range tests {
		if got := Owns("/site/public", tt.p); got != tt.want {
			t.Errorf("Owns(%q, %q) = %v; want %v", "/site/public", tt.p, got, tt.want)
		}
	}
}

func FuzzCheckPaths(f *testing.F) {
	for _, s := range []string{"index.html", "posts/réseaux/index.html", "../x", "a/../../b", "/abs", `a\b`, "a\x00", "a//b", "."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if CheckPaths(map[string][]byte{p: nil}) != nil {
			return
		}
		// An accepted path stays inside any folder it is joined to.
		base := filepath.FromSlash("/srv/public")
		joined := filepath.Join(base, filepath.FromSlash(p))
		if !inside(joined, base) || joined == base {
			t.Errorf("CheckPaths accepted %q, which resolves to %q outside %q", p, joined, base)
		}
	})
}

// BenchmarkWrite publishes a site of 2,000 pages with an image each over
// the previous copy, as relais serve does on every rebuild.
func BenchmarkWrite(b *testing.B) {
	files := map[string][]byte{}
	page, img := []byte(strings.Repeat("<p>« Réseaux sociaux »</p>\n", 300)), make([]byte, 20_000)
	for i := range 2000 {
		dir := "posts/" + strings.Repeat("x", i%7) + "-" + hex.EncodeToString([]byte{byte(i >> 8), byte(i)})
		files[dir+"/index.html"] = page
		files[dir+"/photo.jpg"] = img
	}
	dest := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for b.Loop() {
		if err := Write(dest, files, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
