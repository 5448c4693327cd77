// Package typography is relais's typography pass: it turns text as people
// type it on a keyboard ("…", l'œuvre, plain spaces before ; ! ?) into the
// typography of the page's language. It runs twice in the pipeline: as a
// goldmark extension while markdown renders a page body (Extension), and on
// plain strings for titles, summaries, feeds and social excerpts (String).
//
// French (fr, fr-FR, fr_CA…) gets « guillemets » with narrow no-break spaces
// (U+202F) inside, U+202F before ; ! ?, a no-break space (U+00A0) before :,
// the apostrophe ’, and … – —. English (en…) gets “curly” ‘quotes’, ’, … – —
// and nothing else. Any other language is left exactly as written.
//
// The pass never touches code (spans, blocks, raw <code> and <kbd>), HTML
// tags, URLs, math, template tags left from another generator ({{< … >}}),
// :emoji: shortcodes, times (10:30), ratios (3:1), emoticons (:-) ;)), CSS
// (!important) or query strings (?utm=). It never writes two spaces in a
// row, and it is idempotent: running it on its own output changes nothing,
// so titles can go through String more than once. A backslash keeps a
// character as typed in Markdown (\" stays straight).
//
// Straight double quotes are paired within one paragraph (or heading, table
// cell, title…), across emphasis and links. When they do not pair cleanly (a
// quote left open at the end, or a quote that can only open while another is
// open) the unpaired ones stay straight: relais shows the author's own
// character rather than guess a direction, and a second run agrees with the
// first.
package typography

// Options chooses the rules that have a switch. "..." → … and "--", "---"
// → – — always apply (in French and English); the zero value applies only
// those, and Defaults turns everything on.
type Options struct {
	Quotes     bool // French: "…" → « … » (with U+202F inside), ' → ’; English: "…" → “…”, '…' → ‘…’, ' → ’
	NarrowNBSP bool // French: U+202F before ; ! ? and inside « »
	ColonNBSP  bool // French: U+00A0 before :
}

// Defaults returns the options relais uses unless config.toml's
// [typography] table says otherwise: every rule on.
func Defaults() Options {
	return Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true}
}

// The characters the French rules write.
const (
	nbsp  = "\u00a0" // no-break space, before a colon
	nnbsp = "\u202f" // narrow no-break space, before ; ! ? and inside « »
)

// language is what the rules know of a page's language.
type language uint8

const (
	other language = iota
	french
	english
)

// languageOf maps a language code or locale ("fr", "fr-FR", "fr_CA", "EN")
// to the rules relais has for it.
func languageOf(code string) language {
	if len(code) < 2 || (len(code) > 2 && code[2] != '-' && code[2] != '_') {
		return other
	}
	switch string([]byte{code[0] | 0x20, code[1] | 0x20}) {
	case "fr":
		return french
	case "en":
		return english
	}
	return other
}

// String applies the typography of lang to the plain text s: a title, a
// summary, a feed entry, a social excerpt. lang is a language code or locale
// ("fr", "fr-FR", "fr_CA" → French; "en…" → English); for any other language
// s is returned unchanged. Text between backquotes, URLs and math are left
// as written, as are character references such as &amp; (they may reach an
// HTML attribute verbatim).
func String(lang, s string, opt Options) string {
	l := languageOf(lang)
	if l == other || s == "" || !mayChange(s) {
		return s
	}
	r := getRun(l, opt, false)
	defer putRun(r)
	r.addPiece([]byte(s))
	r.apply()
	out, changed := r.appendOutput(nil, 0)
	if !changed {
		return s
	}
	return string(out)
}

// mayChange reports whether s holds any character a rule starts from, so
// that most titles and short strings cost one scan and no allocation.
func mayChange(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'', '.', '-', '!', '?', ';', ':':
			return true
		case 0xc2: // « and » are C2 AB and C2 BB
			if i+1 < len(s) && (s[i+1] == 0xab || s[i+1] == 0xbb) {
				return true
			}
		}
	}
	return false
}
