package social

import (
	"testing"

	"github.com/relais/relais/generator/social/count"
)

func TestCut(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  string
	}{
		{"fits whole", "Court.", 10, "Court."},
		{"at a sentence", "Première phrase, assez longue. Deuxième phrase plus longue qui ne tient pas.", 40, "Première phrase, assez longue."},
		{"at a word", "Une phrase sans fin qui continue encore", 20, "Une phrase sans fin…"},
		{"weak punctuation dropped", "Un, deux, trois, quatre", 12, "Un, deux…"},
		{"a sentence of two words is not worth it", "Enfin ! Une charte de modération que les membres lisent", 40, "Enfin ! Une charte de modération que…"},
		{"three words are", "Enfin, la charte ! Une charte de modération que les membres lisent", 40, "Enfin, la charte !"},
		{"no cut after an initial", "Selon M. Dupont la charte compte", 15, "Selon…"},
		{"abbreviation is no sentence end", "Voir p. 12 du guide et la suite du texte", 20, "Voir p. 12 du guide…"},
		{"three dots end a sentence", "Et puis après... La suite est longue et ne tient pas ici", 20, "Et puis après..."},
		{"French question mark", "Êtes-vous prêts\u202F? Oui, nous le sommes tous.", 20, "Êtes-vous prêts\u202F?"},
		{"no-break space binds", "Prix : 10\u00A0€ par membre et par mois", 12, "Prix : 10\u00A0€…"},
		{"closing guillemet", "Il a dit « bonjour à tous les membres » puis il est parti", 25, "Il a dit « bonjour à… »"},
		{"closing after a narrow space", "Il a dit «\u202Fbonjour à tous les membres\u202F» puis", 25, "Il a dit «\u202Fbonjour à…\u202F»"},
		{"quote after the stop", "« C’est fini. » Puis tout recommence, encore et encore.", 20, "« C’est fini. »"},
		{"Japanese at a character", "日本語の文章です。次の文はとても長いのでここでは切れません", 12, "日本語の文章です。"},
		{"Japanese without a stop", "日本語の文章です次の文はとても長い", 9, "日本語の文章です…"},
		{"never inside a link", "Voir https://exemple.fr/un/long/chemin pour la suite", 30, "Voir…"},
		{"never inside a hashtag", "Merci #CommunautéDesModérateurs pour tout", 20, "Merci…"},
		{"emoji kept whole", "Bravo 👩🏽‍💻 à toute l’équipe", 14, "Bravo 👩🏽‍💻…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := cut(tt.in, tt.limit, func(s string) bool { return count.UTF16(s) <= tt.limit })
			if !ok || got != tt.want {
				t.Errorf("cut(%q, %d) = %q, %v; want %q", tt.in, tt.limit, got, ok, tt.want)
			}
		})
	}
	if got, ok := cut("anticonstitutionnellement", 10, func(s string) bool { return len(s) <= 10 }); ok {
		t.Errorf("cut of one long word = %q; want no cut", got)
	}
}
