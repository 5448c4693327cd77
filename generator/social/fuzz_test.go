package social

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCompose checks the promise of Compose on any post: every excerpt is
// counted as its platform counts, is valid unless a hand-written text does
// not fit (and then a warning says so), and a valid excerpt carries its
// link where the platform takes one.
func FuzzCompose(f *testing.F) {
	f.Add("Charte de modération", "Comment écrire une charte ? Notre méthode.", "", "modération", "réseaux sociaux", "", uint8(0), "@alice@piaille.fr")
	f.Add("Growing a community", "", strings.Repeat("Fewer posts, more talk. ", 40), "Fediverse", "2026", "", uint8(1), "")
	f.Add("日本語", strings.Repeat("日本語の文章です", 60), "", "日本", "", "", uint8(2), "")
	f.Add("", "", "", "", "", strings.Repeat("Trop long ! ", 60), uint8(3), "")
	f.Add("Liens", "a.fr b.fr c.fr d.fr e.fr f.fr g.fr https://h.fr/x #a #b #c #d #e #f #g", "", "x", "y", "Voir {link} !", uint8(2), "@x")
	f.Add("🎉", strings.Repeat("👩🏽‍💻", 300), "\uFEFFtexte", "é", "É", "", uint8(4), "")
	f.Fuzz(fz)
}

func fz(t *testing.T, title, desc, summary, tag1, tag2, hand string, which uint8, mention string) {
	for _, s := range []*string{&title, &desc, &summary, &tag1, &tag2, &hand, &mention} {
		*s = strings.ToValidUTF8(*s, "")
	}
	if utf8.RuneCountInString(mention) > 30 || strings.ContainsAny(mention, " \n\t") {
		mention = ""
	}
	p := Post{
		URL: "https://exemple.fr/blog/article/", Slug: "article", Title: title, Lang: "fr",
		Image: "https://exemple.fr/card.png", Description: desc, Summary: summary,
		Paragraphs: []string{summary, desc, title}, Tags: []string{tag1, tag2},
		Source: "content/posts/article.md", Line: 2,
	}
	handFor := ""
	if hand != "" {
		handFor = Platforms[int(which)%len(Platforms)].Name
		p.Texts = map[string]string{handFor: hand}
	}
	if mention != "" {
		p.Mentions = map[string][]string{Platforms[int(which)%len(Platforms)].Name: {mention}}
	}
	ex, ws := Compose(p, Options{Typography: frenchTypo})
	if len(ex) != len(Platforms) {
		t.Fatalf("%d excerpts; want %d", len(ex), len(Platforms))
	}
	for _, e := range ex {
		pl, _ := Lookup(e.Platform)
		if e.Length != pl.Count(e.Text) || e.Valid != (len(e.Problems) == 0) {
			t.Fatalf("%s: length %d for %q, valid %v with %q", e.Platform, e.Length, e.Text, e.Valid, e.Problems)
		}
		if !e.Valid {
			if e.Platform != handFor || cleanHand(hand) == "" {
				t.Fatalf("%s: invalid without a hand-written text: %q for %q", e.Platform, e.Problems, e.Text)
			}
			warned := false
			for _, w := range ws {
				warned = warned || w.Platform == e.Platform && w.Path == p.Source && w.Line == p.Line
			}
			if !warned {
				t.Fatalf("%s: invalid without a warning", e.Platform)
			}
			continue
		}
		assertValid(t, p, e)
	}
}
