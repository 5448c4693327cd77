package count

import (
	"strings"
	"testing"
)

func TestX(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		// social-platforms.md §1.1, traps for French text
		{"accent", "Communauté", 10},
		{"space before ?", "Prêts ?", 7},
		{"narrow no-break space weighs 2", "Prêts\u202F?", 8},
		{"no-break space weighs 1", "Prêts\u00A0?", 7},
		{"ellipsis weighs 2", "Suite…", 7},
		{"three dots", "Suite...", 8},
		{"euro weighs 2", "10 €", 5},
		{"bullet weighs 2", "• puce", 7},
		{"em dash", "— tiret", 7},
		{"guillemets", "« citation »", 12},
		{"apostrophe and ligature", "l’œuvre", 7},
		{"decomposed accent is normalized", "cafe\u0301", 4},
		{"hashtag", "#Communauté", 11},
		// links weigh 23 whatever their length
		{"scheme link", "Hi http://test.co", 26},
		{"long UTM link", "https://exemple.fr/blog/charte?utm_source=x&utm_medium=social&utm_campaign=charte", 23},
		{"bare domain", "exemple.fr", 23},
		{"bare domain and path, final dot outside", "Lisez exemple.fr/blog.", 30},
		{"no TLD", "x.comm", 6},
		{"decimal number", "Prix : 10.50 €", 15},
		{"two links", "https://a.fr https://b.fr", 47},
		// emoji: one sequence weighs 2
		{"emoji", "📣 Nouvel article", 17},
		{"ZWJ sequence with skin tone", "👩🏽‍💻", 2},
		{"flag", "🇫🇷", 2},
		{"heart with selector", "❤️", 2},
		{"keycap", "1️⃣", 2},
		{"flag of Scotland", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 2},
		{"emoji then a combining mark", "😀\u0301", 3},
		{"joiner after a letter is not an emoji", "a\u200D", 2},
		// CJK and other scripts
		{"Japanese", "日本語", 6},
		{"Korean", "안녕", 4},
		{"Arabic", "مرحبا", 5},
		{"CJK extension B", "𠀀", 2},
		{"byte order mark still weighs", "\uFEFFbonjour", 9},
		{"empty", "", 0},
		{"long word", strings.Repeat("anticonstitutionnellement", 12), 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := X(tt.in); got != tt.want {
				t.Errorf("X(%q) = %d; want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestXValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Bonjour", true},
		{"", false},
		{strings.Repeat("a", 280), true},
		{strings.Repeat("a", 281), false},
		{strings.Repeat("é", 280), true},
		{strings.Repeat("日", 140), true},
		{strings.Repeat("日", 141), false},
		{strings.Repeat("a", 278) + "\u202F?", false}, // 278 + 2 + 1
		{strings.Repeat("a", 256) + " https://exemple.fr/" + strings.Repeat("x", 300), true},
		{"\uFEFFbonjour", false},
		{"bon\uFFFEjour", false},
		{"bon\uFFFFjour", false},
	}
	for _, tt := range tests {
		if got := XValid(tt.in); got != tt.want {
			t.Errorf("XValid(%.40q… %d bytes) = %v; want %v", tt.in, len(tt.in), got, tt.want)
		}
	}
}

func TestMastodon(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"Bonjour", 7},
		{"Prêts\u202F?", 7},
		{"cafe\u0301", 4},
		{"👩🏽‍💻", 1},
		{"🇫🇷🇧🇪", 2},
		{"https://exemple.fr/un/tres/long/chemin?utm_source=mastodon&utm_medium=social", 23},
		{"https://a.fr et https://b.fr", 50},
		{"exemple.fr", 10},                // bare domains count as written
		{"@alice@mastodon.social", 6},     // "@alice"
		{"merci @alice@piaille.fr !", 14}, // "merci @alice !"
		{"@alice", 6},
		{"https://piaille.fr/@alice@exemple.fr", 23}, // inside a link
		{"bob@exemple.fr", 14},                       // an address, not a mention
		{"", 0},
	}
	for _, tt := range tests {
		if got := Mastodon(tt.in); got != tt.want {
			t.Errorf("Mastodon(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestBluesky(t *testing.T) {
	tests := []struct {
		in          string
		graphemes   int
		utf8, bytes int
	}{
		{"Bonjour", 7, 0, 7},
		{"Prêts\u202F?", 7, 0, 10},
		{"👩🏽‍💻", 1, 0, 15},
		{"🇫🇷", 1, 0, 8},
		{"exemple.fr/blog/charte-d...", 27, 0, 27},
		{"日本語", 3, 0, 9},
	}
	for _, tt := range tests {
		g, b := Bluesky(tt.in)
		if g != tt.graphemes || b != tt.bytes {
			t.Errorf("Bluesky(%q) = %d, %d; want %d, %d", tt.in, g, b, tt.graphemes, tt.bytes)
		}
	}
}

func TestThreads(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"Bonjour", 7},
		{"Prêts\u202F?", 7},
		{"😀", 4},
		{"👩🏽‍💻", 15},
		{"❤️", 6},
		{"1️⃣", 7},
		{"日本", 2},
		{"𠀀", 2}, // a CJK ideograph above U+FFFF: 2 UTF-16 units, not an emoji
		{"Un 🎉 !", 9},
	}
	for _, tt := range tests {
		if got := Threads(tt.in); got != tt.want {
			t.Errorf("Threads(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestLinks(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"rien", 0},
		{"https://a.fr https://a.fr", 1},
		{"https://a.fr b.fr https://c.fr/x", 3},
		{"a.fr b.fr c.fr d.fr e.fr f.fr", 6},
		{"contact@exemple.fr", 0},
	}
	for _, tt := range tests {
		if got := Links(tt.in); got != tt.want {
			t.Errorf("Links(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestUTF16(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"é", 1},
		{"Prêts\u202F?", 7},
		{"日本", 2},
		{"😀", 2},
		{"👩🏽‍💻", 7},
	}
	for _, tt := range tests {
		if got := UTF16(tt.in); got != tt.want {
			t.Errorf("UTF16(%q) = %d; want %d", tt.in, got, tt.want)
		}
	}
}

func TestIsEmoji(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"😀", true},
		{"👩🏽‍💻", true},
		{"🇫🇷", true},
		{"1️⃣", true},
		{"#️⃣", true},
		{"❤️", true},
		{"☕", true},
		{"☺", true},
		{"©", true},
		{"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", true},
		{"a", false},
		{"é", false},
		{"a\u200D", false},
		{"€", false},
		{"•", false},
		{"«", false},
		{"\u202F", false},
		{"日", false},
		{"𠀀", false},
		{"🯰", false}, // U+1FBF0, a legacy-computing digit
	}
	for _, tt := range tests {
		if got := IsEmoji(tt.in); got != tt.want {
			t.Errorf("IsEmoji(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestURLs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Lisez exemple.fr/blog.", []string{"exemple.fr/blog"}},
		{"« https://exemple.fr/a » !", []string{"https://exemple.fr/a"}},
		{"(voir https://fr.wikipedia.org/wiki/Paris_(France))", []string{"https://fr.wikipedia.org/wiki/Paris_(France)"}},
		{"https://exemple.fr/été, puis", []string{"https://exemple.fr/été"}},
		{"https://café.fr/menu", []string{"https://café.fr/menu"}},
		{"https://exemple.fr/?utm_source=x&utm_medium=social", []string{"https://exemple.fr/?utm_source=x&utm_medium=social"}},
		{"https://exemple.fr/page#section.", []string{"https://exemple.fr/page#section"}},
		{"rendez-vous sur relais.bzh !", []string{"relais.bzh"}},
		{"Prix : 10.50 €", nil},
		{"M. Dupont", nil},
		{"fichier.txt", nil},
		{"version 1.26.8", nil},
		{"_exemple.fr", nil},
		{"contact@exemple.fr", nil},
		{"#exemple.fr", nil},
		{"http://localhost:1313/", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, u := range URLs(tt.in) {
			got = append(got, tt.in[u.Start:u.End])
		}
		if !equal(got, tt.want) {
			t.Errorf("URLs(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
