package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/relais/relais/generator/site"
)

// feedSites is the fixture site with its feeds rendered.
func feedFiles(t *testing.T) (Files, []*site.Site) {
	t.Helper()
	sites := pagesSites()
	for _, s := range sites {
		for _, p := range s.Pages {
			p.HTML = `<p>Voir <a href="/posts/autre/">l’autre</a> et <img src="schema.png" alt="schéma" srcset="schema.png 1x, /img/x2.png 2x"> <a href="#fn:1">1</a>.</p>`
			p.Summary = "Résumé de « " + p.Title + " »"
		}
	}
	sites[0].Pages[0].Image = &site.Image{URL: "https://example.org/posts/a/cover.jpg", Alt: "Couverture", Width: 1200, Height: 630, Type: "image/jpeg", Length: 4242}
	w := NewWriter()
	if err := renderFeeds(sites, nil, w); err != nil {
		t.Fatal(err)
	}
	return w.files, sites
}

func TestFeedsParse(t *testing.T) {
	files, sites := feedFiles(t)
	s := sites[0]
	lists := []string{""}
	for _, sec := range s.Sections {
		lists = append(lists, strings.TrimPrefix(sec.URL, "/"))
	}
	for _, tx := range s.Taxonomies {
		for _, term := range tx.Terms {
			lists = append(lists, strings.TrimPrefix(term.URL, "/"))
		}
	}
	lists = append(lists, "en/")
	for _, l := range lists {
		for _, f := range []string{RSSFile, AtomFile, JSONFile} {
			name := l + f
			b, ok := files[name]
			if !ok {
				t.Errorf("%s not written", name)
				continue
			}
			feed, err := gofeed.NewParser().ParseString(string(b))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if len(feed.Items) == 0 {
				t.Errorf("%s: no items", name)
				continue
			}
			for _, it := range feed.Items {
				if !strings.HasPrefix(it.Link, "https://example.org/") || it.Title == "" || it.PublishedParsed == nil {
					t.Errorf("%s: item %q link %q published %v", name, it.Title, it.Link, it.PublishedParsed)
				}
				if !strings.Contains(it.Content, `href="https://example.org/posts/autre/"`) {
					t.Errorf("%s: %q: relative links not made absolute: %s", name, it.Title, it.Content)
				}
			}
		}
	}
}

func TestFeedItemImage(t *testing.T) {
	files, sites := feedFiles(t)
	first := sites[0].Pages[0]
	feed, err := gofeed.NewParser().ParseString(string(files[RSSFile]))
	if err != nil {
		t.Fatal(err)
	}
	var it *gofeed.Item
	for _, i := range feed.Items {
		if strings.HasSuffix(i.Link, first.URL) {
			it = i
		}
	}
	if it == nil {
		t.Fatalf("%s not in the site feed", first.URL)
	}
	if len(it.Enclosures) != 1 || it.Enclosures[0].URL != first.Image.URL || it.Enclosures[0].Length != "4242" || it.Enclosures[0].Type != "image/jpeg" {
		t.Errorf("enclosure = %+v; want the share image with type and length", it.Enclosures)
	}
	media := it.Extensions["media"]["content"]
	if len(media) != 1 || media[0].Attrs["url"] != first.Image.URL || media[0].Attrs["width"] != "1200" || media[0].Attrs["height"] != "630" {
		t.Errorf("media:content = %+v", media)
	}
	if !strings.HasPrefix(it.Content, `<p><img src="`+first.Image.URL+`"`) {
		t.Errorf("content does not start with the share image: %.120s", it.Content)
	}
	if it.Description != first.Summary {
		t.Errorf("description = %q; want the plain summary %q", it.Description, first.Summary)
	}
	if len(it.Categories) == 0 {
		t.Errorf("no categories for the page's terms")
	}
	if dc := it.Extensions["dc"]["creator"]; len(dc) != 1 || dc[0].Value == "" {
		t.Errorf("dc:creator = %+v", dc)
	}
}

