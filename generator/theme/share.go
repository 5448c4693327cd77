package theme

import (
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"github.com/relais/relais/generator/site"
)

// Share metadata: what link previews (Open Graph, X cards, Mastodon) and
// search engines (JSON-LD) read. Numbers and rules come from
// shared/docs/social-platforms.md §6.

// Image is the page's share image: the one the build chose for the page
// (its own first image, else its drawn card), else config.toml's
// params.image (with params.imageAlt) for pages that have none.
func (d *Data) Image() *site.Image {
	if d.Page != nil && d.Page.Image != nil && d.Page.Image.URL != "" {
		return d.Page.Image
	}
	cfg := d.Config()
	if u, _ := cfg.Params["image"].(string); u != "" {
		alt, _ := cfg.Params["imageAlt"].(string)
		return &site.Image{URL: AbsURL(cfg, u), Alt: alt}
	}
	return nil
}

// TwitterCard is "summary_large_image" when there is an image to show
// large, else "summary".
func (d *Data) TwitterCard() string {
	if d.Image() != nil {
		return "summary_large_image"
	}
	return "summary"
}

// XSite is the site's X account ([social.accounts] x) as "@handle".
func (d *Data) XSite() string { return XHandle(d.Config().Social.Accounts["x"]) }

// XCreator is the author's X account: the page's "x" parameter, else
// [author] x.
func (d *Data) XCreator() string {
	if d.Page != nil {
		if s, _ := d.Page.Params["x"].(string); s != "" {
			return XHandle(s)
		}
	}
	return XHandle(d.Config().Author.X)
}

// FediverseCreator is the author's fediverse address for Mastodon's
// author attribution: the page's "fediverse" parameter, else [author]
// fediverse, as "@user@instance".
func (d *Data) FediverseCreator() string {
	if d.Page != nil {
		if s, _ := d.Page.Params["fediverse"].(string); s != "" {
			return FediverseHandle(s)
		}
	}
	return FediverseHandle(d.Config().Author.Fediverse)
}

// XHandle writes an X account as "@handle", from "@handle", "handle" or
// a profile URL ("https://x.com/handle").
func XHandle(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		s = strings.Trim(u.Path, "/")
		if i := strings.IndexByte(s, '/'); i >= 0 {
			s = s[:i]
		}
	}
	return "@" + strings.TrimPrefix(s, "@")
}

// FediverseHandle writes a fediverse account as "@user@instance", from
// that form, "user@instance" or a profile URL ("https://instance/@user").
func FediverseHandle(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		user := strings.Trim(u.Path, "/")
		if i := strings.LastIndexByte(user, '/'); i >= 0 {
			user = user[i+1:]
		}
		return "@" + strings.TrimPrefix(user, "@") + "@" + u.Host
	}
	return "@" + strings.TrimPrefix(s, "@")
}

// OGLocale writes a language's locale as Open Graph wants it: "fr-FR" ->
// "fr_FR"; a bare language gets its likeliest region ("fr" -> "fr_FR").
func OGLocale(l *site.Language) string {
	loc := l.Locale
	if loc == "" {
		loc = l.Code
	}
	if v, ok := ogLocales.Load(loc); ok {
		return v.(string)
	}
	v := ogLocale(loc)
	ogLocales.Store(loc, v)
	return v
}

// ogLocales keeps OGLocale's answers: every page's head asks, for its own
// language and each translation's, and a site has a handful of locales.
var ogLocales sync.Map

func ogLocale(loc string) string {
	tag, err := language.Parse(loc)
	if err != nil {
		return strings.ReplaceAll(loc, "-", "_")
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// inZone gives t in the site's time zone.
func (d *Data) inZone(t time.Time) time.Time {
	if loc := d.Config().Location; loc != nil && !t.IsZero() {
		return t.In(loc)
	}
	return t
}

// JSON-LD types, as structs so that keys come out in a readable order.
type (
	ldThing struct {
		Type string `json:"@type"`
		Name string `json:"name,omitempty"`
		URL  string `json:"url,omitempty"`
		ID   string `json:"@id,omitempty"`
	}
	ldImage struct {
		Type   string `json:"@type"`
		URL    string `json:"url"`
		Width  int    `json:"width,omitempty"`
		Height int    `json:"height,omitempty"`
		Alt    string `json:"caption,omitempty"`
	}
	ldPosting struct {
		Context          string    `json:"@context"`
		Type             string    `json:"@type"`
		Headline         string    `json:"headline"`
		Description      string    `json:"description,omitempty"`
		URL              string    `json:"url"`
		MainEntityOfPage ldThing   `json:"mainEntityOfPage"`
		DatePublished    string    `json:"datePublished,omitempty"`
		DateModified     string    `json:"dateModified,omitempty"`
		Author           []ldThing `json:"author,omitempty"`
		Publisher        ldThing   `json:"publisher"`
		Image            *ldImage  `json:"image,omitempty"`
		InLanguage       string    `json:"inLanguage,omitempty"`
		Keywords         []string  `json:"keywords,omitempty"`
		ArticleSection   string    `json:"articleSection,omitempty"`
		WordCount        int       `json:"wordCount,omitempty"`
	}
	ldWebSite struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Name        string `json:"name"`
		Description string `json:"description,omitempty"`
		URL         string `json:"url"`
		InLanguage  string `json:"inLanguage,omitempty"`
	}
)

// JSONLD is the page's structured data for the jsonld function: a
// BlogPosting on articles, a WebSite on the home page, nil elsewhere.
func (d *Data) JSONLD() any {
	cfg := d.Config()
	switch {
	case d.IsArticle():
		p := d.Page
		v := ldPosting{
			Context:          "https://schema.org",
			Type:             "BlogPosting",
			Headline:         p.Title,
			Description:      d.Description(),
			URL:              d.Permalink(),
			MainEntityOfPage: ldThing{Type: "WebPage", ID: d.Permalink()},
			DatePublished:    d.inZone(p.Date).Format(time.RFC3339),
			DateModified:     d.inZone(d.Modified()).Format(time.RFC3339),
			Publisher:        ldThing{Type: "Organization", Name: d.SiteTitle(), URL: AbsURL(cfg, d.Home())},
			InLanguage:       hreflang(d.Lang()),
			Keywords:         d.Tags(),
			ArticleSection:   d.ArticleSection(),
			WordCount:        p.WordCount,
		}
		for _, a := range d.Authors() {
			person := ldThing{Type: "Person", Name: a}
			if a == cfg.Author.Name {
				person.URL = cfg.Author.URL
			}
			v.Author = append(v.Author, person)
		}
		if img := d.Image(); img != nil {
			v.Image = &ldImage{Type: "ImageObject", URL: img.URL, Width: img.Width, Height: img.Height, Alt: img.Alt}
		}
		return v
	case d.Kind == KindHome && !d.Paginated():
		return ldWebSite{
			Context: "https://schema.org", Type: "WebSite",
			Name: d.SiteTitle(), Description: d.Description(),
			URL: d.Permalink(), InLanguage: hreflang(d.Lang()),
		}
	}
	return nil
}
