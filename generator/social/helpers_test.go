package social

import (
	"strings"
	"testing"
	"time"
)

// frenchTypo stands for the French typography pass the caller passes in:
// narrow no-break spaces before ; ! ? and inside « », a no-break space
// before :, curly apostrophes.
func frenchTypo(lang, s string) string {
	if lang != "fr" {
		return s
	}
	return frenchSpaces.Replace(s)
}

var frenchSpaces = strings.NewReplacer(" ?", "\u202F?", " !", "\u202F!", " ;", "\u202F;", " :", "\u00A0:",
	"« ", "«\u202F", " »", "\u202F»", "'", "’")

// post is the French article most tests start from.
func post(mod func(*Post)) Post {
	p := Post{
		URL: "https://exemple.fr/blog/charte/", Slug: "charte", Title: "Charte de modération", Lang: "fr",
		Date:   time.Date(2026, 9, 15, 7, 30, 0, 0, time.UTC),
		Image:  "https://exemple.fr/social/charte.png",
		Tags:   []string{"modération", "communauté", "réseaux sociaux"},
		Source: "content/posts/charte.md", Line: 3,
	}
	if mod != nil {
		mod(&p)
	}
	return p
}

// one composes p and returns the excerpt of one platform.
func one(t *testing.T, p Post, opt Options, platform string) Excerpt {
	t.Helper()
	ex, _ := Compose(p, opt)
	for _, e := range ex {
		if e.Platform == platform {
			return e
		}
	}
	t.Fatalf("no %s excerpt", platform)
	return Excerpt{}
}

// utm is the link relais writes for the test article on a platform.
func utm(platform string) string {
	return "https://exemple.fr/blog/charte/?utm_source=" + platform + "&utm_medium=social&utm_campaign=charte"
}
