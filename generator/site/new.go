package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/relais/relais/generator/slug"
)

// New groups loaded pages into one Site per language (default first):
// ordering, sections, taxonomies, previous/next. Pages must already be
// published (drafts and future pages filtered out by the content stage).
func New(cfg *Config, pages []*Page, now time.Time) []*Site {
	langs := cfg.Langs()
	byLang := map[string][]*Page{}
	for _, p := range pages {
		byLang[p.Lang] = append(byLang[p.Lang], p)
	}
	sites := make([]*Site, 0, len(langs))
	for _, l := range langs {
		sites = append(sites, newSite(cfg, l, langs, byLang[l.Code], now))
	}
	return sites
}

func newSite(cfg *Config, lang *Language, langs []*Language, pages []*Page, now time.Time) *Site {
	s := &Site{Config: cfg, Lang: lang, Languages: langs, Now: now}
	var sectionPages []*Page
	for _, p := range pages {
		switch {
		case p.Kind == KindSection && p.Section == "":
			s.Home = p
		case p.Kind == KindSection:
			sectionPages = append(sectionPages, p)
		default:
			s.Pages = append(s.Pages, p)
		}
	}
	SortPages(s.Pages)

	sections := map[string]*Section{}
	section := func(name string) *Section {
		sec := sections[name]
		if sec == nil {
			sec = &Section{Name: name, URL: lang.Prefix + "/" + name + "/"}
			sections[name] = sec
		}
		return sec
	}
	for _, p := range s.Pages {
		if p.Section != "" {
			sec := section(p.Section)
			sec.Pages = append(sec.Pages, p)
		}
	}
	for _, p := range sectionPages {
		sec := section(p.Section)
		sec.Page = p
		sec.URL = p.URL
		p.Pages = sec.Pages
	}
	for _, sec := range sections {
		s.Sections = append(s.Sections, sec)
		for i, p := range sec.Pages {
			if i > 0 {
				p.Prev = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				p.Next = sec.Pages[i+1]
			}
		}
	}
	slices.SortFunc(s.Sections, func(a, b *Section) int { return cmp.Compare(a.Name, b.Name) })
	if s.Home != nil {
		s.Home.Pages = s.Listed()
	}

	plurals := make([]string, 0, len(cfg.Taxonomies))
	singular := map[string]string{}
	for sing, plural := range cfg.Taxonomies {
		plurals = append(plurals, plural)
		singular[plural] = sing
	}
	slices.Sort(plurals)
	for _, plural := range plurals {
		s.Taxonomies = append(s.Taxonomies, newTaxonomy(plural, singular[plural], lang.Prefix, s.Listed()))
	}
	return s
}

func newTaxonomy(plural, singular, prefix string, pages []*Page) *Taxonomy {
	tx := &Taxonomy{Name: plural, Singular: singular, URL: prefix + "/" + plural + "/"}
	terms := map[string]*Term{}
	for _, p := range pages { // newest first, so each term's pages are too
		seen := map[string]bool{}
		for _, name := range p.Terms[plural] {
			name = strings.TrimSpace(name)
			sl := slug.Make(name)
			if sl == "" || seen[sl] {
				continue
			}
			seen[sl] = true
			t := terms[sl]
			if t == nil {
				t = &Term{Name: name, Slug: sl, URL: tx.URL + sl + "/"}
				terms[sl] = t
				tx.Terms = append(tx.Terms, t)
			}
			t.Pages = append(t.Pages, p)
		}
	}
	slices.SortFunc(tx.Terms, func(a, b *Term) int { return cmp.Compare(a.Slug, b.Slug) })
	return tx
}

// Listed returns the pages that appear in lists and feeds: every regular
// page of a section. Pages at the content root (about, legal notice) are
// rendered but not listed.
func (s *Site) Listed() []*Page {
	if s.listed == nil {
		s.listed = make([]*Page, 0, len(s.Pages))
		for _, p := range s.Pages {
			if p.Section != "" {
				s.listed = append(s.listed, p)
			}
		}
	}
	return s.listed
}

// Term returns the term with that slug in the named taxonomy, or nil.
func (s *Site) Term(taxonomy, termSlug string) *Term {
	for _, tx := range s.Taxonomies {
		if tx.Name == taxonomy {
			for _, t := range tx.Terms {
				if t.Slug == termSlug {
					return t
				}
			}
		}
	}
	return nil
}

// SortPages orders pages newest first; pages without a date come last,
// ties broken by weight, title and path so output never depends on the
// walk order.
func SortPages(pages []*Page) {
	slices.SortStableFunc(pages, func(a, b *Page) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Path, b.Path))
	})
}