func TestFeedNamespacesAndSelf(t *testing.T) {
	files, _ := feedFiles(t)
	rss := files[RSSFile]
	for _, want := range []string{
		`xmlns:content="http://purl.org/rss/1.0/modules/content/"`,
		`xmlns:atom="http://www.w3.org/2005/Atom"`,
		`xmlns:media="http://search.yahoo.com/mrss/"`,
		`<atom:link href="https://example.org/index.xml" rel="self" type="application/rss+xml">`,
		`<guid isPermaLink="true">`,
		`<lastBuildDate>`,
	} {
		if !bytes.Contains(rss, []byte(want)) {
			t.Errorf("RSS lacks %s", want)
		}
	}
	atom := files[AtomFile]
	for _, want := range []string{`rel="self"`, `<category term="`, `<summary type="text">`, `<content type="html">`, `<published>`} {
		if !bytes.Contains(atom, []byte(want)) {
			t.Errorf("Atom lacks %s", want)
		}
	}
	var j struct {
		Version string `json:"version"`
		FeedURL string `json:"feed_url"`
		Items   []struct {
			ContentHTML string   `json:"content_html"`
			Image       string   `json:"image"`
			Tags        []string `json:"tags"`
		}
	}
	if err := json.Unmarshal(files[JSONFile], &j); err != nil {
		t.Fatal(err)
	}
	if j.Version != "https://jsonfeed.org/version/1.1" || j.FeedURL != "https://example.org/feed.json" || len(j.Items) == 0 || j.Items[0].ContentHTML == "" {
		t.Errorf("JSON feed = %+v", j)
	}
}

func TestEmptySectionFeedIsValid(t *testing.T) {
	sites := pagesSites()
	sites[0].Sections = append(sites[0].Sections, &site.Section{Name: "vide", URL: "/vide/"})
	w := NewWriter()
	if err := renderFeeds(sites, nil, w); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"vide/index.xml", "vide/atom.xml", "vide/feed.json"} {
		b := w.files[f]
		if _, err := gofeed.NewParser().ParseString(string(b)); err != nil {
			t.Errorf("%s: %v\n%s", f, err, b)
		}
	}
	if err := xml.Unmarshal(w.files["vide/atom.xml"], new(struct{})); err != nil {
		t.Errorf("empty Atom feed: %v", err)
	}
}

func TestFeedLimit(t *testing.T) {
	sites := manyPosts(30, 30)
	for _, tt := range []struct {
		limit, want int
	}{{20, 20}, {5, 5}, {0, 30}} {
		sites[0].Config.Feeds.Limit = tt.limit
		w := NewWriter()
		if err := renderFeeds(sites, nil, w); err != nil {
			t.Fatal(err)
		}
		feed, err := gofeed.NewParser().ParseString(string(w.files[RSSFile]))
		if err != nil {
			t.Fatal(err)
		}
		if len(feed.Items) != tt.want {
			t.Errorf("limit %d: %d items; want %d", tt.limit, len(feed.Items), tt.want)
		}
	}
}

