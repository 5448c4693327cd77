package social

import (
	"testing"

	"github.com/relais/relais/generator/social/count"
)

// BenchmarkCompose composes the eight excerpts of a French article with
// its paragraphs, the typical page of a build.
func BenchmarkCompose(b *testing.B) {
	p := post(func(p *Post) {
		p.Description = fediverse
		p.Paragraphs = []string{fediverse, oneSentence, question, fediverse, oneSentence}
	})
	opt := Options{Typography: frenchTypo}
	for b.Loop() {
		Compose(p, opt)
	}
}

func BenchmarkCountX(b *testing.B) {
	s := fediverse + "\n\n" + utm("x") + "\n\n#Modération #Communauté"
	for b.Loop() {
		count.X(s)
	}
}
