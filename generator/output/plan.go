package output

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"time"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// Every output kind turns the site into tasks: a task makes one or more
// files that are rendered together, and says what they show in two parts.
// Its static hash covers everything except the rendered bodies of pages
// (Page.HTML, Summary, TOC…): titles, URLs, dates, pager numbers, which
// pages are listed. Its bodies are the pages whose rendered body the
// files show. A Renderer reuses a task's files from the previous build
// when both parts are unchanged, which is how relais serve rebuilds an
// edited article without rendering the rest of the site.
//
// The rule that keeps this right: whatever a task's files show must be
// hashed by static or named in bodies. Each output kind states it in one
// place, beside the code that renders it (pageJob.static, feedList.static,
// sitemap and social tasks).
type task struct {
	kind   string                // the outputs row: "pages", "sitemap", "feeds", "social"
	key    string                // unique among tasks: its first file
	static func(d *digest)       // hashes what the files show apart from page bodies
	bodies []*site.Page          // pages whose rendered body the files show
	social *site.Site            // the files show this language's social excerpts
	reach  func() int            // with social: the files show only its first reach() articles; nil: all
	opaque bool                  // the templates may show any page: depends on every body
	run    func(w *Writer) error // writes the files
}

// Versions tells a Renderer when a page changed. meta changes when
// anything the page says changes except its rendered body: front matter,
// title, URL, share image, resources. body changes when the rendered body
// (HTML, TOC, Summary, SummaryHTML, Truncated, FirstImage, WordCount,
// ReadingTime) does. Equal numbers promise equal contents; numbers are
// only compared for the page at the same path.
type Versions func(p *site.Page) (meta, body uint64)

// plan is one build's tasks and what they share.
type plan struct {
	sites   []*site.Site
	th      *theme.Theme
	extra   Extra
	ix      *langIndex
	commons map[*site.Site]*theme.Common
	warns   []*site.Error
	items   *itemCache
	social  *socialCache
	socials map[*site.Site]*socialSet // the excerpts of each language, filled by planSocial
	allMeta uint64                    // every page's meta version, for opaque templates
}

func newPlan(sites []*site.Site, th *theme.Theme, extra Extra, r *Renderer) *plan {
	p := &plan{sites: sites, th: th, extra: extra, ix: newLangIndex(sites), socials: map[*site.Site]*socialSet{}}
	p.newCommons()
	if r != nil {
		p.items, p.social = r.items, r.social
		p.items.versions, p.social.versions = extra.Versions, extra.Versions
	} else {
		p.items, p.social = newItemCache(nil), newSocialCache(nil)
	}
	return p
}

// newCommons starts the per-language caches of rendered fragments afresh:
// a fragment (a list entry) may show a page body that changed.
func (p *plan) newCommons() {
	p.commons = make(map[*site.Site]*theme.Common, len(p.sites))
	for _, s := range p.sites {
		p.commons[s] = theme.NewCommon(s)
	}
}

func (p *plan) typography() func(lang, s string) string { return p.extra.Typography }

// every page of the site, for opaque templates.
func (p *plan) allPages() []*site.Page {
	var out []*site.Page
	for _, s := range p.sites {
		if s.Home != nil {
			out = append(out, s.Home)
		}
		out = append(out, s.Pages...)
		for _, sec := range s.Sections {
			if sec.Page != nil {
				out = append(out, sec.Page)
			}
		}
	}
	return out
}

// digest hashes a task's inputs. The hash only lives as long as the
// process: it compares one build of relais serve with the next.
type digest struct {
	h    maphash.Hash
	p    *plan
	buf  [8]byte
	site map[*site.Site]uint64
}

var seed = maphash.MakeSeed()

func newDigest(p *plan) *digest {
	d := &digest{p: p}
	d.h.SetSeed(seed)
	return d
}

func (d *digest) str(ss ...string) {
	for _, s := range ss {
		d.h.WriteString(s)
		d.h.WriteByte(0)
	}
}

func (d *digest) num(ns ...int) {
	for _, n := range ns {
		d.u64(uint64(n))
	}
}

func (d *digest) u64(n uint64) {
	binary.LittleEndian.PutUint64(d.buf[:], n)
	d.h.Write(d.buf[:])
}

func (d *digest) flag(b bool) {
	if b {
		d.h.WriteByte(1)
	} else {
		d.h.WriteByte(0)
	}
}

