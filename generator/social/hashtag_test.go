package social

import (
	"slices"
	"strings"
	"testing"
)

func TestHashtag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Réseaux sociaux", "#RéseauxSociaux"},
		{"communauté", "#Communauté"},
		{"Île-de-France", "#ÎleDeFrance"},
		{"aujourd'hui", "#Aujourdhui"},
		{"aujourd’hui", "#Aujourdhui"},
		{"l'économie sociale", "#LÉconomieSociale"},
		{"Fête de la musique", "#FêteDeLaMusique"},
		{"étudiant·es", "#Étudiant·es"},
		{"community_management", "#CommunityManagement"},
		{"#modération", "#Modération"},
		{"iOS", "#iOS"},
		{"SEO local", "#SEOLocal"},
		{"Web 3.0", "#Web30"},
		{"COVID-19", "#COVID19"},
		{"Node.js", "#NodeJs"},
		{"2025", ""},
		{"", ""},
		{"  ", ""},
		{"!!!", ""},
		{"cafe\u0301", "#Café"},
		{"日本語", "#日本語"},
		{strings.Repeat("mot", 22), ""}, // 66 letters: too long for Bluesky
	}
	for _, tt := range tests {
		if got := Hashtag(tt.in); got != tt.want {
			t.Errorf("Hashtag(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestHashtags(t *testing.T) {
	p := Post{Tags: []string{"Communauté", "communaute", "COMMUNAUTÉ", "2025", "réseaux sociaux", "Réseaux-Sociaux", "SEO"}}
	want := []string{"#Communauté", "#RéseauxSociaux", "#SEO"}
	if got := hashtags(p); !slices.Equal(got, want) {
		t.Errorf("hashtags(%q) = %q; want %q", p.Tags, got, want)
	}
	p.Hashtags = []string{"Fediverse"}
	if got := hashtags(p); !slices.Equal(got, []string{"#Fediverse"}) {
		t.Errorf("hashtags with social.hashtags = %q; want [#Fediverse]", got)
	}
}

func TestHashtagsIn(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"#Communauté et #Modération.", []string{"Communauté", "Modération"}},
		{"Début #étudiant·es !", []string{"étudiant·es"}},
		{"a#b c#d", nil},
		{"#2025 #1er", []string{"1er"}},
		{"https://exemple.fr/#ancre", nil},
		{"＃全角", []string{"全角"}},
		{"#", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range hashtagsIn(tt.in) {
			got = append(got, s.tag)
			if tt.in[s.start:s.end] != tt.in[s.start:s.start+len(tt.in[s.start:s.end])] || !strings.HasSuffix(tt.in[s.start:s.end], s.tag) {
				t.Errorf("hashtagsIn(%q): span %q for %q", tt.in, tt.in[s.start:s.end], s.tag)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("hashtagsIn(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
