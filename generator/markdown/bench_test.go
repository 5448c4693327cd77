package markdown

import (
	"os"
	"testing"
)

// frenchPost is a community-management post of about 1,000 words with
// the usual furniture: headings, lists, a table, code, footnotes, a
// callout, a definition list, links to other posts.
func frenchPost(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/post-fr.md")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func BenchmarkRender(b *testing.B) {
	src := frenchPost(b)
	resolve := func(dest string) (string, bool) { return "/posts/x/", true }
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"site", site},
		{"plain", Options{Unsafe: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m := New(bc.opt)
			in := Input{Source: src, Lang: "fr", ExtractTitle: true, ResolveLink: resolve}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.Render(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRenderParallel(b *testing.B) {
	src := frenchPost(b)
	m := New(site)
	in := Input{Source: src, Lang: "fr", ExtractTitle: true}
	b.SetBytes(int64(len(src)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := m.Render(in); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
