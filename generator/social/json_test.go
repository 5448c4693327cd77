package social

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// jsonReference renders index.json with encoding/json, as relais first
// did: JSON must write the very same bytes.
func jsonReference(items []Item, site SiteInfo) ([]byte, error) {
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
	type jsonItem struct {
		URL      string                 `json:"url"`
		Path     string                 `json:"path"`
		Title    string                 `json:"title"`
		Date     string                 `json:"date"`
		Lang     string                 `json:"lang"`
		Image    string                 `json:"image"`
		Excerpts map[string]jsonExcerpt `json:"excerpts"`
	}
	var doc struct {
		Version int `json:"version"`
		Site    struct {
			Title string `json:"title"`
			URL   string `json:"url"`
		} `json:"site"`
		Items []jsonItem `json:"items"`
	}
	doc.Version, doc.Items = 1, []jsonItem{}
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
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// odd are strings that encoding/json escapes in every way it can.
var odd = []string{
	"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r\n\b\f\x00\x01\x1f\x7f", "<a href=\"x\">&amp;</a>",
	"invalid \xff\xfe and cut \xe2\x80", "\u2028 line \u2029 paragraph", "é « » \u202F 👩🏽‍💻 日本", "\ufffd already", "stray \x80\xbf",
}

func TestJSONEncoding(t *testing.T) {
	items, _, site := samples(t)
	paris := site.Location
	var extra []Item
	for i, s := range odd {
		it := Item{Post: Post{URL: "https://exemple.fr/" + s, Title: s, Lang: s, Image: s}}
		if i%2 == 0 {
			it.Post.Date = time.Date(2026, 3, 29, 1, 30, i, 0, time.UTC)
		}
		for j, pl := range Platforms {
			e := Excerpt{Platform: pl.Name, Text: s + pl.Name, Length: i * j, Limit: -j, Valid: j%2 == 0, Link: s, Title: s}
			if j%3 == 0 {
				e.Hashtags = []string{s, "#" + s}
				e.Problems = []string{s}
			}
			if j%3 == 1 {
				e.Hashtags = []string{}
				e.Facets = []Facet{{ByteStart: i, ByteEnd: j, Type: "link", URI: s}, {Type: "tag", Tag: s}}
			}
			it.Excerpts = append(it.Excerpts, e)
		}
		if i%3 == 0 { // the same platform twice: the last one is written
			it.Excerpts = append(it.Excerpts, Excerpt{Platform: "x", Text: "again " + s})
		}
		extra = append(extra, it)
	}
	extra = append(extra, Item{}, Item{Post: Post{URL: "%zz"}})
	tests := []struct {
		name  string
		items []Item
		site  SiteInfo
	}{
		{"samples", items, site},
		{"no items", nil, SiteInfo{Title: odd[3], BaseURL: odd[5]}},
		{"odd strings", extra, SiteInfo{Title: odd[4], Location: paris}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := JSON(tt.items, tt.site)
			if err != nil {
				t.Fatal(err)
			}
			want, err := jsonReference(tt.items, tt.site)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				t.Fatalf("JSON differs from encoding/json at byte %d:\n%s\nwant\n%s", i, got[max(0, i-200):min(len(got), i+200)], want[max(0, i-200):min(len(want), i+200)])
			}
		})
	}
	bad := []Item{{Excerpts: []Excerpt{{Platform: "bluesky", Facets: []Facet{{Type: "mention"}}}}}}
	if _, err := JSON(bad, SiteInfo{}); err == nil || !strings.Contains(err.Error(), `"mention"`) {
		t.Errorf("JSON with a facet of unknown type: error %v; want one naming it", err)
	}
}

// FuzzJSONString holds appendJSONString to encoding/json's quoting.
func FuzzJSONString(f *testing.F) {
	for _, s := range odd {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(b.String(), "\n")
		if got := string(appendJSONString(nil, s)); got != want {
			t.Fatalf("appendJSONString(%q) = %s; want %s", s, got, want)
		}
	})
}
