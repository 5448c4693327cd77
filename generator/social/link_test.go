package social

import "testing"

func TestLink(t *testing.T) {
	tests := []struct {
		name, url, platform, slug string
		utm                       UTM
		want                      string
	}{
		{"defaults", "https://exemple.fr/blog/charte/", "mastodon", "charte", UTM{},
			"https://exemple.fr/blog/charte/?utm_source=mastodon&utm_medium=social&utm_campaign=charte"},
		{"query and fragment kept as written", "https://exemple.fr/p/?ref=a%20b&lang=fr#partie-2", "x", "p", UTM{},
			"https://exemple.fr/p/?ref=a%20b&lang=fr&utm_source=x&utm_medium=social&utm_campaign=p#partie-2"},
		{"an earlier utm_source replaced", "https://exemple.fr/p/?utm_source=newsletter&id=3", "bluesky", "p", UTM{},
			"https://exemple.fr/p/?id=3&utm_source=bluesky&utm_medium=social&utm_campaign=p"},
		{"templates", "https://exemple.fr/p/", "linkedin", "p", UTM{Source: "{platform}", Medium: "réseaux sociaux", Campaign: "rentrée-{slug}", Content: "{platform}-{slug}"},
			"https://exemple.fr/p/?utm_source=linkedin&utm_medium=r%C3%A9seaux+sociaux&utm_campaign=rentr%C3%A9e-p&utm_content=linkedin-p"},
		{"disabled", "https://exemple.fr/p/", "x", "p", UTM{Disabled: true}, "https://exemple.fr/p/"},
		{"relative URL left alone", "/p/", "x", "p", UTM{}, "/p/"},
		{"no slug, no campaign", "https://exemple.fr/", "x", "", UTM{}, "https://exemple.fr/?utm_source=x&utm_medium=social"},
		{"path in Unicode", "https://exemple.fr/été/", "x", "ete", UTM{},
			"https://exemple.fr/%C3%A9t%C3%A9/?utm_source=x&utm_medium=social&utm_campaign=ete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Link(tt.url, tt.platform, tt.slug, tt.utm); got != tt.want {
				t.Errorf("Link(%q, %q, %q) = %q; want %q", tt.url, tt.platform, tt.slug, got, tt.want)
			}
		})
	}
}

func TestShortLink(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://exemple.fr/", "exemple.fr"},
		{"https://exemple.fr", "exemple.fr"},
		{"https://exemple.fr/a/b", "exemple.fr/a/b"},
		{"https://exemple.fr/12345678901234", "exemple.fr/12345678901234"}, // 15 with its "/": kept
		{"https://exemple.fr/123456789012345", "exemple.fr/123456789012..."},
		{"https://exemple.fr/blog/charte/?utm_source=bluesky", "exemple.fr/blog/charte/..."},
		{"https://www.exemple.fr:8443/?q=1#x", "www.exemple.fr:8443?q=1#x"},
		{"https://exemple.fr/été-2026/", "exemple.fr/%C3%A9t%C3%A..."},
		{"mailto:a@exemple.fr", "mailto:a@exemple.fr"},
	}
	for _, tt := range tests {
		if got := ShortLink(tt.in); got != tt.want {
			t.Errorf("ShortLink(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
