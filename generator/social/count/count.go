// Package count measures a text as each social platform does, so that
// relais never hands over a post the platform would refuse. It sits under
// social, which composes the excerpts; the rules and their sources are in
// shared/docs/social-platforms.md.
package count

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais/relais/generator/social/internal/grapheme"
)

// MastodonURL is the length Mastodon counts for any link with a scheme.
const MastodonURL = 23

// Mastodon returns the length Mastodon's server checks: grapheme clusters,
// after replacing each http(s) link by 23 characters and each remote
// mention "@user@instance" by "@user" (bare domains count as written).
func Mastodon(s string) int {
	n := 0
	last := 0
	for _, u := range URLs(s) {
		if !u.Scheme {
			continue
		}
		n += mastodonText(s[last:u.Start]) + MastodonURL
		last = u.End
	}
	return n + mastodonText(s[last:])
}

// mastodonMention is Mastodon's mention pattern (Account::MENTION_RE); the
// character before the "@" is checked by hand, Go's regexp having no
// look-behind.
var mastodonMention = regexp.MustCompile(`@([a-zA-Z0-9_]+(?:[.-]+[a-zA-Z0-9_]+)*)(@[\pL\pM\pN_]+(?:[.-]+[\pL\pM\pN_]+)*)?`)

func mastodonText(s string) int {
	if strings.IndexByte(s, '@') < 0 { // no mention
		return grapheme.Count(s)
	}
	n := 0
	last := 0
	for _, m := range mastodonMention.FindAllStringSubmatchIndex(s, -1) {
		if m[4] < 0 {
			continue // a local mention counts as written
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:m[0]]); m[0] > 0 && (r == '=' || r == '/' || wordChar(r)) {
			continue
		}
		n += grapheme.Count(s[last:m[4]])
		last = m[5]
	}
	return n + grapheme.Count(s[last:])
}

func wordChar(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// Bluesky returns the two lengths the app.bsky.feed.post lexicon limits:
// grapheme clusters (at most 300) and UTF-8 bytes (at most 3000). A link
// costs what its text shows, so relais writes it shortened.
func Bluesky(s string) (graphemes, bytes int) {
	return grapheme.Count(s), len(s)
}

// Threads returns the length Threads counts: each emoji as its UTF-8
// bytes (Meta's documentation), every other grapheme cluster as its UTF-16
// code units, the safe reading of "characters".
func Threads(s string) int {
	n := 0
	for s != "" {
		k := grapheme.Next(s)
		c := s[:k]
		s = s[k:]
		if k == 1 { // ASCII: no emoji
			n++
		} else if IsEmoji(c) {
			n += len(c)
		} else {
			n += UTF16(c)
		}
	}
	return n
}

// Links returns the number of different links in s, as Threads limits
// them (5 at most): with or without a scheme, compared as written.
func Links(s string) int {
	seen := map[string]bool{}
	for _, u := range URLs(s) {
		seen[s[u.Start:u.End]] = true
	}
	return len(seen)
}

// UTF16 returns the length of s in UTF-16 code units (JavaScript's
// length): never less than the code points or the grapheme clusters, so it
// is the safe count for a platform whose rule is not published.
func UTF16(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
