package typography

import (
	"io"
	"math"
	"os"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
)

// The benchmarks render testdata/article.md, about 1,000 words of French,
// with goldmark as relais configures it, without and with the pass: the
// difference is what the pass costs a page.

func benchmarkRender(b *testing.B, md goldmark.Markdown) {
	src, err := os.ReadFile("testdata/article.md")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		pc := parser.NewContext()
		pc.Set(langKey, "fr")
		if err := md.Convert(src, io.Discard, parser.WithContext(pc)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGoldmark(b *testing.B) { benchmarkRender(b, newMarkdown(nil)) }

func BenchmarkExtension(b *testing.B) {
	benchmarkRender(b, newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true}))
}

// BenchmarkPassCost renders the article alternately without and with the
// pass and reports the pass's own cost: pass-ns/op, and pass-% of
// goldmark's time. It compares the fastest render of each kind, which a
// machine shared with other work disturbs least.
func BenchmarkPassCost(b *testing.B) {
	src, err := os.ReadFile("testdata/article.md")
	if err != nil {
		b.Fatal(err)
	}
	plain := newMarkdown(nil)
	typo := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	convert := func(md goldmark.Markdown) time.Duration {
		pc := parser.NewContext()
		pc.Set(langKey, "fr")
		start := time.Now()
		if err := md.Convert(src, io.Discard, parser.WithContext(pc)); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	without, with := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for b.Loop() {
		without = min(without, convert(plain))
		with = min(with, convert(typo))
	}
	b.ReportMetric(float64(with-without), "pass-ns/op")
	b.ReportMetric(100*float64(with-without)/float64(without), "pass-%")
}

func BenchmarkString(b *testing.B) {
	const title = `Réseaux sociaux : "10 astuces" pour l'engagement de votre communauté ?`
	for b.Loop() {
		String("fr", title, Defaults())
	}
}

func BenchmarkStringUnchanged(b *testing.B) {
	const title = "Un titre sans rien à changer"
	for b.Loop() {
		String("fr", title, Defaults())
	}
}
