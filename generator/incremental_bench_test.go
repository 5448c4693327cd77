package generator

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// BenchmarkBodyEdit measures relais serve's rebuild after one article's
// body edit, on the site in $SITE (scripts/bench.sh makes a 10,000-post
// one at /dev/shm/relais-bench/relais-site):
//
//	SITE=/dev/shm/relais-bench/relais-site go test -run XXX -bench BodyEdit -benchtime 20x ./generator
//
// "end" adds a paragraph at the end of the article; "lead" changes its
// first paragraph, so its summary and social excerpts change too, and
// every list, feed and export that shows them. The edits go to an overlay
// in memory: the site on disk is not touched.
func BenchmarkBodyEdit(b *testing.B) {
	root := os.Getenv("SITE")
	if root == "" {
		b.Skip("SITE is not set: no site to measure")
	}
	src := &overlayFS{base: os.DirFS(root), files: fstest.MapFS{}}
	article := firstPost(b, src)
	original, err := fs.ReadFile(src, article)
	if err != nil {
		b.Fatal(err)
	}
	bl := NewBuilder(Options{Now: time.Now(), Root: root, Defer: true}) // as relais serve builds
	start := time.Now()
	if _, err := bl.Build(src, nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("full build: %v", time.Since(start).Round(time.Millisecond))
	edits := []struct {
		name string
		edit func(i int) []byte
	}{
		{"end", func(i int) []byte { return append(bytes.Clone(original), []byte("\n\nmot"+strconv.Itoa(i)+"\n")...) }},
		{"lead", func(i int) []byte {
			// The front matter ends at the second "---" (or "+++") line;
			// the first paragraph follows.
			fence := "\n" + string(original[:3]) + "\n"
			end := bytes.Index(original[3:], []byte(fence)) + 3 + len(fence)
			body := bytes.TrimLeft(original[end:], "\n")
			return append(append(bytes.Clone(original[:end]), []byte("\nMot"+strconv.Itoa(i)+" ")...), body...)
		}},
	}
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			runtime.GC() // the full build's garbage is not the edits' work
			b.ResetTimer()
			cpu := cpuTime()
			for i := range b.N {
				src.files[article] = &fstest.MapFile{Data: e.edit(i)}
				res, err := bl.Build(src, []string{article})
				if err != nil {
					b.Fatal(err)
				}
				if bl.st.mode != "body" {
					b.Fatalf("built as %q; want a body edit", bl.st.mode)
				}
				if i == 0 {
					b.Logf("changed: %q", res.Changed)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the process's CPU time so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func firstPost(b *testing.B, fsys fs.FS) string {
	entries, err := fs.ReadDir(fsys, "content/posts")
	if err != nil || len(entries) == 0 {
		b.Fatalf("no content/posts: %v", err)
	}
	return path.Join("content/posts", entries[len(entries)/2].Name())
}

// overlayFS shows files over base.
type overlayFS struct {
	base  fs.FS
	files fstest.MapFS
}

func (o *overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return o.base.Open(name)
}

func (o *overlayFS) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.files[name]; ok {
		return fs.Stat(o.files, name)
	}
	return fs.Stat(o.base, name)
}