func (d *digest) time(t time.Time) {
	b, _ := t.MarshalBinary()
	d.h.Write(b)
}

// page hashes which page it is and its meta version (not its body).
func (d *digest) page(pg *site.Page) {
	if pg == nil {
		d.str("-")
		return
	}
	d.str(pg.Path)
	if d.p.extra.Versions != nil {
		meta, _ := d.p.extra.Versions(pg)
		d.u64(meta)
	}
}

func (d *digest) pages(ps []*site.Page) {
	d.num(len(ps))
	for _, pg := range ps {
		d.page(pg)
	}
}

func (d *digest) sum() uint64 { return d.h.Sum64() }

// siteStatic hashes what every page of one language shows: the language
// and its neighbours, the menu, the year of the copyright.
func (p *plan) siteStatic(d *digest, s *site.Site) {
	if s == nil {
		d.str("no site")
		return
	}
	lang := func(l *site.Language) {
		if l == nil {
			d.str("-")
			return
		}
		d.str(l.Code, l.Locale, l.Title, l.Description, l.Prefix)
		d.num(l.Weight)
		d.flag(l.Default)
	}
	lang(s.Lang)
	d.num(len(s.Languages))
	for _, l := range s.Languages {
		lang(l)
	}
	d.num(s.Now.Year())
	if s.Now.IsZero() && len(s.Pages) > 0 {
		d.page(s.Pages[0])
	}
	data := &theme.Data{Site: s, Common: p.commons[s]}
	for _, m := range data.Menu() {
		d.str(m.Name, m.URL)
	}
}

// fingerprint is the task's static hash mixed with its bodies' versions.
func (p *plan) fingerprint(t *task, static uint64, bodies map[*site.Site]uint64, social map[*site.Site]uint64) uint64 {
	d := newDigest(p)
	d.u64(static)
	for _, pg := range t.bodies {
		_, b := p.extra.Versions(pg)
		d.str(pg.Path)
		d.u64(b)
	}
	if t.opaque {
		d.u64(bodies[nil])
	}
	if t.social != nil {
		if t.reach != nil {
			d.u64(p.socials[t.social].prefixDigest(p, t.reach()))
		} else {
			d.u64(social[t.social])
		}
	}
	return d.sum()
}

// bodiesDigest hashes the body version of every page, for opaque templates.
func (p *plan) bodiesDigest() uint64 {
	d := newDigest(p)
	for _, pg := range p.allPages() {
		_, b := p.extra.Versions(pg)
		d.str(pg.Path)
		d.u64(b)
	}
	return d.sum()
}

func (p *plan) metaDigest() uint64 {
	d := newDigest(p)
	for _, pg := range p.allPages() {
		d.page(pg)
	}
	return d.sum()
}

// errorsOf joins the errors of one output kind's tasks, in task order;
// pages stop at maxPageErrors: a broken template fails on every page, and
// ten thousand copies of one message help nobody.
func errorsOf(kind string, errs []error) error {
	var out []error
	failed := 0
	for _, err := range errs {
		if err == nil {
			continue
		}
		failed++
		if kind != "pages" || len(out) < maxPageErrors {
			out = append(out, err)
		}
	}
	if failed > len(out) {
		out = append(out, fmt.Errorf("… and %d more pages failed", failed-len(out)))
	}
	return errors.Join(out...)
}

// runTasks runs tasks on GOMAXPROCS goroutines, each into its own
// Writer, and returns the writers and the errors, in task order.
func runTasks(tasks []*task, p *plan) ([]*Writer, []error) {
	ws := make([]*Writer, len(tasks))
	errs := make([]error, len(tasks))
	// The few large files (the social exports, the feeds, the sitemap)
	// first, the many small pages after: a large file started last would
	// leave the other workers idle at the end.
	order := make([]int, 0, len(tasks))
	for _, first := range []bool{true, false} {
		for i, t := range tasks {
			if (t.kind != "pages") == first {
				order = append(order, i)
			}
		}
	}
	parallelFor(len(tasks), func(i int) {
		i = order[i]
		w := &Writer{files: make(Files, 1), Typography: p.extra.Typography, base: p.extra.Files, emit: p.extra.Emit}
		errs[i] = tasks[i].run(w)
		ws[i] = w
	})
	return ws, errs
}

func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}
