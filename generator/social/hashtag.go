package social

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/relais/relais/generator/slug"
	"github.com/relais/relais/generator/social/internal/grapheme"
)

// maxTagGraphemes is the longest hashtag Bluesky takes (§1.3); X and
// Mastodon take longer ones, but no reader does.
const maxTagGraphemes = 64

// Hashtag turns a tag into a hashtag every platform reads whole:
// "Réseaux sociaux" -> "#RéseauxSociaux". Words are joined in CamelCase
// so that screen readers say them apart (§3.2); accents and the middle dot
// of inclusive writing are kept; hyphens and apostrophes, which end a
// hashtag on X and Mastodon, are removed ("Île-de-France" -> "#ÎleDeFrance",
// "aujourd'hui" -> "#Aujourdhui", "l'économie" -> "#LÉconomie"). A word that
// already has a capital keeps its case ("iOS"). It returns "" for a term
// without a letter ("2025"), which no platform takes for a hashtag.
func Hashtag(term string) string {
	term = norm.NFC.String(strings.TrimLeft(strings.TrimSpace(term), "#＃"))
	var words []string
	var w []rune
	flush := func() {
		if len(w) > 0 {
			words = append(words, string(w))
			w = w[:0]
		}
	}
	for _, r := range term {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			w = append(w, r)
		case r == '·' && len(w) > 0:
			w = append(w, r)
		case r == '\'' || r == '’' || r == 'ʼ':
			if elision(string(w)) {
				flush() // "l'économie": a new word
			} // else "aujourd'hui" stays one word
		default:
			flush()
		}
	}
	flush()
	var b strings.Builder
	letter := false
	for _, w := range words {
		w = strings.TrimRight(w, "·")
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			letter = true
		}
		if strings.IndexFunc(w, unicode.IsUpper) < 0 {
			r, size := utf8.DecodeRuneInString(w)
			w = string(unicode.ToUpper(r)) + w[size:]
		}
		b.WriteString(w)
	}
	if !letter || grapheme.Count(b.String()) > maxTagGraphemes {
		return ""
	}
	return "#" + b.String()
}

// elision reports French elided words, whose apostrophe starts a new word.
func elision(w string) bool {
	switch strings.ToLower(w) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu":
		return true
	}
	return false
}

// hashtags returns the post's hashtags, from social.hashtags or else the
// tags: deduplicated as Mastodon folds them (case and accents), in order.
func hashtags(p Post) []string {
	terms := p.Hashtags
	if len(terms) == 0 {
		terms = p.Tags
	}
	var out []string
	var seen []string // keys: a page has a handful of tags
	for _, t := range terms {
		h := hashtagMemo.get(t)
		if h == "" {
			continue
		}
		if k := tagKeyMemo.get(h); !slices.Contains(seen, k) {
			seen = append(seen, k)
			out = append(out, h)
		}
	}
	return out
}

// A site has a few hundred tags over thousands of pages: each tag's
// hashtag and key are worked out once per run, not once per page.
var (
	hashtagMemo = memo{f: Hashtag}
	tagKeyMemo  = memo{f: tagKey}
)

// memoMax bounds a memo's size: past it (a site with that many tags, or a
// long relais serve), results are computed again rather than kept.
const memoMax = 1 << 14

// memo remembers a pure function of a string, safely for the composers
// running in parallel.
type memo struct {
	f  func(string) string
	mu sync.RWMutex
	m  map[string]string
}

func (m *memo) get(s string) string {
	m.mu.RLock()
	v, ok := m.m[s]
	m.mu.RUnlock()
	if ok {
		return v
	}
	v = m.f(s)
	m.mu.Lock()
	if m.m == nil {
		m.m = map[string]string{}
	}
	if len(m.m) < memoMax {
		m.m[s] = v
	}
	m.mu.Unlock()
	return v
}

// tagKey folds a hashtag to compare it: "#Communauté" = "#communaute".
func tagKey(h string) string {
	return strings.ReplaceAll(slug.Make(strings.TrimLeft(h, "#＃")), "-", "")
}

// tagSpan is a hashtag found in a text: s[start:end] is "#tag".
type tagSpan struct {
	start, end int
	tag        string // without "#"
}

// hashtagsIn finds hashtags as Bluesky detects them (rich-text detection):
// "#" after the start or a space, then anything but a space, trailing
// punctuation left out; at least one character that is not a digit or
// punctuation. Platforms agree on the hashtags relais writes.
func hashtagsIn(s string) []tagSpan {
	var out []tagSpan
	hash, wide := -1, -1 // the next "#" and the next EF, the first byte of "＃"
	for i := 0; i < len(s); {
		// every character but "#" and "＃" is passed over
		if hash < i {
			if hash = strings.IndexByte(s[i:], '#'); hash >= 0 {
				hash += i
			} else {
				hash = len(s)
			}
		}
		if wide < i {
			if wide = strings.IndexByte(s[i:], 0xEF); wide >= 0 {
				wide += i
			} else {
				wide = len(s)
			}
		}
		if i = min(hash, wide); i == len(s) {
			break
		}
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
			grapheme.Count(tag) <= maxTagGraphemes {
			out = append(out, tagSpan{start: i, end: end, tag: tag})
		}
		i = j
	}
	return out
}
