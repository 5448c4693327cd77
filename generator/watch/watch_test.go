package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestIsTemp(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{".index.md.swp", true},
		{".index.md.swo", true},
		{".index.md.swx", true},
		{"index.md~", true},
		{".#index.md", true},
		{"#index.md#", true},
		{"4913", true},
		{".goutputstream-ZX81QZ", true},
		{"index.md.tmp", true},
		{"~WRL0001.TMP", true},
		{"index.md___jb_tmp___", true},
		{"index.md___jb_old___", true},
		{".DS_Store", true},
		{"Thumbs.db", true},
		{"photo.jpg.crdownload", true},
		{"photo.jpg.part", true},
		{"~$rapport.docx", true},
		{".index.md.kate-swp", true},
		{"sed15Lpdh", true},
		{"sedAbc123", true},
		{"sed.md", false},
		{"sedentary.md", false},
		{"/site/content/posts/.réseaux.md.swp", true},
		{"index.md", false},
		{"réseaux-sociaux.md", false},
		{"config.toml", false},
		{"_index.md", false},
		{".htaccess", false},
		{"49130", false},
		{"animation.swf", false},
		{"#hashtag.md", false},
		{"#", false},
		{"##", false},
		{"~notes.md", false},
		{"template.html", false},
		{"/site/content/4913/index.md", false},
	}
	for _, tt := range tests {
		if got := IsTemp(tt.name); got != tt.want {
			t.Errorf("IsTemp(%q) = %v; want %v", tt.name, got, tt.want)
		}
	}
}

// modes runs each real file system test with notifications and polling.
var modes = []struct {
	name string
	opt  Options
}{
	{"notify", Options{Delay: 20 * time.Millisecond}},
	{"poll", Options{Delay: 20 * time.Millisecond, Poll: 25 * time.Millisecond}},
}

// step is one action on the site folder and the paths it must report,
// relative to the folder. With exact, nothing else may be reported.
type step struct {
	do    func(t *testing.T, dir string)
	want  []string
	exact bool
}

func write(rel, data string) func(*testing.T, string) {
	return func(t *testing.T, dir string) { mustWrite(t, filepath.Join(dir, rel), data) }
}

