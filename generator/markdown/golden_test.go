package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenCases render testdata/<in>.md to testdata/<out>.html. The golden
// file holds the whole Result: the fields as an HTML comment, then the
// TOC, the summary and the page, each after a marker comment.
var goldenCases = []struct {
	in, out string
	opt     Options
}{
	{"post-fr", "post-fr", site},
	{"code", "code", site},
	{"code", "code.plain", Options{Unsafe: true}},
	{"code", "code.lines", Options{Unsafe: true, Highlight: true, LineNumbers: true}},
	{"raw-html", "raw-html", site},
	{"raw-html", "raw-html.safe", Options{Highlight: true}},
	{"edge", "edge", site},
}

// goldenResolve knows two of the pages the golden inputs link to.
func goldenResolve(dest string) (string, bool) {
	path, frag, _ := strings.Cut(dest, "#")
	u, ok := map[string]string{
		"suite.md":            "/posts/suite/",
		"bilans-mensuels.md":  "/posts/bilans-mensuels/",
		"../guides/charte.md": "/guides/charte/",
	}[path]
	if ok && frag != "" {
		u += "#" + frag
	}
	return u, ok
}

func dumpResult(r Result) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!--\ntitle: %q\nfirstImage: %q\nwords: %d\nreadingTime: %d\ntruncated: %v\nsummary: %q\n",
		r.Title, r.FirstImage, r.WordCount, r.ReadingTime, r.Truncated, r.Summary)
	for _, h := range r.Headings {
		fmt.Fprintf(&b, "heading: h%d #%s %q\n", h.Level, h.ID, h.Text)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning: %d: %s\n", w.Line, w.Msg)
	}
	b.WriteString("-->\n<!-- toc -->\n")
	b.Write(r.TOC)
	b.WriteString("<!-- summary -->\n")
	b.Write(r.SummaryHTML)
	b.WriteString("<!-- html -->\n")
	b.Write(r.HTML)
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.out, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", gc.in+".md"))
			if err != nil {
				t.Fatal(err)
			}
			m := New(gc.opt)
			in := Input{Source: src, Lang: "fr", ExtractTitle: true, ResolveLink: goldenResolve}
			res, err := m.Render(in)
			if err != nil {
				t.Fatal(err)
			}
			got := dumpResult(res)
			// Rendering twice gives the same bytes: no state leaks between calls.
			again, err := m.Render(in)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(dumpResult(again), got) {
				t.Errorf("second Render of %s.md differs from the first", gc.in)
			}
			path := filepath.Join("testdata", gc.out+".html")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Render(%s.md) differs from %s; run go test -update and review the diff:\n%s", gc.in, path, firstDiff(got, want))
			}
		})
	}
}

// firstDiff shows the first line that differs.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q", i+1, gl, wl)
		}
	}
	return ""
}

// TestRenderSharesNoBuffer renders pages one after another, as a build
// does with the buffers pooled between them: no Result may change when
// the next page renders, and a page renders the same after any other.
func TestRenderSharesNoBuffer(t *testing.T) {
	m := New(site)
	var pages [][]byte
	for _, gc := range goldenCases[:1] {
		src, err := os.ReadFile(filepath.Join("testdata", gc.in+".md"))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, src)
	}
	pages = append(pages, []byte("# Autre\n\n## Bilan {#bilan}\n\n## Bilan {#bilan}\n\n[x](absent.md) <img src=\"i.png\">\n\n<!--more-->\n\nFin."), []byte(""))
	in := func(src []byte) Input {
		return Input{Source: src, Lang: "fr", ExtractTitle: true, ResolveLink: goldenResolve}
	}
	var results []Result
	var dumps [][]byte
	for _, src := range pages {
		res, err := m.Render(in(src))
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, res)
		dumps = append(dumps, bytes.Clone(dumpResult(res)))
	}
	for i, src := range pages {
		if got := dumpResult(results[i]); !bytes.Equal(got, dumps[i]) {
			t.Errorf("page %d: its Result changed while later pages rendered:\n%s", i, firstDiff(got, dumps[i]))
		}
		again, err := m.Render(in(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := dumpResult(again); !bytes.Equal(got, dumps[i]) {
			t.Errorf("page %d renders differently after other pages:\n%s", i, firstDiff(got, dumps[i]))
		}
	}
}