func TestAbsolutize(t *testing.T) {
	base := "https://example.org/posts/x/"
	tests := []struct{ name, in, want string }{
		{"relative image", `<img src="a.png" alt="a">`, `<img src="https://example.org/posts/x/a.png" alt="a">`},
		{"site-absolute link", `<a href="/tags/y/">y</a>`, `<a href="https://example.org/tags/y/">y</a>`},
		{"fragment", `<a href="#fn:1">1</a>`, `<a href="https://example.org/posts/x/#fn:1">1</a>`},
		{"absolute kept", `<a href="https://other.example/">o</a>`, `<a href="https://other.example/">o</a>`},
		{"mailto kept", `<a href="mailto:a@b.fr">m</a>`, `<a href="mailto:a@b.fr">m</a>`},
		{"srcset", `<img srcset="a.png 1x, /b.png 2x">`, `<img srcset="https://example.org/posts/x/a.png 1x, https://example.org/b.png 2x">`},
		{"text untouched", `<p>href="x" &amp; « y »</p>`, `<p>href="x" &amp; « y »</p>`},
		{"parent", `<a href="../z/">z</a>`, `<a href="https://example.org/posts/z/">z</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Absolutize(tt.in, base); got != tt.want {
				t.Errorf("Absolutize(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"two", "<p>Un.</p>\n<p>Deux <em>mots</em>.</p>", []string{"Un.", "Deux mots."}},
		{"entities", "<p>A &amp; B &laquo;x&raquo;</p>", []string{"A & B «x»"}},
		{"footnote ref dropped", `<p>Voir<sup id="fnref:1"><a href="#fn:1">1</a></sup> ici.</p>`, []string{"Voir ici."}},
		{"nested p ignored", "<blockquote><p>Citation</p></blockquote><p>Texte</p>", []string{"Texte"}},
		{"other sup kept", "<p>m<sup>2</sup></p>", []string{"m2"}},
		{"empty", "<p> </p><pre>code</pre>", nil},
		{"line break and image", "<p>Un<br>\ndeux <img src=\"a.png\" alt=\"x\"> trois<br />\nquatre</p>", []string{"Un deux trois quatre"}},
		{"attributes", `<p class="x" id="y">Lien <a href="https://e.org/?a=1" title="t">ici</a></p>`, []string{"Lien ici"}},
		{"no-break spaces collapse", "<p>Quoi\u202f?\u00a0Oui</p>", []string{"Quoi ? Oui"}},
		{"comment: the tokenizer reads it", "<p>A<!-- note -->B</p>", []string{"AB"}},
		{"script text is text inside p", "<p>a<script>x<y</script>b</p>", []string{"ax<yb"}},
		{"stray less-than", "<p>a < b</p>", []string{"a < b"}},
		{"raw uppercase tags", "<P>Haut</P><p>bas</p>", []string{"Haut", "bas"}},
		{"unclosed", "<p>sans fin", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := paragraphs(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("paragraphs(%q) = %q; want %q", tt.in, got, tt.want)
			}
			if tok := tokenizeParagraphs(tt.in); strings.Join(tok, "|") != strings.Join(got, "|") {
				t.Errorf("tokenizer reads %q; the scanner %q", tok, got)
			}
		})
	}
	long := strings.Repeat("<p>"+strings.Repeat("mot ", 300)+"</p>", 50)
	if n := len(paragraphs(long)); n > maxParagraphs || n == 0 {
		t.Errorf("paragraphs of a long article: %d; want at most %d", n, maxParagraphs)
	}
}

func TestStartsWithImage(t *testing.T) {
	u := "https://example.org/a.png"
	tests := []struct {
		in   string
		want bool
	}{
		{`<p><img src="https://example.org/a.png" alt="x"></p><p>t</p>`, true},
		{`<figure><img src="https://example.org/a.png"></figure>`, true},
		{`<p>Texte</p><img src="https://example.org/a.png">`, false},
		{`<pre><code>&lt;enclosure url="https://example.org/a.png"/&gt;</code></pre>`, false},
		{`<p><img src="https://example.org/b.png"></p>`, false},
	}
	for _, tt := range tests {
		if got := startsWithImage(tt.in, u); got != tt.want {
			t.Errorf("startsWithImage(%q) = %v; want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzParagraphs checks that the fast scanner, when it accepts a fragment,
// reads it exactly as the HTML tokenizer does.
func FuzzParagraphs(f *testing.F) {
	for _, s := range []string{
		"<p>Un.</p>\n<p>Deux <em>mots</em>.</p>",
		`<p>Voir<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup> ici.</p>`,
		"<blockquote><p>Citation</p></blockquote><p>A &amp; B</p><hr /><p>x<br>y</p>",
		`<p><img src="a.png" alt="b" /> c</p><ul><li><p>d</p></li></ul>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := scanParagraphs(s)
		if !ok {
			return
		}
		if want := tokenizeParagraphs(s); strings.Join(got, "\x00") != strings.Join(want, "\x00") {
			t.Errorf("scanParagraphs(%q) = %q; the tokenizer reads %q", s, got, want)
		}
	})
}
