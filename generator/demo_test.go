package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// The demo blog at the root of the repository is what users see first;
// these tests hold it to what the README promises.

func buildDemo(t *testing.T) *Result {
	t.Helper()
	res, err := Build(os.DirFS(".."), Options{Now: clock})
	if err != nil {
		t.Fatalf("the demo site does not build: %v", err)
	}
	for _, w := range res.Warnings {
		t.Errorf("demo warning: %v", w)
	}
	return res
}

// TestDemoSocialGolden keeps the relay's outputs for the demo site: the
// JSON, every scheduler's CSV and every platform's feed, in both languages.
func TestDemoSocialGolden(t *testing.T) {
	res := buildDemo(t)
	var got txtar.Archive
	var names []string
	for name := range res.Files {
		if strings.HasPrefix(name, "social/") || strings.HasPrefix(name, "en/social/") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		got.Files = append(got.Files, txtar.File{Name: n, Data: res.Files[n]})
	}
	checkGolden(t, filepath.Join("testdata", "demo-social.golden.txtar"), &got)

	// Every excerpt of every article is valid for its platform.
	for _, idx := range []string{"social/index.json", "en/social/index.json"} {
		var doc struct {
			Items []struct {
				URL      string
				Excerpts map[string]struct {
					Valid  bool
					Length int
					Limit  int
				}
			}
		}
		if err := json.Unmarshal(res.Files[idx], &doc); err != nil {
			t.Fatalf("%s: %v", idx, err)
		}
		if len(doc.Items) == 0 {
			t.Errorf("%s: no items", idx)
		}
		for _, it := range doc.Items {
			if len(it.Excerpts) != 8 {
				t.Errorf("%s: %d excerpts; want the 8 platforms", it.URL, len(it.Excerpts))
			}
			for p, ex := range it.Excerpts {
				if !ex.Valid || ex.Length > ex.Limit {
					t.Errorf("%s: %s excerpt invalid (%d/%d)", it.URL, p, ex.Length, ex.Limit)
				}
			}
		}
	}
}

// TestDemoFeeds parses every feed of the demo with a real feed reader.
func TestDemoFeeds(t *testing.T) {
	res := buildDemo(t)
	n := 0
	for name, b := range res.Files {
		base := filepath.Base(name)
		if base != "index.xml" && base != "atom.xml" && base != "feed.json" || strings.Contains(name, "social/") {
			continue
		}
		n++
		feed, err := gofeed.NewParser().ParseString(string(b))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, it := range feed.Items {
			if it.Title == "" || !strings.HasPrefix(it.Link, "https://") || it.PublishedParsed == nil {
				t.Errorf("%s: item %q, link %q, date %v", name, it.Title, it.Link, it.PublishedParsed)
			}
			if !strings.Contains(it.Content, "<img") || len(it.Content) < 500 {
				t.Errorf("%s: %q: content lacks the full text or its image", name, it.Title)
			}
			if base == "index.xml" && len(it.Enclosures) == 0 {
				t.Errorf("%s: %q has no enclosure", name, it.Title)
			}
		}
	}
	if n < 30 {
		t.Errorf("%d feeds; want the site's, each section's and each term's in both languages", n)
	}
}

