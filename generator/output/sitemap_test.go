package output

import (
	"encoding/xml"
	"slices"
	"strings"
	"testing"
)

// What a search engine reads back from sitemap.xml.
type readURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

type readIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

func TestSitemap(t *testing.T) {
	files := renderHTML(t, pagesSites())
	var set readURLSet
	if err := xml.Unmarshal(files["sitemap.xml"], &set); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	var locs []string
	byLoc := map[string]int{}
	for i, u := range set.URLs {
		locs = append(locs, strings.TrimPrefix(u.Loc, "https://example.org"))
		byLoc[u.Loc] = i
		if !strings.HasPrefix(u.Loc, "https://example.org/") {
			t.Errorf("loc %q is not absolute", u.Loc)
		}
	}
	want := []string{
		"/", "/about/", "/archives/", "/categories/", "/categories/methode/",
		"/en/", "/en/archives/", "/en/posts/", "/en/posts/quotes/", "/en/tags/", "/en/tags/social-media/",
		"/posts/", "/posts/charte/", "/posts/guillemets/", "/posts/kpi/",
		"/tags/", "/tags/mesure/", "/tags/moderation/", "/tags/reseaux-sociaux/",
	}
	// Not listed: pager pages 2+, 404.html, aliases, /en/categories/ (no terms).
	if !slices.Equal(locs, want) {
		t.Errorf("sitemap URLs:\n got %q\nwant %q", locs, want)
	}

	article := set.URLs[byLoc["https://example.org/posts/guillemets/"]]
	if article.Lastmod != "2026-11-24T18:00:00+01:00" {
		t.Errorf("article lastmod = %q; want its Lastmod in the site's zone", article.Lastmod)
	}
	var alts []string
	for _, l := range article.Links {
		if l.Rel != "alternate" {
			t.Errorf("xhtml:link rel = %q", l.Rel)
		}
		alts = append(alts, l.Hreflang+" "+l.Href)
	}
	wantAlts := []string{"en-US https://example.org/en/posts/quotes/", "fr-FR https://example.org/posts/guillemets/", "x-default https://example.org/posts/guillemets/"}
	if !slices.Equal(alts, wantAlts) {
		t.Errorf("article alternates = %q; want %q", alts, wantAlts)
	}
	if kpi := set.URLs[byLoc["https://example.org/posts/kpi/"]]; kpi.Lastmod != "2025-06-15T12:00:00+02:00" || len(kpi.Links) != 0 {
		t.Errorf("untranslated article: lastmod %q, %d alternates", kpi.Lastmod, len(kpi.Links))
	}
	if home := set.URLs[byLoc["https://example.org/"]]; home.Lastmod != "2026-11-24T18:00:00+01:00" {
		t.Errorf("home lastmod = %q; want the newest change of its pages", home.Lastmod)
	}
	if about := set.URLs[byLoc["https://example.org/about/"]]; about.Lastmod != "" {
		t.Errorf("undated fixturePage lastmod = %q; want none", about.Lastmod)
	}

	if got, want := string(files["robots.txt"]), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"; got != want {
		t.Errorf("robots.txt = %q; want %q", got, want)
	}
}

// A one-language site has no xhtml namespace and no alternates.
func TestSitemapOneLanguage(t *testing.T) {
	files := renderHTML(t, manyPosts(3, 10))
	b := string(files["sitemap.xml"])
	if strings.Contains(b, "xhtml") {
		t.Errorf("one-language sitemap mentions xhtml:\n%s", b)
	}
	if !strings.HasPrefix(b, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("sitemap.xml lacks its XML declaration")
	}
}

// The site's own robots.txt (from static/) is kept as it is.
func TestRobotsKept(t *testing.T) {
	sites := pagesSites()
	w := NewWriter()
	w.Add("robots.txt", []byte("User-agent: *\nDisallow: /brouillons/\n"))
	if err := renderSitemap(sites, nil, w); err != nil {
		t.Fatal(err)
	}
	if len(w.errs) > 0 {
		t.Fatal(w.errs)
	}
	if got := string(w.files["robots.txt"]); got != "User-agent: *\nDisallow: /brouillons/\n" {
		t.Errorf("robots.txt = %q; want the site's own", got)
	}
}

// Past the protocol's limit of URLs, sitemap.xml is an index of parts.
func TestSitemapSplit(t *testing.T) {
	defer func(n int) { sitemapMax = n }(sitemapMax)
	sitemapMax = 10
	files := renderHTML(t, manyPosts(25, 10))
	var idx readIndex
	if err := xml.Unmarshal(files["sitemap.xml"], &idx); err != nil {
		t.Fatalf("sitemap.xml is not a sitemap index: %v\n%s", err, files["sitemap.xml"])
	}
	total := 0
	for i, sm := range idx.Sitemaps {
		name := strings.TrimPrefix(sm.Loc, "https://example.org/")
		if want := "sitemap-" + string(rune('1'+i)) + ".xml"; name != want {
			t.Errorf("part %d = %q; want %q", i+1, name, want)
		}
		if sm.Lastmod == "" {
			t.Errorf("part %s has no lastmod", name)
		}
		var set readURLSet
		if err := xml.Unmarshal(files[name], &set); err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		if len(set.URLs) > sitemapMax {
			t.Errorf("%s has %d URLs; want at most %d", name, len(set.URLs), sitemapMax)
		}
		total += len(set.URLs)
	}
	// 25 articles, home, section, archive, 2 taxonomies with 8 + 1 terms.
	if want := 25 + 1 + 1 + 1 + 2 + 8 + 1; total != want {
		t.Errorf("%d URLs in all parts; want %d", total, want)
	}
}
