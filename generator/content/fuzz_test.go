package content

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// fuzzNames are the kinds of path Parse meets: page, bundle in a language,
// section, Jekyll-dated name.
var fuzzNames = []string{"content/posts/x.md", "content/posts/x/index.en.md", "content/_index.md", "content/2024-02-29-x.markdown"}

// FuzzParse checks that any input gives a page or positioned errors, and
// that a page is coherent: its body is the end of the file, its line is
// right, its params encode as JSON.
func FuzzParse(f *testing.F) {
	for _, tt := range append(append(shapeTests, fieldTests...), fenceTests...) {
		f.Add([]byte(tt.in), uint8(0))
	}
	if a, err := txtar.ParseFile(filepath.Join("testdata", "blog.txtar")); err == nil {
		for i, file := range a.Files {
			f.Add(file.Data, uint8(i))
		}
	}
	cfg := bilingual()
	cfg.Permalinks = map[string]string{"posts": "/:year/:month/:title/"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		name := fuzzNames[int(which)%len(fuzzNames)]
		p, warns, err := Parse(name, data, cfg)
		for _, w := range warns {
			if w.Path != name || w.Line < 1 {
				t.Fatalf("warning without a file line: %v", w)
			}
		}
		if err != nil {
			if p != nil {
				t.Fatal("Parse returned a page and an error")
			}
			for _, e := range flatten(err) {
				if e.Path != name || e.Line < 1 {
					t.Fatalf("error without a file line: %v", e)
				}
			}
			return
		}
		norm, _ := normalize(name, data)
		if !bytes.HasSuffix(norm, p.Body) {
			t.Fatalf("Body %q is not the end of the file", p.Body)
		}
		if len(p.Body) > 0 {
			before := len(norm) - len(p.Body)
			if line := 1 + bytes.Count(norm[:before], []byte("\n")); line != p.BodyLine {
				t.Fatalf("BodyLine = %d; want %d", p.BodyLine, line)
			}
		}
		if !strings.HasPrefix(p.URL, "/") {
			t.Fatalf("URL = %q; want a site path", p.URL)
		}
		for _, a := range p.Aliases {
			if !strings.HasPrefix(a, "/") || a == p.URL {
				t.Fatalf("alias %q of %q", a, p.URL)
			}
		}
		if _, err := json.Marshal(struct {
			P any
			S any
			T any
		}{p.Params, p.Social, p.Terms}); err != nil {
			t.Fatalf("page values do not encode as JSON: %v", err)
		}
	})
}
