package output

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// pageJob is one HTML file to render.
type pageJob struct {
	out    string // path under public/: "posts/x/index.html"
	layout string // theme layout: "page.html"
	data   *theme.Data
	source string // what an error is about: the content file, else the URL
}

// planPages lists every HTML page: for each language the articles and
// root pages, the home page, sections, taxonomies and terms (paginated),
// the archive and the redirects left at aliases; then 404.html.
func planPages(p *plan) ([]*task, error) {
	if p.th == nil {
		return nil, fmt.Errorf("no theme loaded")
	}
	var jobs []pageJob
	for _, s := range p.sites {
		jobs = siteJobs(jobs, s, p.th, p.ix)
	}
	if len(p.sites) > 0 {
		s := p.sites[0]
		listed := s.Listed()
		jobs = append(jobs, pageJob{
			out: "404.html", layout: "404.html", source: "404.html",
			data: &theme.Data{Site: s, Kind: theme.Kind404, URL: "/404.html", Pages: listed[:min(5, len(listed))]},
		})
	}
	tasks := make([]*task, len(jobs))
	for i := range jobs {
		j := &jobs[i]
		tasks[i] = &task{kind: "pages", key: j.out, bodies: j.bodies(), opaque: p.extra.Opaque,
			static: func(d *digest) { j.static(d, p) },
			run:    func(w *Writer) error { return j.run(p, w) }}
	}
	return tasks, nil
}

// static hashes what the page shows apart from the rendered bodies of the
// pages in bodies: the theme's layout, the page's own data, and of each
// page it mentions (its neighbours, list entries, archive) the meta
// version, which covers titles, URLs, dates and terms. What every page
// of the language shows (menu, languages) is in siteStatic.
func (j *pageJob) static(d *digest, p *plan) {
	x := j.data
	d.str(j.out, j.layout, j.source)
	d.u64(p.extra.Layouts[j.layout])
	p.siteStatic(d, x.Site)
	d.str(x.Kind, x.URL, x.Title, x.Target)
	if pg := x.Pager; pg != nil {
		d.num(pg.Number, pg.Total, pg.Items)
		d.str(pg.Base)
	}
	d.page(x.Page)
	if x.Page != nil {
		d.page(x.Page.Prev)
		d.page(x.Page.Next)
	}
	d.pages(x.Pages)
	if sec := x.Section; sec != nil {
		d.str(sec.Name, sec.URL, theme.SectionTitle(sec))
	}
	if tx := x.Taxonomy; tx != nil {
		d.str(tx.Name, tx.Singular, tx.URL)
		if x.Kind == theme.KindTaxonomy { // the list of terms, with their counts
			for _, t := range tx.Terms {
				d.str(t.Name, t.Slug, t.URL)
				d.num(len(t.Pages))
			}
		}
	}
	if t := x.Term; t != nil {
		d.str(t.Name, t.Slug, t.URL)
	}
	for _, y := range x.Years {
		d.num(y.Year)
		d.pages(y.Pages)
	}
	for _, t := range x.Translations {
		d.str(t.Lang.Code, t.URL)
	}
	if p.extra.Opaque {
		d.u64(p.allMeta)
	}
}

// bodies are the pages whose rendered body the page shows: its own (the
// article, a list's introduction) and, on a pager page, its entries'
// summaries. The archive and the 404 page list titles, dates and links
// only, which meta versions cover (a template of the site's own that
// shows more makes every page depend on every page: see Extra.Opaque).
func (j *pageJob) bodies() []*site.Page {
	var out []*site.Page
	if j.data.Page != nil {
		out = append(out, j.data.Page)
	}
	if j.data.Pager != nil {
		out = append(out, j.data.Pages...)
	}
	return out
}

// run renders the page with the language's shared fragments.
func (j *pageJob) run(p *plan, w *Writer) error {
	d := *j.data
	if d.Site != nil {
		d.Common = p.commons[d.Site]
	}
	buf := pageBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 { // one huge page should not pin its buffer
			pageBufs.Put(buf)
		}
	}()
	if err := p.th.Execute(buf, j.layout, &d); err != nil {
		return &site.Error{Path: j.source, Err: err}
	}
	w.AddCopy(j.out, buf.Bytes())
	return nil
}