// TestDemoShareMetadata checks the head of every article for the tags
// link previews need (social-platforms.md §6).
func TestDemoShareMetadata(t *testing.T) {
	res := buildDemo(t)
	articles := 0
	for _, s := range res.Sites {
		for _, p := range s.Listed() {
			articles++
			name := strings.TrimPrefix(p.URL, "/") + "index.html"
			doc, err := html.Parse(bytes.NewReader(res.Files[name]))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			metas := map[string][]string{}
			var canonical string
			var jsonld []string
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					a := map[string]string{}
					for _, at := range n.Attr {
						a[at.Key] = at.Val
					}
					switch {
					case n.Data == "meta" && a["property"] != "":
						metas[a["property"]] = append(metas[a["property"]], a["content"])
					case n.Data == "meta" && a["name"] != "":
						metas[a["name"]] = append(metas[a["name"]], a["content"])
					case n.Data == "link" && a["rel"] == "canonical":
						canonical = a["href"]
					case n.Data == "script" && a["type"] == "application/ld+json" && n.FirstChild != nil:
						jsonld = append(jsonld, n.FirstChild.Data)
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			abs := strings.TrimSuffix(s.Config.BaseURL, "/") + p.URL
			one := func(k, want string) {
				t.Helper()
				v := metas[k]
				if len(v) == 0 || v[0] == "" || want != "" && v[0] != want {
					t.Errorf("%s: %s = %q; want %q", name, k, v, want)
				}
			}
			one("og:type", "article")
			one("og:title", p.Title)
			one("og:url", abs)
			one("og:site_name", "")
			one("og:locale", "")
			one("og:description", "")
			one("description", "")
			one("og:image", p.Image.URL)
			one("og:image:width", "")
			one("og:image:height", "")
			one("og:image:alt", "")
			one("article:published_time", "")
			one("twitter:card", "summary_large_image")
			one("twitter:site", "")
			one("fediverse:creator", "")
			if canonical != abs || strings.Contains(canonical, "utm_") {
				t.Errorf("%s: canonical %q; want %q", name, canonical, abs)
			}
			if len(metas["article:tag"]) != len(p.Terms["tags"]) {
				t.Errorf("%s: %d article:tag; want one per tag (%d)", name, len(metas["article:tag"]), len(p.Terms["tags"]))
			}
			if len(p.Translations) > 0 && len(metas["og:locale:alternate"]) == 0 {
				t.Errorf("%s: translated, but no og:locale:alternate", name)
			}
			var ld struct {
				Type     string `json:"@type"`
				Headline string `json:"headline"`
				Date     string `json:"datePublished"`
				Image    any    `json:"image"`
			}
			found := false
			for _, j := range jsonld {
				if json.Unmarshal([]byte(j), &ld) == nil && ld.Type == "BlogPosting" {
					found = true
				}
			}
			if !found || ld.Headline != p.Title || ld.Date == "" || ld.Image == nil {
				t.Errorf("%s: JSON-LD BlogPosting = %+v", name, ld)
			}
		}
	}
	if articles < 10 {
		t.Errorf("%d articles checked; the demo has more", articles)
	}
}

// TestDemoTypography checks the demo's French article for French
// typography and its English translation for none of it.
func TestDemoTypography(t *testing.T) {
	res := buildDemo(t)
	fr := string(res.Files["posts/charte-de-moderation/index.html"])
	var en string
	for name, b := range res.Files {
		if strings.HasPrefix(name, "en/posts/") && strings.HasSuffix(name, "/index.html") && bytes.Contains(b, []byte(`hreflang="fr"`)) && bytes.Contains(b, []byte("posts/charte-de-moderation/")) {
			en = string(b)
		}
	}
	if fr == "" || en == "" {
		t.Fatal("the moderation article or its English translation is missing")
	}
	body := func(page string) string {
		i := strings.Index(page, "<main")
		if i < 0 {
			t.Fatal("no <main>")
		}
		return page[i:]
	}
	frBody, enBody := body(fr), body(en)
	for _, want := range []string{"\u202f?", "\u00a0:", "’", "«\u202f", "\u202f»"} {
		if !strings.Contains(frBody, want) {
			t.Errorf("French article lacks %q", want)
		}
	}
	if strings.Contains(frBody, " ?") || strings.Contains(frBody, " !") || strings.Contains(frBody, " :") {
		t.Errorf("French article keeps a plain space before ? ! or :")
	}
	for _, bad := range []string{"\u202f", "«"} {
		if strings.Contains(enBody, bad) {
			t.Errorf("English translation has French typography %q", bad)
		}
	}
	if !strings.Contains(enBody, "’") {
		t.Errorf("English translation lacks English curly apostrophes")
	}
}

// TestDemoStreamed: a build that streams its files (Options.Emit, as
// relais build does) emits exactly the files and bytes of a build that
// keeps them, each once, and holds none of their bytes itself.
func TestDemoStreamed(t *testing.T) {
	kept := buildDemo(t)
	var mu sync.Mutex
	emitted := map[string][]byte{}
	res, err := Build(os.DirFS(".."), Options{Now: clock, Emit: func(path string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := emitted[path]; dup {
			t.Errorf("%s emitted twice", path)
		}
		emitted[path] = bytes.Clone(data)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(emitted) != len(kept.Files) || len(res.Files) != len(kept.Files) {
		t.Errorf("emitted %d files, listed %d; a kept build has %d", len(emitted), len(res.Files), len(kept.Files))
	}
	for path, want := range kept.Files {
		if got, ok := emitted[path]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: emitted %v, same bytes %v", path, ok, bytes.Equal(got, want))
		}
		if b, ok := res.Files[path]; !ok || b != nil {
			t.Errorf("%s: listed %v, with %d bytes kept; want listed, none kept", path, ok, len(b))
		}
	}

	// An emit that fails fails the build, naming the file.
	_, err = Build(os.DirFS(".."), Options{Now: clock, Emit: func(path string, data []byte) error {
		if path == "index.html" {
			return errors.New("disk full")
		}
		return nil
	}})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Build with a failing emit = %v; want the emit's error", err)
	}
}
