package social

import (
	"bytes"
	"encoding/json"
	"net/url"
	"time"
)

// Item is one article and its excerpts, as the exports take them.
type Item struct {
	Post     Post
	Excerpts []Excerpt
}

// SiteInfo is what the exports need of the site.
type SiteInfo struct {
	Title, BaseURL string
	Location       *time.Location // dates are written in the site's time zone; nil is UTC
	Board          string         // Pinterest board; default the site's title
}

func (s SiteInfo) loc() *time.Location {
	if s.Location == nil {
		return time.UTC
	}
	return s.Location
}

// Export is one file of public/social/, rendered from the items (newest
// first). File is relative to that folder. A per-network file has its
// Platform, and Render returns nil for it when no item has an excerpt for
// that platform (the platform is disabled): there is nothing to write.
type Export struct {
	Name     string
	File     string
	Platform string
	Render   func(items []Item, site SiteInfo) ([]byte, error)
}

// Exports is every file relais writes for the relay, one row each:
//
//   - index.json: every excerpt of every article, for scripts and APIs.
//   - pinterest.csv: Pinterest's own bulk upload of Pins.
//   - hootsuite/<platform>.csv, sprout/<platform>.csv, publer/<platform>.csv:
//     the bulk imports of Hootsuite, Sprout Social and Publer, one file per
//     network. These schedulers post every row of an import to the
//     accounts picked when uploading, and their formats have no column
//     naming a network; one file per network keeps each network's own
//     text, within its own limit, with its own UTM link, instead of sending
//     the LinkedIn text to X. Upload the file of the network you pick.
//
// Invalid excerpts (the build warned about them) are left out of the CSV
// files, which a scheduler would refuse or cut; index.json has them all.
var Exports = exports()

func exports() []Export {
	out := []Export{
		{Name: "json", File: "index.json", Render: JSON},
		{Name: "pinterest", File: "pinterest.csv", Platform: "pinterest", Render: PinterestCSV},
	}
	for _, s := range schedulers {
		for _, p := range Platforms {
			out = append(out, Export{
				Name: s.name + "-" + p.Name, File: s.name + "/" + p.Name + ".csv", Platform: p.Name,
				Render: func(items []Item, site SiteInfo) ([]byte, error) { return s.render(items, site, p.Name) },
			})
		}
	}
	return out
}

type jsonDoc struct {
	Version int `json:"version"`
	Site    struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	} `json:"site"`
	Items []jsonItem `json:"items"`
}

type jsonItem struct {
	URL      string                 `json:"url"`
	Path     string                 `json:"path"`
	Title    string                 `json:"title"`
	Date     string                 `json:"date"`
	Lang     string                 `json:"lang"`
	Image    string                 `json:"image"`
	Excerpts map[string]jsonExcerpt `json:"excerpts"`
}

type jsonExcerpt struct {
	Text     string   `json:"text"`
	Length   int      `json:"length"`
	Limit    int      `json:"limit"`
	Valid    bool     `json:"valid"`
	Link     string   `json:"link"`
	Hashtags []string `json:"hashtags"`
	Title    string   `json:"title,omitempty"`
	Facets   []Facet  `json:"facets,omitempty"`
	Problems []string `json:"problems,omitempty"`
}

// JSON renders social/index.json:
//
//	{"version": 1, "site": {"title", "url"}, "items": [{"url", "path", "title",
//	 "date", "lang", "image", "excerpts": {"<platform>": {"text", "length",
//	 "limit", "valid", "link", "hashtags", "title"?, "facets"?, "problems"?}}}]}
//
// "path" is the article's path on the site, "date" RFC 3339 in the site's
// time zone. Bluesky's "text" holds the shortened link its "facets" point
// from, ready for com.atproto.repo.createRecord. Field names are stable;
// keys are sorted, so the file changes only when an excerpt does.
func JSON(items []Item, site SiteInfo) ([]byte, error) {
	doc := jsonDoc{Version: 1, Items: []jsonItem{}}
	doc.Site.Title, doc.Site.URL = site.Title, site.BaseURL
	for _, it := range items {
		ji := jsonItem{
			URL: it.Post.URL, Path: urlPath(it.Post.URL), Title: it.Post.Title, Lang: it.Post.Lang,
			Image: it.Post.Image, Excerpts: map[string]jsonExcerpt{},
		}
		if !it.Post.Date.IsZero() {
			ji.Date = it.Post.Date.In(site.loc()).Format(time.RFC3339)
		}
		for _, e := range it.Excerpts {
			tags := e.Hashtags
			if tags == nil {
				tags = []string{}
			}
			ji.Excerpts[e.Platform] = jsonExcerpt{
				Text: e.Text, Length: e.Length, Limit: e.Limit, Valid: e.Valid, Link: e.Link,
				Hashtags: tags, Title: e.Title, Facets: e.Facets, Problems: e.Problems,
			}
		}
		doc.Items = append(doc.Items, ji)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // links keep their "&"
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func urlPath(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return pu.EscapedPath()
}

// excerptFor returns an item's excerpt for a platform.
func (it Item) excerptFor(platform string) (Excerpt, bool) {
	for _, e := range it.Excerpts {
		if e.Platform == platform {
			return e, true
		}
	}
	return Excerpt{}, false
}