// siteJobs lists the pages of one language.
func siteJobs(jobs []pageJob, s *site.Site, th *theme.Theme, ix *langIndex) []pageJob {
	sections := make(map[string]*site.Section, len(s.Sections))
	for _, sec := range s.Sections {
		sections[sec.Name] = sec
	}
	per := s.Config.Paginate
	if per <= 0 {
		per = 10
	}
	home := s.Lang.Prefix + "/"

	for _, p := range s.Pages {
		d := &theme.Data{Site: s, Kind: theme.KindPage, URL: p.URL, Page: p, Title: p.Title,
			Section: sections[p.Section], Translations: ix.pageTranslations(p)}
		jobs = append(jobs, pageJob{out: htmlPath(p.URL), layout: pageLayout(th, p), data: d, source: p.Path})
		jobs = aliasJobs(jobs, s, p)
	}

	jobs = paginate(jobs, per, s.Listed(), &theme.Data{
		Site: s, Kind: theme.KindHome, URL: home, Page: s.Home,
		Translations: ix.listTranslations(s, homeURL),
	}, "index.html", sourceOf(s.Home, home))
	if s.Home != nil {
		jobs = aliasJobs(jobs, s, s.Home)
	}

	for _, sec := range s.Sections {
		jobs = paginate(jobs, per, sec.Pages, &theme.Data{
			Site: s, Kind: theme.KindSection, URL: sec.URL, Page: sec.Page, Title: theme.SectionTitle(sec), Section: sec,
			Translations: ix.listTranslations(s, sectionURL(sec.Name)),
		}, listLayout(th, sec.Name, "section.html"), sourceOf(sec.Page, sec.URL))
		if sec.Page != nil {
			jobs = aliasJobs(jobs, s, sec.Page)
		}
	}

	msgs := th.I18n(s.Lang.Code)
	for _, tx := range s.Taxonomies {
		if len(tx.Terms) == 0 {
			continue // nothing to list: no page, so no link leads to an empty one
		}
		title := theme.TitleCase(tx.Name)
		if msgs.Has(tx.Name) {
			title = msgs.T(tx.Name)
		}
		jobs = append(jobs, pageJob{
			out: htmlPath(tx.URL), layout: listLayout(th, tx.Name, "taxonomy.html"), source: tx.URL,
			data: &theme.Data{Site: s, Kind: theme.KindTaxonomy, URL: tx.URL, Title: title, Taxonomy: tx,
				Translations: ix.listTranslations(s, taxonomyURL(tx.Name))},
		})
		termLayout := listLayout(th, tx.Name, "term.html")
		for _, t := range tx.Terms {
			jobs = paginate(jobs, per, t.Pages, &theme.Data{
				Site: s, Kind: theme.KindTerm, URL: t.URL, Title: t.Name, Taxonomy: tx, Term: t,
				Translations: ix.listTranslations(s, termURL(tx.Name, t.Slug)),
			}, termLayout, t.URL)
		}
	}

	archives := archivesURL(s)
	jobs = append(jobs, pageJob{
		out: htmlPath(archives), layout: "archives.html", source: archives,
		data: &theme.Data{Site: s, Kind: theme.KindArchives, URL: archives, Title: msgs.T("archives"),
			Pages: s.Listed(), Years: archiveYears(s),
			Translations: ix.listTranslations(s, archivesURL)},
	})
	return jobs
}

// paginate adds the pager pages of one list. The list is built once by
// the caller and sliced here: recomputing it for each pager page would
// make a large site's build quadratic. Page 1 is at the list's URL, and
// "page/1/" redirects there.
func paginate(jobs []pageJob, per int, pages []*site.Page, list *theme.Data, layout, source string) []pageJob {
	total := max(1, (len(pages)+per-1)/per)
	for n := 1; n <= total; n++ {
		d := *list
		d.Pager = &theme.Pager{Number: n, Total: total, Items: len(pages), Base: list.URL}
		d.Pages = pages[(n-1)*per : min(n*per, len(pages))]
		d.URL = d.Pager.URL(n)
		jobs = append(jobs, pageJob{out: htmlPath(d.URL), layout: layout, data: &d, source: source})
	}
	return append(jobs, redirectJob(list.Site, list.URL+"page/1/", list.URL))
}

// aliasJobs adds a redirect page at each of p's aliases.
func aliasJobs(jobs []pageJob, s *site.Site, p *site.Page) []pageJob {
	for _, a := range p.Aliases {
		j := redirectJob(s, a, p.URL)
		j.source = p.Path
		jobs = append(jobs, j)
	}
	return jobs
}

// redirectJob is an alias page at from that sends readers (meta refresh,
// a link) and search engines (canonical) to the URL to.
func redirectJob(s *site.Site, from, to string) pageJob {
	return pageJob{
		out: htmlPath(from), layout: "alias.html", source: from,
		data: &theme.Data{Site: s, Kind: theme.KindAlias, URL: from, Target: theme.AbsURL(s.Config, to)},
	}
}

// htmlPath is the file that serves a site-relative URL: "/" ->
// "index.html", "/posts/x/" -> "posts/x/index.html", "/x.html" -> "x.html".
func htmlPath(u string) string {
	p := strings.TrimPrefix(path.Clean("/"+u), "/")
	if strings.HasSuffix(u, "/") || p == "" {
		return path.Join(p, "index.html")
	}
	if path.Ext(p) == "" {
		return path.Join(p, "index.html")
	}
	return p
}

func sourceOf(p *site.Page, fallback string) string {
	if p != nil {
		return p.Path
	}
	return fallback
}

