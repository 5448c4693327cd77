package count

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

var fuzzSeeds = []string{
	"Prêts\u202F? Lisez exemple.fr/blog.",
	"« https://exemple.fr/a » ! 👩🏽‍💻 #Communauté @alice@piaille.fr",
	"(voir https://fr.wikipedia.org/wiki/Paris_(France))",
	"http://ああ.com example.comてすとですtwitter.みんなです",
	"\u2066\u202ahttp://foobar.پاکستان/\u202c\u2069",
	"https://t.co/abc's 1️⃣ 🇫🇷🇧🇪 cafe\u0301",
	"\uFEFF日本語 𠀀 x.comm 10.50 €",
}

// FuzzCount checks what every counter promises on any text: links are
// ordered, disjoint spans on character boundaries; X does not depend on the
// normal form; no count is below what the platform could display.
func FuzzCount(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		urls := URLs(s)
		last := 0
		for _, u := range urls {
			if u.Start < last || u.End <= u.Start || u.End > len(s) {
				t.Fatalf("URLs(%q): span %d-%d after %d", s, u.Start, u.End, last)
			}
			if !utf8.RuneStart(s[u.Start]) || u.End < len(s) && !utf8.RuneStart(s[u.End]) {
				t.Fatalf("URLs(%q): span %d-%d cuts a character", s, u.Start, u.End)
			}
			if !strings.Contains(s[u.Start:u.End], ".") {
				t.Fatalf("URLs(%q): %q has no dot", s, s[u.Start:u.End])
			}
			if u.Scheme != (schemeLen(s[u.Start:]) > 0) {
				t.Fatalf("URLs(%q): %q scheme %v", s, s[u.Start:u.End], u.Scheme)
			}
			last = u.End
		}
		x := X(s)
		nfc := norm.NFC.String(s)
		if x2 := X(nfc); x2 != x {
			t.Fatalf("X(%q) = %d but X(NFC) = %d", s, x, x2)
		}
		nu := len(URLs(nfc))
		if r := utf8.RuneCountInString(nfc); x > 2*r+23*nu || x < 0 {
			t.Fatalf("X(%q) = %d for %d code points and %d links", s, x, r, nu)
		}
		if XValid(s) && (x == 0 || x > XLimit) {
			t.Fatalf("XValid(%q) with weight %d", s, x)
		}
		g := uniseg.GraphemeClusterCount(s)
		if m := Mastodon(s); m < 0 || m > g+23*len(urls) {
			t.Fatalf("Mastodon(%q) = %d for %d graphemes", s, m, g)
		}
		if th := Threads(s); th < g || th > len(s)+UTF16(s) {
			t.Fatalf("Threads(%q) = %d for %d graphemes", s, th, g)
		}
		if u := UTF16(s); u < utf8.RuneCountInString(s) || u < g {
			t.Fatalf("UTF16(%q) = %d", s, u)
		}
		if n := Links(s); n > len(urls) {
			t.Fatalf("Links(%q) = %d for %d links", s, n, len(urls))
		}
	})
}

// FuzzShortcuts holds the counters' shortcuts to what they skip: a text
// without a dot before a label has no link; where noLinkAt says no link
// starts, matchAt finds none and skips as far; the grapheme counts are
// uniseg's.
func FuzzShortcuts(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("Fin. Puis\u00A0x.y foo-https://a.fr éhttps://b.fr \"a.fr `b.co _c.fr @d.fr #e.fr h.ttp")
	f.Fuzz(func(t *testing.T, s string) {
		if !dotLabel(s) && len(urls(s)) > 0 {
			t.Fatalf("dotLabel(%q) = false, yet URLs finds %v", s, urls(s))
		}
		for p := 0; p <= len(s); p++ {
			run, ok := noLinkAt(s, p)
			if !ok {
				continue
			}
			m, mrun, mok := matchAt(s, p, map[int]int{})
			if mok || m.scheme || mrun != run {
				t.Fatalf("noLinkAt(%q, %d) = %d, true; matchAt = %d, %v (scheme %v)", s, p, run, mrun, mok, m.scheme)
			}
		}
		g := uniseg.GraphemeClusterCount(s)
		if b, n := Bluesky(s); b != g || n != len(s) {
			t.Fatalf("Bluesky(%q) = %d, %d; want %d, %d", s, b, n, g, len(s))
		}
		want := 0
		state := -1
		for rest := s; rest != ""; {
			var c string
			c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
			if IsEmoji(c) {
				want += len(c)
			} else {
				want += UTF16(c)
			}
		}
		if th := Threads(s); th != want {
			t.Fatalf("Threads(%q) = %d; want %d", s, th, want)
		}
		if !strings.Contains(s, "@") {
			if m, wantM := Mastodon(s), mastodonRef(s); m != wantM {
				t.Fatalf("Mastodon(%q) = %d; want %d", s, m, wantM)
			}
		}
	})
}

// mastodonRef counts a text without mentions: links 23, the rest in
// grapheme clusters.
func mastodonRef(s string) int {
	n, last := 0, 0
	for _, u := range URLs(s) {
		if u.Scheme {
			n += uniseg.GraphemeClusterCount(s[last:u.Start]) + MastodonURL
			last = u.End
		}
	}
	return n + uniseg.GraphemeClusterCount(s[last:])
}
