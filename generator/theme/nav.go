package theme

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/slug"
)

// Common is what every page of one language shares: the entries of the
// default menu and the links of the terms. Working them out once per
// language rather than once per page keeps a site of ten thousand
// articles linear: the menu alone looks at every page.
type Common struct {
	site      *site.Site
	menu      []MenuItem                     // the default menu, before Active is set
	terms     map[string]map[string]TermLink // taxonomy -> term as first written -> link
	fragments sync.Map                       // cacheKey -> template.HTML: list entries, cached partials
}

// NewCommon works out what the pages of s share. It is safe to use from
// several goroutines once built.
func NewCommon(s *site.Site) *Common {
	c := &Common{site: s, terms: map[string]map[string]TermLink{}}
	if s == nil {
		return c
	}
	home := "/"
	if s.Lang != nil {
		home = s.Lang.Prefix + "/"
	}
	c.menu = append(c.menu, MenuItem{Name: "home", URL: home}, MenuItem{Name: "archives", URL: home + "archives/"})
	for _, tx := range s.Taxonomies {
		if len(tx.Terms) > 0 {
			c.menu = append(c.menu, MenuItem{Name: tx.Name, URL: tx.URL})
		}
		byName := make(map[string]TermLink, len(tx.Terms))
		for _, t := range tx.Terms {
			byName[t.Name] = TermLink{Name: t.Name, URL: t.URL}
		}
		c.terms[tx.Name] = byName
	}
	var roots []*site.Page
	for _, p := range s.Pages {
		if p.Section == "" && p.Kind == site.KindPage {
			roots = append(roots, p)
		}
	}
	slices.SortStableFunc(roots, func(a, b *site.Page) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title), cmp.Compare(a.URL, b.URL))
	})
	for _, p := range roots {
		c.menu = append(c.menu, MenuItem{Name: p.Title, URL: p.URL})
	}
	return c
}

// cacheKey names one rendered fragment: a page's list entry, or a
// partial and the keys it was cached under.
type cacheKey struct {
	name    string
	page    *site.Page
	variant string
}

// cached returns the fragment under key, rendering it the first time
// only. Two goroutines may render the same fragment at once: the work is
// wasted, the result the same. Without a Common, nothing is kept.
func (d *Data) cached(key cacheKey, render func() (template.HTML, error)) (template.HTML, error) {
	if d == nil || d.Common == nil || d.Common.site != d.Site {
		return render()
	}
	if h, ok := d.Common.fragments.Load(key); ok {
		return h.(template.HTML), nil
	}
	h, err := render()
	if err == nil {
		d.Common.fragments.Store(key, h)
	}
	return h, err
}

func (d *Data) common() *Common {
	if d.Common != nil && d.Common.site == d.Site {
		return d.Common
	}
	return NewCommon(d.Site)
}

// MenuItem is one entry of the main navigation.
type MenuItem struct {
	Name   string // an i18n key or a label: templates print it through T
	URL    string // site-relative or absolute
	Active bool   // the page being read is this entry or below it
}

// Menu is the main navigation: config.toml's [[params.menu]] entries
// (name, url, optional lang and weight) when there are any, else home,
// archives, each taxonomy that has terms, and the pages at the content
// root (about, contact…) by weight then title.
func (d *Data) Menu() []MenuItem {
	out, ok := d.configMenu()
	if !ok {
		out = slices.Clone(d.common().menu)
	}
	home := d.Home()
	for i := range out {
		u := out[i].URL
		out[i].Active = u == d.URL || u != home && !isAbs(u) && strings.HasSuffix(u, "/") && strings.HasPrefix(d.URL, u)
	}
	return out
}

// NavKey is what the default header shows besides the language: the
// active menu entry and where the language switcher leads. Pages with the
// same key have the same header, which the default theme renders once.
func (d *Data) NavKey() string {
	var b strings.Builder
	if d.Kind == KindHome && !d.Paginated() {
		b.WriteString("home")
	}
	for _, m := range d.Menu() {
		if m.Active {
			b.WriteString(" " + m.URL)
		}
	}
	b.WriteString(" |")
	for _, l := range d.LanguageLinks() {
		switch {
		case l.Current:
			b.WriteString(" =" + l.Lang.Code)
		case l.Translated:
			b.WriteString(" +" + l.URL)
		default:
			b.WriteString(" " + l.URL)
		}
	}
	return b.String()
}

// configMenu reads [[params.menu]] for this language.
func (d *Data) configMenu() ([]MenuItem, bool) {
	raw, ok := d.Config().Params["menu"]
	if !ok {
		return nil, false
	}
	var entries []map[string]any
	switch v := raw.(type) {
	case []map[string]any:
		entries = v
	case []any:
		for _, x := range v {
			if m, ok := x.(map[string]any); ok {
				entries = append(entries, m)
			}
		}
	}
	type weighted struct {
		MenuItem
		weight int64
	}
	var items []weighted
	for _, e := range entries {
		name, _ := e["name"].(string)
		u, _ := e["url"].(string)
		if lang, _ := e["lang"].(string); lang != "" && !strings.EqualFold(lang, d.Lang().Code) {
			continue
		}
		if name == "" || u == "" {
			continue
		}
		w, _ := e["weight"].(int64)
		items = append(items, weighted{MenuItem{Name: name, URL: u}, w})
	}
	slices.SortStableFunc(items, func(a, b weighted) int { return cmp.Compare(a.weight, b.weight) })
	out := make([]MenuItem, len(items))
	for i, it := range items {
		out[i] = it.MenuItem
	}
	return out, len(out) > 0
}

// TermLink is one term of a page, linked to its list.
type TermLink struct {
	Name string
	URL  string // site-relative
}

// TermGroup is a page's terms in one taxonomy.
type TermGroup struct {
	Taxonomy *site.Taxonomy
	Terms    []TermLink
}

// TermsOf returns a page's terms by taxonomy, in the site's taxonomy order.
func (d *Data) TermsOf(p *site.Page) []TermGroup {
	if d.Site == nil || p == nil {
		return nil
	}
	c := d.common()
	var out []TermGroup
	for _, tx := range d.Site.Taxonomies {
		names := p.Terms[tx.Name]
		if len(names) == 0 {
			continue
		}
		g := TermGroup{Taxonomy: tx, Terms: make([]TermLink, 0, len(names))}
		for _, n := range names {
			if l, ok := c.terms[tx.Name][n]; ok {
				g.Terms = append(g.Terms, l)
			} else if l, ok := termLink(tx, n); ok {
				g.Terms = append(g.Terms, l)
			}
		}
		if len(g.Terms) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// termLink finds a term written differently from its first spelling
// ("reseaux sociaux" for "Réseaux sociaux") by its slug.
func termLink(tx *site.Taxonomy, name string) (TermLink, bool) {
	name = strings.TrimSpace(name)
	s := slug.Make(name)
	if s == "" {
		return TermLink{}, false
	}
	if i, ok := slices.BinarySearchFunc(tx.Terms, s, func(t *site.Term, s string) int { return cmp.Compare(t.Slug, s) }); ok {
		return TermLink{Name: name, URL: tx.Terms[i].URL}, true
	}
	return TermLink{Name: name, URL: tx.URL + s + "/"}, true
}