func mustWrite(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// many is a tree written in one go, as by git checkout or an unzip: new
// folders get files before their watch can be added.
var many = func() []string {
	var paths []string
	for i := range 20 {
		for j := range 10 {
			paths = append(paths, fmt.Sprintf("content/d%02d/sub/f%02d.md", i, j))
		}
	}
	return paths
}()

func TestWatch(t *testing.T) {
	tests := []struct {
		name   string
		files  []string                    // created before New
		roots  []string                    // relative; default content and config.toml
		ignore func(dir, path string) bool // Options.Ignore, given the site folder
		steps  []step
	}{
		{
			name:  "write",
			files: []string{"content/a.md", "content/b.md"},
			steps: []step{{do: write("content/a.md", "« modifié »"), want: []string{"content/a.md"}, exact: true}},
		},
		{
			name:  "create",
			steps: []step{{do: write("content/posts/new.md", "nouveau"), want: []string{"content/posts/new.md"}, exact: true}},
		},
		{
			name:  "vim save",
			files: []string{"content/a.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				c := filepath.Join(dir, "content")
				mustWrite(t, filepath.Join(c, ".a.md.swp"), "swap")
				mustWrite(t, filepath.Join(c, "4913"), "")
				must(t, os.Remove(filepath.Join(c, "4913")))
				must(t, os.Rename(filepath.Join(c, "a.md"), filepath.Join(c, "a.md~")))
				mustWrite(t, filepath.Join(c, "a.md"), "saved by vim")
				must(t, os.Remove(filepath.Join(c, "a.md~")))
				must(t, os.Remove(filepath.Join(c, ".a.md.swp")))
			}, want: []string{"content/a.md"}, exact: true}},
		},
		{
			name:  "jetbrains save",
			files: []string{"content/a.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				c := filepath.Join(dir, "content")
				mustWrite(t, filepath.Join(c, "a.md___jb_tmp___"), "saved by an IDE")
				must(t, os.Rename(filepath.Join(c, "a.md"), filepath.Join(c, "a.md___jb_old___")))
				must(t, os.Rename(filepath.Join(c, "a.md___jb_tmp___"), filepath.Join(c, "a.md")))
				must(t, os.Remove(filepath.Join(c, "a.md___jb_old___")))
			}, want: []string{"content/a.md"}, exact: true}},
		},
		{
			name:  "delete",
			files: []string{"content/a.md", "content/b.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				must(t, os.Remove(filepath.Join(dir, "content/a.md")))
			}, want: []string{"content/a.md"}, exact: true}},
		},
		{
			name: "new folder with files",
			steps: []step{
				{do: func(t *testing.T, dir string) {
					mustWrite(t, filepath.Join(dir, "content/posts/2024/bilan/index.md"), "bilan")
					mustWrite(t, filepath.Join(dir, "content/posts/2024/bilan/photo.jpg"), "jpeg")
				}, want: []string{"content/posts/2024/bilan/index.md", "content/posts/2024/bilan/photo.jpg"}, exact: true},
				// The new folder is watched from then on.
				{do: write("content/posts/2024/bilan/index.md", "bilan, deuxième version"), want: []string{"content/posts/2024/bilan/index.md"}, exact: true},
			},
		},
		{
			name:  "folder moved in",
			files: []string{"content/a.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, "drafts/idea/index.md"), "idée")
				must(t, os.Rename(filepath.Join(dir, "drafts/idea"), filepath.Join(dir, "content/idea")))
			}, want: []string{"content/idea/index.md"}, exact: true}},
		},
		{
			name:  "folder removed",
			files: []string{"content/old/sub/a.md", "content/keep.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				must(t, os.RemoveAll(filepath.Join(dir, "content/old")))
			}, want: []string{"content/old", "content/old/sub", "content/old/sub/a.md"}, exact: true}},
		},
		{
			name:  "folder moved away",
			files: []string{"content/old/a.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				must(t, os.Rename(filepath.Join(dir, "content/old"), filepath.Join(dir, "attic")))
			}, want: []string{"content/old"}}}, // polling lists its files too
		},
		{
			name:  "folder renamed",
			files: []string{"content/a/x.md"},
			steps: []step{
				{do: func(t *testing.T, dir string) {
					must(t, os.Rename(filepath.Join(dir, "content/a"), filepath.Join(dir, "content/b")))
				}, want: []string{"content/a", "content/b/x.md"}}, // polling lists content/a/x.md too
				// The renamed folder is watched under its new name only.
				{do: write("content/b/y.md", "y"), want: []string{"content/b/y.md"}, exact: true},
			},
		},
		{
			name:  "many new folders at once",
			files: []string{"content/a.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				for _, p := range many {
					mustWrite(t, filepath.Join(dir, p), p)
				}
			}, want: many, exact: true}},
		},
		{
			name:  "temp files ignored",
			files: []string{"content/a.md"},
			steps: []step{{do: func(t *testing.T, dir string) {
				for _, name := range []string{".#a.md", "#a.md#", "a.md~", ".a.md.swp", "4913", ".DS_Store", "a.md.tmp", ".goutputstream-ABC123"} {
					mustWrite(t, filepath.Join(dir, "content", name), "x")
				}
				mustWrite(t, filepath.Join(dir, "content/b.md"), "b")
			}, want: []string{"content/b.md"}, exact: true}},
		},
		{
			name:  "file root",
			files: []string{"content/a.md", "config.toml", "notes.txt"},
			steps: []step{{do: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, "notes.txt"), "not watched")
				mustWrite(t, filepath.Join(dir, "config.toml.tmp"), "title = 'Nouveau'")
				must(t, os.Rename(filepath.Join(dir, "config.toml.tmp"), filepath.Join(dir, "config.toml")))
			}, want: []string{"config.toml"}, exact: true}},
		},
		{
			name:  "missing root",
			roots: []string{"content", "static/img"},
			files: []string{"content/a.md"},
			steps: []step{
				{do: write("static/img/logo.png", "png"), want: []string{"static/img/logo.png"}, exact: true},
				{do: write("static/img/logo2.png", "png"), want: []string{"static/img/logo2.png"}, exact: true},
			},
		},
		{
			name:  "root removed and created again",
			files: []string{"content/a.md"},
			steps: []step{
				{do: func(t *testing.T, dir string) {
					must(t, os.RemoveAll(filepath.Join(dir, "content")))
				}, want: []string{"content", "content/a.md"}, exact: true},
				{do: write("content/b.md", "b"), want: []string{"content/b.md"}, exact: true},
			},
		},
		{
			name:   "ignored folder",
			roots:  []string{"."},
			files:  []string{"content/a.md", "public/index.html"},
			ignore: func(dir, p string) bool { return strings.HasPrefix(p, filepath.Join(dir, "public")) },
			steps: []step{{do: func(t *testing.T, dir string) {
				mustWrite(t, filepath.Join(dir, "public/index.html"), "output")
				mustWrite(t, filepath.Join(dir, "public/posts/a/index.html"), "output")
				mustWrite(t, filepath.Join(dir, ".git/index"), "git")
				mustWrite(t, filepath.Join(dir, "content/a.md"), "input")
			}, want: []string{"content/a.md"}, exact: true}},
		},
	}
	for _, mode := range modes {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel() // mostly waiting for batches
				dir, err := filepath.EvalSymlinks(t.TempDir())
				must(t, err)
				for _, f := range tt.files {
					mustWrite(t, filepath.Join(dir, f), "initial "+f)
				}
				roots := tt.roots
				if roots == nil {
					roots = []string{"content", "config.toml"}
				}
				var abs []string
				for _, r := range roots {
					abs = append(abs, filepath.Join(dir, r))
				}
				opt := mode.opt
				if tt.ignore != nil {
					opt.Ignore = func(p string) bool { return tt.ignore(dir, p) }
				}
				w, err := New(abs, opt)
				must(t, err)
				defer w.Close()
				for i, s := range tt.steps {
					s.do(t, dir)
					got := collect(t, w, opt.Delay, dir, s.want)
					if s.exact && !slices.Equal(got, s.want) {
						t.Errorf("step %d reported %q; want %q", i+1, got, s.want)
					}
				}
			})
		}
	}
}

