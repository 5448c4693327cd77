package social

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// The fast paths of the relay are held here to the plain definitions
// they replace, on any input: a shortcut must never change an excerpt or
// an export.

// cleanLineRef is cleanLine rune by rune, without its shortcut.
func cleanLineRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case breakable(r):
			space = b.Len() > 0
			continue
		case refused(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// repeatsRef compares the whole texts, lowercased.
func repeatsRef(p, src string) bool {
	a, b := repeatKey(p), repeatKey(src)
	return a == b || strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

// hashtagsInRef walks every character.
func hashtagsInRef(s string) []tagSpan {
	var out []tagSpan
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if (r != '#' && r != '＃') || i > 0 && !unicode.IsSpace(prev) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(c) {
				break
			}
			j += n
		}
		end := j
		for end > i+size {
			c, n := utf8.DecodeLastRuneInString(s[:end])
			if !unicode.IsPunct(c) || c == '·' || c == '_' {
				break
			}
			end -= n
		}
		tag := s[i+size : end]
		if strings.IndexFunc(tag, func(c rune) bool { return !unicode.IsDigit(c) && !unicode.IsPunct(c) }) >= 0 &&
			uniseg.GraphemeClusterCount(tag) <= maxTagGraphemes {
			out = append(out, tagSpan{start: i, end: end, tag: tag})
		}
		i = j
	}
	return out
}

// linkRef parses the URL for each link and fills the templates with a
// strings.Replacer.
func linkRef(pageURL, platform, slug string, u UTM) string {
	if u.Disabled {
		return pageURL
	}
	pu, err := url.Parse(pageURL)
	if err != nil || pu.Scheme == "" || pu.Host == "" {
		return pageURL
	}
	fill := strings.NewReplacer("{platform}", platform, "{slug}", slug)
	or := func(v, def string) string {
		if v == "" {
			v = def
		}
		return fill.Replace(v)
	}
	params := [...][2]string{
		{"utm_source", or(u.Source, "{platform}")},
		{"utm_medium", or(u.Medium, "social")},
		{"utm_campaign", or(u.Campaign, "{slug}")},
		{"utm_content", or(u.Content, "")},
	}
	var q []string
	for kv := range strings.SplitSeq(pu.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, _, _ := strings.Cut(kv, "=")
		if key, err := url.QueryUnescape(k); err == nil && replaced(params[:], key) {
			continue
		}
		q = append(q, kv)
	}
	for _, p := range params {
		if p[1] != "" {
			q = append(q, p[0]+"="+url.QueryEscape(p[1]))
		}
	}
	pu.RawQuery = strings.Join(q, "&")
	pu.ForceQuery = false
	return pu.String()
}

// splitLinkRef splits the text into paragraphs.
func splitLinkRef(e Excerpt) (text, link string) {
	text = e.Paste()
	if e.Link == "" {
		return text, ""
	}
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if p == e.Link {
			return strings.Join(append(paras[:i:i], paras[i+1:]...), "\n\n"), e.Link
		}
	}
	if strings.Contains(text, e.Link) {
		return text, ""
	}
	return text, e.Link
}

var oracleSeeds = []string{
	"", " ", "  a  b  ", "a\r\n\tb\u00A0c\u202Fd\u2003e", "\uFEFFa\x01b\x7f\u0085c", "bad \xff utf-8 \xe2\x82", "# #a #1 #a. x#b ＃全角 #" + strings.Repeat("é", 70),
	"L’économie « circulaire »… Oui.", "https://exemple.fr/a?b=1&utm_source=x#f", "{platform}-{slug}{", "\\.", "\"quoted\", text\r\n",
}

func FuzzOracles(f *testing.F) {
	for i, s := range oracleSeeds {
		f.Add(s, oracleSeeds[(i+1)%len(oracleSeeds)])
	}
	f.Fuzz(func(t *testing.T, s, o string) {
		if got, want := cleanLine(s), cleanLineRef(s); got != want {
			t.Fatalf("cleanLine(%q) = %q; want %q", s, got, want)
		}
		for _, p := range []string{s, o, s + o, strings.ToUpper(o) + s} {
			if got, want := repeats(p, repeatKey(o)), repeatsRef(p, o); got != want {
				t.Fatalf("repeats(%q, %q) = %v; want %v", p, o, got, want)
			}
		}
		if got, want := hashtagsIn(s), hashtagsInRef(s); len(got) != len(want) || len(got) > 0 && !equalSpans(got, want) {
			t.Fatalf("hashtagsIn(%q) = %v; want %v", s, got, want)
		}
		for _, u := range []UTM{{}, {Source: o, Campaign: "{slug}-{platform}", Content: s}, {Medium: s + "{slug}"}} {
			for _, page := range []string{s, "https://exemple.fr/" + s, "https://exemple.fr/p?" + o + "#" + s} {
				if got, want := Link(page, "x", o, u), linkRef(page, "x", o, u); got != want {
					t.Fatalf("Link(%q, x, %q, %+v) = %q; want %q", page, o, u, got, want)
				}
			}
		}
		for _, e := range []Excerpt{{Text: s, Link: o}, {Text: s + "\n\n" + o + "\n\n" + s, Link: o}, {Text: o + "\n\n" + s, Link: o}, {Text: s + "\n\n" + o, Link: o}} {
			text, link := splitLink(e)
			if wt, wl := splitLinkRef(e); text != wt || link != wl {
				t.Fatalf("splitLink(%q, %q) = %q, %q; want %q, %q", e.Text, e.Link, text, link, wt, wl)
			}
		}
		rec := []string{s, o, "", s + o}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.WriteAll([][]string{rec}); err != nil {
			t.Fatal(err)
		}
		if got := appendRecord(nil, rec...); string(got) != b.String() {
			t.Fatalf("appendRecord(%q) = %q; want %q", rec, got, b.String())
		}
		if got := appendField2(nil, s, o); string(got) != string(appendField(nil, s+o)) {
			t.Fatalf("appendField2(%q, %q) = %q", s, o, got)
		}
	})
}

func equalSpans(a, b []tagSpan) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
