package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestStageConcurrent streams a site from many goroutines at once, as
// relais build does while it renders, folders shared between them.
func TestStageConcurrent(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	want := map[string][]byte{}
	for i := range 400 {
		want[fmt.Sprintf("posts/p%d/index.html", i%40)+strings.Repeat("x", i/40)] = []byte(fmt.Sprint("page ", i))
		want[fmt.Sprintf("tags/t%d/page/%d/index.html", i%7, i)] = []byte("list")
	}
	for p, b := range site {
		want[p] = b
	}
	st, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths := make([]string, 0, len(want))
	for p := range want {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var wg sync.WaitGroup
	errs := make(chan error, len(paths))
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < len(paths); i += 8 {
				buf := slices.Clone(want[paths[i]])
				if err := st.Add(paths[i], buf); err != nil {
					errs <- err
				}
				clear(buf) // Add returned: the caller may reuse its buffer
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Fatalf("dest exists before Commit: %v", err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	written := 0
	err = filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if w, ok := want[filepath.ToSlash(rel)]; !ok || string(got) != string(w) {
			t.Errorf("%s = %q; want %q (listed: %v)", rel, got, w, ok)
		}
		written++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if written != len(want) {
		t.Errorf("%d files written; want %d", written, len(want))
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside dest: %q; want only public", got)
	}
	if err := st.Add("late.html", nil); err == nil {
		t.Error("Add after Commit: no error")
	}
	st.Abort() // after Commit: nothing happens
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Errorf("Abort after Commit removed the site: %v", err)
	}
}

func TestStageRefuses(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  string // in the error of the last Add
	}{
		{"twice", []string{"a/index.html", "a/index.html"}, "written twice"},
		{"file then folder", []string{"a", "a/b.html"}, `"a" is a file`},
		{"folder then file", []string{"a/b.html", "a"}, "also a folder"},
		{"climbs", []string{"../x.html"}, "not a clean relative path"},
		{"absolute", []string{"/x.html"}, "absolute"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			st, err := Begin(dest, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Abort()
			for i, p := range tt.paths {
				err := st.Add(p, []byte("x"))
				last := i == len(tt.paths)-1
				switch {
				case !last && err != nil:
					t.Fatalf("Add(%q): %v", p, err)
				case last && (err == nil || !strings.Contains(err.Error(), tt.want)):
					t.Errorf("Add(%q) = %v; want an error containing %q", p, err, tt.want)
				}
			}
		})
	}
}

// TestStageAbortKeepsDest: a build that fails after streaming half its
// files leaves the published site exactly as it was, and no trace beside.
func TestStageAbortKeepsDest(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := Write(dest, site, Options{}); err != nil {
		t.Fatal(err)
	}
	before := tree(t, dest)
	st, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Add("index.html", []byte("new home")); err != nil {
		t.Fatal(err)
	}
	if err := st.Add("posts/new/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if got := tree(t, dest); !slices.Equal(got, before) {
		t.Errorf("after Abort, dest is\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(before, "\n"))
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside dest: %q; want only public", got)
	}
	if err := st.Commit(); err == nil {
		t.Error("Commit after Abort: no error")
	}
	// The lock is free again: another publication goes through.
	if err := Write(dest, map[string][]byte{"index.html": []byte("ok")}, Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestBeginRefusesBadDest(t *testing.T) {
	src := t.TempDir()
	if _, err := Begin(filepath.Join(src, "content"), Options{Source: src}); err == nil {
		t.Fatal("Begin into content/: no error")
	}
	// The refusal released the lock.
	if err := Write(filepath.Join(t.TempDir(), "public"), site, Options{}); err != nil {
		t.Fatal(err)
	}
}
