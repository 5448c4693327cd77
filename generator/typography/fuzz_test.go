package typography

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// skeleton is s without white space and with every character the pass may
// write mapped back to what an author types. The pass must never change it:
// it only moves spaces and picks glyphs.
func skeleton(s string) string {
	s = strings.ReplaceAll(s, "&quot;", `"`)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == '«' || r == '»' || r == '“' || r == '”':
			b.WriteByte('"')
		case r == '‘' || r == '’':
			b.WriteByte('\'')
		case r == '…':
			b.WriteString("...")
		case r == '–':
			b.WriteString("--")
		case r == '—':
			b.WriteString("---")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasDoubleSpace reports whether two white-space characters follow each
// other in s.
func hasDoubleSpace(s string) bool {
	prev := false
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && prev {
			return true
		}
		prev = sp
	}
	return false
}

// fixedSpacePairs counts the places where a no-break space touches other
// white space in rendered HTML.
var fixedSpacePairs = regexp.MustCompile(`[ \t\n\x{a0}\x{202f}][\x{a0}\x{202f}]|[\x{a0}\x{202f}][ \t\n]`)

var codeElements = regexp.MustCompile(`(?s)<code[^>]*>.*?</code>`)

func FuzzString(f *testing.F) {
	for _, set := range [][]stringCase{frenchCases, englishCases} {
		for _, tt := range set {
			f.Add(invisible(tt.in), uint8(0), uint8(7))
			f.Add(invisible(tt.in), uint8(1), uint8(7))
		}
	}
	f.Add(`"a" "b" ""c"" "d`, uint8(0), uint8(5))
	f.Add("« »« ? » :: ;; !? \" ' ` $a$ \\(b\\) {{ x }}", uint8(0), uint8(7))
	f.Fuzz(func(t *testing.T, s string, lang, flags uint8) {
		code := [...]string{"fr", "en", "de"}[lang%3]
		opt := Options{Quotes: flags&1 != 0, NarrowNBSP: flags&2 != 0, ColonNBSP: flags&4 != 0}
		out := String(code, s, opt)
		if code == "de" && out != s {
			t.Fatalf("String(%q, %q) = %q; want it unchanged", code, s, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("String(%q, %q) = %q: invalid UTF-8", code, s, out)
		}
		if skeleton(out) != skeleton(s) {
			t.Fatalf("String(%q, %q) = %q: changed more than spaces and glyphs", code, s, visible(out))
		}
		if again := String(code, out, opt); again != out {
			t.Fatalf("String(%q, %q) = %q; applied again: %q", code, s, visible(out), visible(again))
		}
		if !hasDoubleSpace(s) && hasDoubleSpace(out) {
			t.Fatalf("String(%q, %q) = %q: two spaces in a row", code, s, visible(out))
		}
		// Code between backquotes is written as typed.
		inner := strings.ReplaceAll(s, "`", "")
		in := "Le code `" + inner + "` ici ?"
		if out := String(code, in, opt); !strings.Contains(out, "`"+inner+"`") {
			t.Fatalf("String(%q, %q) = %q: code changed", code, in, out)
		}
	})
}

func FuzzMarkdown(f *testing.F) {
	for _, tt := range markdownCases {
		f.Add(tt.in)
	}
	if b, err := os.ReadFile("testdata/article.md"); err == nil {
		f.Add(string(b))
	}
	f.Add("`a ; b` \"c\" ``d \"e\"``\n\n    f : g\n\n```\nh ? i\n```\n")
	plain := newMarkdown(nil)
	typo := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	f.Fuzz(func(t *testing.T, src string) {
		base := render(t, plain, src, "fr")
		out := render(t, typo, src, "fr")
		if got, want := codeElements.FindAllString(out, -1), codeElements.FindAllString(base, -1); !slices.Equal(got, want) {
			t.Fatalf("render(%q): code = %q; want %q", src, got, want)
		}
		if skeleton(out) != skeleton(base) {
			t.Fatalf("render(%q) = %q: changed more than spaces and glyphs of %q", src, visible(out), base)
		}
		if got, was := len(fixedSpacePairs.FindAllString(out, -1)), len(fixedSpacePairs.FindAllString(base, -1)); got > was {
			t.Fatalf("render(%q) = %q: %d no-break spaces next to a space; want at most %d", src, visible(out), got, was)
		}
		if !bytes.Equal([]byte(render(t, typo, src, "de")), []byte(base)) {
			t.Fatalf("render(%q) in German changed", src)
		}
	})
}
