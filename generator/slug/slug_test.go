package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Hello World", "hello-world"},
		{"accents", "Réseaux sociaux", "reseaux-sociaux"},
		{"ligature", "L’œuvre d’une communauté", "loeuvre-dune-communaute"},
		{"cedilla", "Ça commence", "ca-commence"},
		{"eszett", "Straße", "strasse"},
		{"aelig", "Æsthétique", "aesthetique"},
		{"french punctuation", "Charte de modération : le guide !", "charte-de-moderation-le-guide"},
		{"guillemets", "« Owned media » : pourquoi ?", "owned-media-pourquoi"},
		{"narrow nbsp", "Prêts\u202f?", "prets"},
		{"dots kept between alnum", "Rust-1.88.0", "rust-1.88.0"},
		{"final dot dropped", "Fin.", "fin"},
		{"dot then space", "Bonjour. Ça va", "bonjour-ca-va"},
		{"underscore", "hexo_4.2_released", "hexo-4.2-released"},
		{"at sign", "roadmap@1", "roadmap-1"},
		{"ampersand", "Q&A", "q-a"},
		{"digits", "2024-03-05 bilan", "2024-03-05-bilan"},
		{"leading trailing", "  --Titre--  ", "titre"},
		{"emoji", "Lancement 🚀 réussi", "lancement-reussi"},
		{"cyrillic kept", "Привет мир", "привет-мир"},
		{"empty", "", ""},
		{"only punctuation", "?!…", ""},
		{"decomposed input", "cafe\u0301", "cafe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Make(tt.in); got != tt.want {
				t.Errorf("Make(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzMake(f *testing.F) {
	for _, s := range []string{"Réseaux sociaux", "Rust-1.88.0", "« x » : y ?", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if isASCII(s) {
			if slow := makeUnicode(s); got != slow {
				t.Errorf("Make(%q) = %q on the ASCII path, %q on the general one", s, got, slow)
			}
		}
		if got != Make(got) {
			t.Errorf("Make not idempotent: Make(%q) = %q, Make(that) = %q", s, got, Make(got))
		}
		if len(got) > 0 && (got[0] == '-' || got[len(got)-1] == '-') {
			t.Errorf("Make(%q) = %q: leading or trailing dash", s, got)
		}
	})
}
