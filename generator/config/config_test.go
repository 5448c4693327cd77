package config

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestParseDefaults(t *testing.T) {
	cfg, warns, err := Parse("config.toml", []byte(`title = "Blog"`))
	if err != nil || len(warns) != 1 || !strings.Contains(warns[0].Error(), "baseURL is not set") {
		t.Fatalf("Parse: %v %v", err, warns)
	}
	if cfg.Paginate != 10 || !cfg.Markup.Unsafe || !cfg.Markup.Highlight.Enabled || cfg.Feeds.Limit != 20 || cfg.Feeds.Content != "full" {
		t.Errorf("defaults not filled: %+v", cfg)
	}
	if cfg.BaseURL != "/" || cfg.Location != time.UTC {
		t.Errorf("BaseURL %q Location %v; want / UTC", cfg.BaseURL, cfg.Location)
	}
	if cfg.Taxonomies["tag"] != "tags" || cfg.Taxonomies["category"] != "categories" {
		t.Errorf("Taxonomies = %v", cfg.Taxonomies)
	}
}

func TestParseValues(t *testing.T) {
	src := `
baseURL = "https://example.fr"
title = "Le blog"
languageCode = "fr-FR"
timeZone = "Europe/Paris"
paginate = 5
[author]
name = "Camille"
[permalinks]
posts = "/blog/:year/:slug/"
[markup]
unsafe = false
[feeds]
limit = 0
[social.accounts]
x = "@blog"
[social.platforms.mastodon]
limit = 1000
[params]
anything = { nested = true }
[languages.fr]
weight = 1
[languages.en]
title = "The blog"
weight = 2
`
	cfg, warns, err := Parse("config.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("unexpected warnings: %v", warns)
	}
	if cfg.BaseURL != "https://example.fr/" {
		t.Errorf("BaseURL = %q; want trailing slash", cfg.BaseURL)
	}
	if cfg.Location.String() != "Europe/Paris" || cfg.Paginate != 5 || cfg.Markup.Unsafe || cfg.Feeds.Limit != 0 {
		t.Errorf("values not read: %+v", cfg)
	}
	if cfg.Social.Platforms["mastodon"].Limit != 1000 || cfg.Social.Accounts["x"] != "@blog" {
		t.Errorf("social = %+v", cfg.Social)
	}
	ls := cfg.Langs()
	if len(ls) != 2 || ls[0].Code != "fr" || ls[0].Prefix != "" || ls[0].Locale != "fr-FR" || ls[1].Prefix != "/en" || ls[1].Title != "The blog" {
		t.Errorf("Langs = %+v %+v", ls[0], ls[1])
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		warn            bool
	}{
		{"syntax", "title = \"x\"\npaginate = = 3\n", "config.toml:2:", false},
		{"type", "title = \"x\"\n\npaginate = \"ten\"\n", "config.toml:3:", false},
		{"unknown key", "title = \"x\"\ntitel = \"y\"\n", `config.toml:2: unknown key "titel"`, true},
		{"unknown nested", "[markup]\nunsafe = true\nhighlite = 1\n", `config.toml:3: unknown key "markup.highlite"`, true},
		{"bad zone", "timeZone = \"Mars/Olympus\"\n", "config.toml:1: timeZone", false},
		{"bad paginate", "\npaginate = 0\n", "config.toml:2: paginate = 0", false},
		{"bad feeds", "[feeds]\ncontent = \"some\"\n", `config.toml:2: feeds.content = "some"`, false},
		{"bad permalink", "[permalinks]\nposts = \"/blog/\"\n", "config.toml:2: permalinks.posts", false},
		{"bad style", "[markup.highlight]\nstyle = \"nope\"\n", "config.toml:2: markup.highlight.style", false},
		{"bad color", "[cards]\naccent = \"red\"\n", "config.toml:2: cards.accent", false},
		{"missing default language", "defaultLanguage = \"de\"\n[languages.fr]\n", "config.toml:1: defaultLanguage \"de\"", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, warns, err := Parse("config.toml", []byte(tt.src))
			got := ""
			if tt.warn {
				if len(warns) > 0 {
					got = warns[0].Error()
				}
			} else if err != nil {
				got = err.Error()
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("Parse(%q) = %q; want prefix %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	_, _, err := Load(fstest.MapFS{})
	if err == nil || !strings.Contains(err.Error(), "relais init") {
		t.Errorf("Load(empty) = %v; want a hint to run relais init", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("title = \"x\"\n[languages.fr]\nweight = 1\n"))
	f.Add([]byte("paginate = 3\n[feeds]\nlimit = 4\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, _, err := Parse("config.toml", data)
		if err == nil && cfg == nil {
			t.Fatal("nil config without error")
		}
	})
}