// collect reads batches until every path of want (relative to dir) came,
// then a little longer for strays, and returns every path seen, relative.
// Each batch must be absolute, sorted and without duplicates.
func collect(t *testing.T, w *Watcher, delay time.Duration, dir string, want []string) []string {
	t.Helper()
	seen := map[string]bool{}
	read := func(batch Batch) {
		b := batch.Paths
		if !slices.IsSorted(b) || len(slices.Compact(slices.Clone(b))) != len(b) {
			t.Errorf("batch %q is not sorted and deduplicated", b)
		}
		for _, p := range b {
			if !filepath.IsAbs(p) || filepath.Clean(p) != p {
				t.Errorf("batch path %q is not absolute and clean", p)
			}
			rel, err := filepath.Rel(dir, p)
			must(t, err)
			seen[filepath.ToSlash(rel)] = true
		}
	}
	hasAll := func() bool {
		for _, p := range want {
			if !seen[p] {
				return false
			}
		}
		return true
	}
	timeout := time.After(5 * time.Second)
	for !hasAll() {
		select {
		case b, ok := <-w.Batches:
			if !ok {
				t.Fatal("Batches closed")
			}
			read(b)
		case err := <-w.Errors:
			t.Errorf("watch error: %v", err)
		case <-timeout:
			t.Fatalf("after 5s, saw %q; want %q", sorted(seen), want)
		}
	}
	// Events of the same action are queued already; give them a few
	// batching windows to come through.
	settle := time.After(8 * delay)
	for {
		select {
		case b := <-w.Batches:
			read(b)
		case err := <-w.Errors:
			t.Errorf("watch error: %v", err)
		case <-settle:
			return sorted(seen)
		}
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil, Options{}); err == nil {
		t.Errorf("New(nil) = nil error; want one")
	}
}

func TestCloseStopsEverything(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			dir := t.TempDir()
			mustWrite(t, filepath.Join(dir, "content/a.md"), "a")
			w, err := New([]string{filepath.Join(dir, "content"), filepath.Join(dir, "config.toml")}, mode.opt)
			must(t, err)
			mustWrite(t, filepath.Join(dir, "content/b.md"), "b")
			collect(t, w, mode.opt.Delay, dir, []string{"content/b.md"})
			// A change nobody reads must not hold Close back.
			mustWrite(t, filepath.Join(dir, "content/c.md"), "c")
			time.Sleep(10 * mode.opt.Delay)
			must(t, w.Close())
			must(t, w.Close()) // twice is fine
			if _, ok := <-w.Batches; ok {
				t.Errorf("Batches still open after Close")
			}
			deadline := time.Now().Add(5 * time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if n := runtime.NumGoroutine(); n > before {
				buf := make([]byte, 1<<16)
				t.Errorf("%d goroutines after Close; want %d\n%s", n, before, buf[:runtime.Stack(buf, true)])
			}
		})
	}
}
