package output

import (
	"encoding/csv"
	"encoding/json"
	"html/template"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/social"
)

func TestRenderSocial(t *testing.T) {
	sites := pagesSites()
	for _, s := range sites {
		for _, p := range s.Pages {
			p.Summary = "Un résumé de l’article, assez long pour être coupé sur les réseaux courts."
			p.HTML = template.HTML("<p>" + p.Summary + "</p>")
		}
	}
	w := NewWriter()
	if err := renderSocial(sites, nil, w); err != nil {
		t.Fatal(err)
	}
	var idx struct {
		Items []struct {
			URL      string
			Excerpts map[string]struct {
				Text  string
				Valid bool
				Link  string
			}
		}
	}
	if err := json.Unmarshal(w.files["social/index.json"], &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Items) != len(sites[0].Listed()) {
		t.Errorf("index.json has %d items; want the %d listed pages", len(idx.Items), len(sites[0].Listed()))
	}
	for _, it := range idx.Items {
		if len(it.Excerpts) != len(social.Platforms) {
			t.Errorf("%s: %d excerpts; want %d", it.URL, len(it.Excerpts), len(social.Platforms))
		}
		for name, ex := range it.Excerpts {
			if !ex.Valid {
				t.Errorf("%s %s: invalid excerpt %q", it.URL, name, ex.Text)
			}
			if strings.Contains(it.URL, "utm_") || !strings.Contains(ex.Link, "utm_source="+name) {
				t.Errorf("%s %s: link %q", it.URL, name, ex.Link)
			}
		}
	}
	for _, p := range social.Platforms {
		b, ok := w.files["social/"+p.Name+".xml"]
		if !ok {
			t.Errorf("social/%s.xml not written", p.Name)
			continue
		}
		feed, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Errorf("social/%s.xml: %v", p.Name, err)
			continue
		}
		for _, it := range feed.Items {
			if p.Name != "instagram" && !strings.Contains(it.Link, "utm_source="+p.Name) {
				t.Errorf("social/%s.xml: item link %q lacks its UTM", p.Name, it.Link)
			}
			if it.Description == "" || strings.Contains(it.Description, "<p>") || strings.Contains(it.Description, "<a ") {
				t.Errorf("social/%s.xml: description %q; want the plain excerpt", p.Name, it.Description)
			}
		}
	}
	for name, b := range w.files {
		if strings.HasSuffix(name, ".csv") {
			if _, err := csv.NewReader(strings.NewReader(string(b))).ReadAll(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	if _, ok := w.files["en/social/index.json"]; !ok {
		t.Errorf("the English site has no social/index.json")
	}
}

func TestSocialOptionsFromConfig(t *testing.T) {
	cfg := pagesConfig()
	zero, five := 0, 5
	cfg.Social.Platforms = map[string]site.PlatformConfig{"mastodon": {Limit: 1000, Hashtags: &five}, "x": {Hashtags: &zero}}
	opt := SocialOptions(cfg, nil)
	if opt.Limits["mastodon"] != 1000 || opt.HashtagMax["mastodon"] != 5 {
		t.Errorf("mastodon options = %v %v", opt.Limits, opt.HashtagMax)
	}
	if v, ok := opt.HashtagMax["x"]; !ok || v != 0 {
		t.Errorf("hashtags = 0 for x not kept: %v", opt.HashtagMax)
	}
}