// pageLayout picks a page's layout: front matter "layout: x" (x.html,
// first in the section's folder), else "<section>/page.html", else
// "page.html".
func pageLayout(th *theme.Theme, p *site.Page) string {
	if l, _ := p.Params["layout"].(string); l != "" {
		name := strings.TrimSuffix(l, ".html") + ".html"
		if p.Section != "" && th.Lookup(p.Section+"/"+name) {
			return p.Section + "/" + name
		}
		if th.Lookup(name) {
			return name
		}
	}
	return listLayout(th, p.Section, "page.html")
}

// listLayout prefers "<folder>/<name>" (a section's or taxonomy's own
// layout) to the general one.
func listLayout(th *theme.Theme, folder, name string) string {
	if folder != "" && th.Lookup(folder+"/"+name) {
		return folder + "/" + name
	}
	return name
}

// archiveYears groups the listed pages by year in the site's time zone, newest
// first; undated pages come last, as year 0.
func archiveYears(s *site.Site) []theme.Year {
	var out []theme.Year
	for _, p := range s.Listed() {
		y := 0
		if !p.Date.IsZero() {
			y = siteZone(s.Config, p.Date).Year()
		}
		if len(out) == 0 || out[len(out)-1].Year != y {
			out = append(out, theme.Year{Year: y})
		}
		last := &out[len(out)-1]
		last.Pages = append(last.Pages, p)
	}
	return out
}

// The URL of a list in one language, "" when that language has none.
func homeURL(s *site.Site) string     { return s.Lang.Prefix + "/" }
func archivesURL(s *site.Site) string { return s.Lang.Prefix + "/archives/" }

func sectionURL(name string) func(*site.Site) string {
	return func(s *site.Site) string {
		if sec := sectionOf(s, name); sec != nil {
			return sec.URL
		}
		return ""
	}
}

func taxonomyURL(name string) func(*site.Site) string {
	return func(s *site.Site) string {
		if tx := taxonomyOf(s, name); tx != nil && len(tx.Terms) > 0 {
			return tx.URL
		}
		return ""
	}
}

func termURL(taxonomy, slug string) func(*site.Site) string {
	return func(s *site.Site) string {
		if t := termOf(s, taxonomy, slug); t != nil {
			return t.URL
		}
		return ""
	}
}

func sectionOf(s *site.Site, name string) *site.Section {
	for _, sec := range s.Sections {
		if sec.Name == name {
			return sec
		}
	}
	return nil
}

func taxonomyOf(s *site.Site, name string) *site.Taxonomy {
	for _, tx := range s.Taxonomies {
		if tx.Name == name {
			return tx
		}
	}
	return nil
}

// termOf finds a term by slug: terms are sorted by slug, and a site with
// thousands of tags looks each one up in every other language.
func termOf(s *site.Site, taxonomy, slug string) *site.Term {
	tx := taxonomyOf(s, taxonomy)
	if tx == nil {
		return nil
	}
	i, ok := slices.BinarySearchFunc(tx.Terms, slug, func(t *site.Term, s string) int { return strings.Compare(t.Slug, s) })
	if !ok {
		return nil
	}
	return tx.Terms[i]
}

// langIndex finds a page's or a list's versions in the other languages.
type langIndex struct {
	sites     []*site.Site
	byLang    map[string]*site.Site
	published map[*site.Page]bool // every page rendered, so no link leads to a draft
}

func newLangIndex(sites []*site.Site) *langIndex {
	ix := &langIndex{sites: sites, byLang: make(map[string]*site.Site, len(sites)), published: map[*site.Page]bool{}}
	for _, s := range sites {
		ix.byLang[s.Lang.Code] = s
		for _, p := range s.Pages {
			ix.published[p] = true
		}
	}
	return ix
}

// pageTranslations are p's published translations, each with its language.
func (ix *langIndex) pageTranslations(p *site.Page) []theme.Translation {
	var out []theme.Translation
	for _, t := range p.Translations {
		if s := ix.byLang[t.Lang]; s != nil && t.Lang != p.Lang && ix.published[t] {
			out = append(out, theme.Translation{Lang: s.Lang, URL: t.URL})
		}
	}
	return out
}

// listTranslations are the same list in the other languages, where
// urlIn finds it ("" when that language has no such list).
func (ix *langIndex) listTranslations(s *site.Site, urlIn func(o *site.Site) string) []theme.Translation {
	var out []theme.Translation
	for _, o := range ix.sites {
		if o == s {
			continue
		}
		if u := urlIn(o); u != "" {
			out = append(out, theme.Translation{Lang: o.Lang, URL: u})
		}
	}
	return out
}

// pageBufs are reused between pages: a large site renders tens of thousands.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPageErrors bounds the errors reported: a broken template fails on every
// page, and ten thousand copies of one message help nobody.
const maxPageErrors = 20
