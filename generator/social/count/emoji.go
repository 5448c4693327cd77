package count

// IsEmoji reports whether a grapheme cluster is an emoji, by the heuristic
// of social-platforms.md §2: the cluster holds a keycap (U+20E3), an emoji
// presentation selector (U+FE0F), a skin tone, a regional indicator, a tag
// character, or a pictograph (U+1F000–U+1FAFF, or a symbol of the Basic
// Multilingual Plane that platforms draw as an emoji: ☕ ✅ ❤ © …).
//
// It differs from the letter of §2 in two places, both on purpose: a
// zero-width joiner alone does not make an emoji (French text never joins
// letters, but "a\u200d" must weigh as letters do on X), and characters above
// U+1FAFF are not emoji (CJK Extension B ideographs live there). Bare
// symbols that are drawn as text or emoji depending on the device (❤ ☺ ©)
// count as emoji: on X they weigh 2 either way but for © and ®, and on
// Threads an emoji costs its UTF-8 bytes, so the larger count is the safe one.
// No emoji data ships with Go; a non-standard ZWJ sequence is counted as
// one emoji, where X may count it in parts.
func IsEmoji(g string) bool {
	for _, r := range g {
		if emojiRune(r) {
			return true
		}
	}
	return false
}

func emojiRune(r rune) bool {
	switch {
	case r == 0x20E3, r == 0xFE0F: // keycap, emoji presentation
		return true
	case r >= 0x1F000 && r <= 0x1FAFF: // pictographs, emoticons, flags, skin tones
		return true
	case r >= 0xE0020 && r <= 0xE007F: // tags (🏴 flags of England, Scotland, Wales)
		return true
	}
	return pictographBMP(r)
}

// pictographBMP lists the symbols below U+FFFF that are Extended_Pictographic
// in Unicode's emoji data, grouped in ranges.
func pictographBMP(r rune) bool {
	if r < 0xA9 || r > 0x3299 {
		return false
	}
	for _, rg := range bmpPictographs {
		if r < rg[0] {
			return false
		}
		if r <= rg[1] {
			return true
		}
	}
	return false
}

var bmpPictographs = [...][2]rune{
	{0x00A9, 0x00A9}, {0x00AE, 0x00AE}, // © ®
	{0x203C, 0x203C}, {0x2049, 0x2049}, // ‼ ⁉
	{0x2122, 0x2122}, {0x2139, 0x2139}, // ™ ℹ
	{0x2194, 0x2199}, {0x21A9, 0x21AA}, // arrows
	{0x231A, 0x231B}, {0x2328, 0x2328}, {0x2388, 0x2388}, {0x23CF, 0x23CF},
	{0x23E9, 0x23F3}, {0x23F8, 0x23FA}, // ⏩ … ⏳, ⏸ … ⏺
	{0x24C2, 0x24C2}, {0x25AA, 0x25AB}, {0x25B6, 0x25B6}, {0x25C0, 0x25C0},
	{0x25FB, 0x25FE},
	{0x2600, 0x27BF}, // miscellaneous symbols and dingbats: ☀ ☕ ✅ ❤ ➡
	{0x2934, 0x2935}, {0x2B05, 0x2B07}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
	{0x3030, 0x3030}, {0x303D, 0x303D}, {0x3297, 0x3297}, {0x3299, 0x3299},
}

// emojiComponent reports the code points that belong to an emoji sequence
// after its first one: joiners, selectors, modifiers, tags and further
// pictographs. Anything else in the cluster (a combining accent) is
// weighed on its own by X.
func emojiComponent(r rune) bool {
	return r == 0x200D || r == 0xFE0E || emojiRune(r)
}
