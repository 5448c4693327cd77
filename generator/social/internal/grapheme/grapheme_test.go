package grapheme

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// aloneRunes lists every rune alone reports.
func aloneRunes() []rune {
	var out []rune
	for r := rune(0); r < 0x2100; r++ {
		if alone(r) {
			out = append(out, r)
		}
	}
	return out
}

// TestAlonePairs checks the claim Next rests on, for every pair of runes
// that are alone: uniseg breaks between them, but between CR and LF.
func TestAlonePairs(t *testing.T) {
	runes := aloneRunes()
	buf := make([]byte, 0, 8)
	for _, a := range runes {
		for _, b := range runes {
			buf = append(append(buf[:0], string(a)...), string(b)...)
			g, _, _, _ := uniseg.FirstGraphemeClusterInString(string(buf), -1)
			want := len(string(a))
			if a == '\r' && b == '\n' {
				want = 2
			}
			if len(g) != want {
				t.Fatalf("U+%04X U+%04X: uniseg's first cluster is %d bytes; want %d", a, b, len(g), want)
			}
		}
	}
}

// walk returns the clusters of s as Next finds them, and as uniseg's own
// walk (with its state carried along) finds them.
func walk(s string) (got, want []string) {
	for rest := s; rest != ""; {
		n := Next(rest)
		got = append(got, rest[:n])
		rest = rest[n:]
	}
	state := -1
	for rest := s; rest != ""; {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		want = append(want, g)
	}
	return got, want
}

func TestNext(t *testing.T) {
	tests := []string{
		"", "a", "ab", "\r\n", "\r\r\n", "\n\r", "é", "e\u0301", "e\u0301\u0302x", "👩🏽‍💻 ok", "🇫🇷🇧🇪🇫", "한국어", "ก่อน",
		"\u0600a", "a\u200db", "©\u200d©", "👍\u200d©", "Prêts\u202F?", "« oui »", "a\xffb", "\xff\u0301", "日本語の文章です。",
		"₀€\u20d0", "x\uFE0F", "\u2028\u2029", "a\u00ADb", "க்ஷ", "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
	}
	for _, s := range tests {
		got, want := walk(s)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("clusters of %q = %q; want %q", s, got, want)
		}
		if n := Count(s); n != uniseg.GraphemeClusterCount(s) {
			t.Errorf("Count(%q) = %d; want %d", s, n, uniseg.GraphemeClusterCount(s))
		}
	}
}

func FuzzNext(f *testing.F) {
	for _, s := range []string{"Le Fediverse grandit.\r\n", "👩🏽‍💻 e\u0301 🇫🇷🇧", "한국어 ก่อน \u0600a ©\u200d©", "a\xff\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := walk(s)
		if len(got) != len(want) {
			t.Fatalf("clusters of %q = %q; want %q", s, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("clusters of %q = %q; want %q", s, got, want)
			}
		}
		if n := Count(s); n != len(want) {
			t.Fatalf("Count(%q) = %d; want %d", s, n, len(want))
		}
	})
}

func BenchmarkCount(b *testing.B) {
	s := strings.Repeat("Le Fediverse grandit\u202F: des milliers de personnes quittent les «\u202Fgrandes\u202F» plateformes… ", 10)
	b.Run("grapheme", func(b *testing.B) {
		for b.Loop() {
			Count(s)
		}
	})
	b.Run("uniseg", func(b *testing.B) {
		for b.Loop() {
			uniseg.GraphemeClusterCount(s)
		}
	})
}
