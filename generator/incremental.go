package generator

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/relais/relais/generator/card"
	"github.com/relais/relais/generator/config"
	"github.com/relais/relais/generator/content"
	"github.com/relais/relais/generator/markdown"
	"github.com/relais/relais/generator/output"
	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// Builder builds one site again and again, as relais serve does after
// each save, and redoes only what the changed files touch. Every build
// gives exactly the files a fresh Build would; only the work differs:
//
//   - config.toml (or a path it cannot place): everything, as a first build;
//   - a Markdown file: it is parsed and converted again, and if only its
//     body changed, the site model stays as it is and only the files
//     showing that body are rendered again (the article, the list pages
//     and feeds that show it, the social exports if its excerpts moved);
//   - anything else under content/, a changed title, date or tag, static/,
//     a template: the site model is built afresh from the kept parse and
//     Markdown results, and each output file is rendered again only if
//     what it shows changed (see output.Renderer).
//
// A Builder is not safe for concurrent use. The Results it returns share
// the site model, which later builds update.
type Builder struct {
	opt Options
	st  *state // nil before the first build and after a failed config
}

// NewBuilder returns a Builder for the builds opt describes.
func NewBuilder(opt Options) *Builder { return &Builder{opt: opt} }

// state is what a Builder keeps between builds of one configuration.
type state struct {
	cfg      *site.Config
	cfgWarns []*site.Error
	md       *markdown.Markdown
	ty       func(lang, s string) string
	css      []byte
	loader   *content.Loader
	renderer *output.Renderer
	cards    card.Cache

	rendered map[string]*rendered // Markdown results by page path
	versions map[string]*version  // by page path
	counter  uint64               // the last version number given

	themeStale bool
	th         *theme.Theme
	thErr      error
	thStatic   map[string][]byte
	layouts    map[string]uint64
	opaque     bool

	read map[string][]byte // static/ and bundle files by source path

	// The last good build, which a body edit updates in place.
	good                bool
	sites               []*site.Site
	all                 []*site.Page // every page built, in languages the site has or not
	byPath              map[string]*site.Page
	urls                map[string]string // page path -> URL, for links between pages
	now                 time.Time
	warns               []*site.Error // config, content, Markdown and image warnings
	pages               int
	lastWarns, outWarns []*site.Error // the last build's warnings, and those of its outputs
	mode                string        // how the last build went: "full", "site" or "body", for tests and profiles
}

// version is one page's meta and body versions, and the page they were
// given for (see output.Versions).
type version struct {
	meta, body uint64
	page       *site.Page
}

// Build builds the site in src after the files named in changed were
// saved, created or deleted: slash paths from the site root
// ("content/posts/x.md"). nil means anything may have changed, and
// rebuilds everything. The Result's Changed lists the output files whose
// bytes differ from the previous good build.
func (b *Builder) Build(src fs.FS, changed []string) (*Result, error) {
	opt := b.opt
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	var ch changes
	if changed == nil || b.st == nil {
		ch.all = true
	} else {
		ch = classify(changed)
	}
	if ch.all {
		b.st = nil
		cfg, warns, err := config.Load(src)
		if err != nil {
			return &Result{Warnings: warns}, err
		}
		cfg.PublishURL = cfg.BaseURL
		if opt.BaseURL != "" {
			cfg.BaseURL = withSlash(opt.BaseURL)
		}
		st := &state{cfg: cfg, cfgWarns: warns, md: markdown.New(markdownOptions(cfg)), ty: Typography(cfg),
			loader: content.NewLoader(cfg), renderer: output.NewRenderer(), rendered: map[string]*rendered{},
			versions: map[string]*version{}, themeStale: true, read: map[string][]byte{}}
		if cfg.Markup.Highlight.Enabled {
			st.css = st.md.CSS()
		}
		if opt.Root != "" && !cfg.Cards.Disabled {
			st.cards = card.DirCache(filepath.Join(opt.Root, filepath.FromSlash(cfg.Cards.CacheDir)))
		}
		st.cards = &memCache{next: st.cards, m: map[string][]byte{}}
		st.loader.Update(src, nil)
		b.st = st
		return b.st.build(src, opt, ch, true)
	}
	st := b.st
	if ch.theme {
		st.themeStale = true
	}
	for p := range st.read {
		if ch.touches(p) {
			delete(st.read, p)
		}
	}
	upd := st.loader.Update(src, ch.content)
	structure := upd.Structure || ch.theme || ch.static || !st.good
	if !structure {
		if res, ok, err := st.refresh(src, opt, upd.Body); ok {
			return res, err
		}
	}
	return st.build(src, opt, ch, true)
}

// changes sorts a batch of changed paths by what they touch.
type changes struct {
	all     bool     // config.toml, or a path outside what a site holds
	content []string // under content/
	static  bool
	theme   bool // layouts/, themes/, i18n/
	paths   []string
}

func classify(changed []string) changes {
	var ch changes
	for _, p := range changed {
		p = path.Clean(filepath.ToSlash(p))
		ch.paths = append(ch.paths, p)
		top, _, _ := strings.Cut(p, "/")
		switch top {
		case "content":
			ch.content = append(ch.content, p)
		case "static":
			ch.static = true
		case "layouts", "i18n":
			ch.theme = true
		case "themes":
			ch.theme, ch.static = true, true
		default:
			ch.all = true
		}
	}
	return ch
}

// touches reports whether the source file f is among the changed paths
// or under one of them.
func (ch changes) touches(f string) bool {
	for _, p := range ch.paths {
		if f == p || strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}

// refresh is the build after only the bodies of Markdown files changed:
// the site model of the last good build stays, each edited page gets its
// new body, and the outputs showing it are rendered again. ok is false
// when the edit turns out to change more (a title taken from the first
// heading, a clock that publishes a page): build then does the rest.
func (st *state) refresh(src fs.FS, opt Options, paths []string) (res *Result, ok bool, err error) {
	if !st.loader.Settled(content.Options{Drafts: opt.Drafts, Future: opt.Future, Expired: opt.Expired}, st.now, opt.Now) ||
		st.now.Year() != opt.Now.Year() {
		return nil, false, nil
	}
	type edit struct {
		page *site.Page
		r    *rendered
	}
	var edits []edit
	for _, p := range paths {
		page := st.byPath[p]
		if page == nil {
			continue // not published: it shows nowhere
		}
		parsed, _ := st.loader.Parsed(p)
		body := st.loader.TakeBody(p)
		if parsed == nil || body == nil {
			return nil, false, nil
		}
		in := *parsed
		in.Body = body
		edits = append(edits, edit{page, renderPage(st.md, st.ty, &in, st.urls)})
	}
	sameWarnings := true
	for _, e := range edits {
		if old := st.rendered[e.page.Path]; old == nil || !sameErrorList(old.warns, e.r.warns) {
			sameWarnings = false
		}
		st.keepRendered(e.page.Path, e.r)
	}
	for _, e := range edits {
		if !e.r.sameMeta(st.current(e.page)) {
			return nil, false, nil // the next build applies the kept rendering
		}
	}
	var pages []*site.Page
	for _, e := range edits {
		e.r.apply(e.page)
		v := st.versions[e.page.Path]
		if v.body != e.r.body {
			v.body = e.r.body
			pages = append(pages, e.page)
		}
	}
	for _, s := range st.sites {
		s.Now = opt.Now
	}
	st.now, st.mode = opt.Now, "body"
	res = &Result{Sites: st.sites, Pages: st.pages}
	files, changed, warns, err := st.renderer.Refresh(pages)
	if !sameWarnings || len(warns) != len(st.outWarns) || len(warns) > 0 && &warns[0] != &st.outWarns[0] {
		st.lastWarns = sortErrors(append(st.allWarnings(), warns...))
		st.outWarns = warns
	}
	res.Warnings = st.lastWarns
	if err != nil {
		st.good = false
		return res, true, err
	}
	if changed == nil {
		changed = []string{}
	}
	res.Files, res.Changed, res.Deferred = files, changed, deferred(st.renderer.Deferred())
	res.Rendered = st.renderer.Rendered()
	return res, true, nil
}

func sameErrorList(a, b []*site.Error) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Error) bool { return x.Error() == y.Error() })
}

// current is the rendering the page was last built with.
func (st *state) current(p *site.Page) *rendered {
	return &rendered{ok: true, title: p.Title, titleFromH1: p.TitleFromH1, description: p.Description}
}

// keepRendered stores a page's rendering, giving it a new body version
// when its body differs from the one it replaces.
func (st *state) keepRendered(path string, r *rendered) {
	old := st.rendered[path]
	if r.sameBody(old) {
		r.body = old.body
	} else {
		st.counter++
		r.body = st.counter
	}
	st.rendered[path] = r
}

// allWarnings are the warnings of the stages before the outputs, with the
// Markdown warnings as the pages are now.
func (st *state) allWarnings() []*site.Error {
	out := slices.Clone(st.warns)
	for _, p := range st.all {
		if r := st.rendered[p.Path]; r != nil {
			out = append(out, r.warns...)
		}
	}
	return out
}

// build runs the whole pipeline on the kept results: the site model
// afresh, and what did not change taken from the last build.
func (st *state) build(src fs.FS, opt Options, ch changes, retry bool) (*Result, error) {
	st.good, st.mode = false, "site"
	if ch.all {
		st.mode = "full"
	}
	cfg := st.cfg
	warns := slices.Clone(st.cfgWarns)
	var errs []error
	keep := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	pages, w, err := st.loader.Pages(content.Options{Drafts: opt.Drafts, Future: opt.Future, Expired: opt.Expired, Now: opt.Now})
	warns = append(warns, w...)
	keep(err)

	// Markdown: pages parsed since the last build have their body; the
	// others take their kept rendering unless a link in them now leads
	// elsewhere, and then are read again.
	urls := make(map[string]string, len(pages))
	for _, p := range pages {
		urls[p.Path] = p.URL
	}
	var todo []*site.Page
	for _, p := range pages {
		if p.Body != nil {
			todo = append(todo, p)
		}
	}
	fresh := make([]*rendered, len(todo))
	parallel(len(todo), func(i int) { fresh[i] = renderPage(st.md, st.ty, todo[i], urls) })
	for i, p := range todo {
		st.keepRendered(p.Path, fresh[i])
	}
	var reread []string
	for _, p := range pages {
		if r := st.rendered[p.Path]; p.Body == nil && (r == nil || !r.valid(urls)) {
			reread = append(reread, p.Path)
		}
	}
	if len(reread) > 0 {
		if !retry {
			return nil, fmt.Errorf("relais: the body of %s could not be read again", reread[0])
		}
		for _, p := range reread {
			delete(st.rendered, p)
		}
		st.loader.Update(src, reread)
		return st.build(src, opt, ch, false)
	}
	var mdWarns []*site.Error
	for _, p := range pages {
		r := st.rendered[p.Path]
		r.apply(p)
		mdWarns = append(mdWarns, r.warns...)
	}

	if st.themeStale {
		st.th, st.thErr = theme.Load(src, cfg.Theme, cfg)
		st.layouts, st.opaque = layoutDigests(src, cfg)
		st.thStatic = nil
		if st.th != nil {
			st.thStatic, st.thErr = st.th.Static()
			if st.thErr != nil {
				st.th = nil
			}
		}
		st.themeStale = false
	}
	keep(st.thErr)

	files, err := st.assets(src, pages)
	keep(err)
	w, err = shareImages(src, cfg, pages, files, st.cards)
	warns = append(warns, w...)
	keep(err)

	sites := site.New(cfg, pages, opt.Now)
	res := &Result{Sites: sites, Pages: len(pages), Warnings: sortErrors(append(slices.Clone(warns), mdWarns...))}
	if len(errs) > 0 || st.th == nil {
		return res, sortedJoin(errs)
	}
	st.newVersions(pages)
	out, changed, w, err := st.renderer.Render(sites, st.th, output.Extra{
		Files: files, Typography: st.ty, Versions: st.version, Layouts: st.layouts, Opaque: st.opaque, Emit: opt.Emit, Defer: opt.Defer,
	})
	res.Warnings = sortErrors(append(res.Warnings, w...))
	if err != nil {
		return res, err
	}
	st.lastWarns, st.outWarns = res.Warnings, w
	res.Files, res.Changed, res.Deferred = out, changed, deferred(st.renderer.Deferred())
	res.Rendered = st.renderer.Rendered()
	st.good, st.sites, st.urls, st.now, st.warns, st.pages = true, sites, urls, opt.Now, warns, len(pages)
	st.all = pages
	st.byPath = make(map[string]*site.Page, len(pages))
	for _, p := range pages {
		st.byPath[p.Path] = p
	}
	return res, nil
}

// newVersions gives each page its versions for this build: the meta
// version moves when the page says anything new besides its body.
func (st *state) newVersions(pages []*site.Page) {
	seen := make(map[string]bool, len(pages))
	for _, p := range pages {
		seen[p.Path] = true
		v := st.versions[p.Path]
		if v == nil {
			v = &version{}
			st.versions[p.Path] = v
		}
		if v.page == nil || !sameMeta(v.page, p) {
			st.counter++
			v.meta = st.counter
		}
		v.body, v.page = st.rendered[p.Path].body, p
	}
	for p := range st.versions {
		if !seen[p] {
			delete(st.versions, p)
		}
	}
	for p := range st.rendered {
		// An unpublished page may come back: only a page the content
		// folder no longer has loses its rendering.
		if parsed, _ := st.loader.Parsed(p); !seen[p] && parsed == nil {
			delete(st.rendered, p)
		}
	}
}

// version is output.Versions for the pages of the last build.
func (st *state) version(p *site.Page) (meta, body uint64) {
	v := st.versions[p.Path]
	if v == nil {
		return 0, 0
	}
	return v.meta, v.body
}

// assets is assets() with the files read once and kept until they change.
func (st *state) assets(src fs.FS, pages []*site.Page) (map[string][]byte, error) {
	files := maps.Clone(st.thStatic)
	if files == nil {
		files = map[string][]byte{}
	}
	if st.css != nil {
		files["css/highlight.css"] = st.css
	}
	copies, err := st.loader.Static(src, pages)
	if err != nil {
		return nil, err
	}
	var errs site.Errors
	for out, in := range copies {
		b, ok := st.read[in]
		if !ok {
			b, err = fs.ReadFile(src, in)
			if err != nil {
				errs.Add(in, 0, "%v", err)
				continue
			}
			st.read[in] = b
		}
		files[out] = b
	}
	used := make(map[string]bool, len(copies))
	for _, in := range copies {
		used[in] = true
	}
	for in := range st.read {
		if !used[in] {
			delete(st.read, in)
		}
	}
	return files, errs.Err()
}

// memCache keeps drawn cards in memory in front of the card cache, so
// that a rebuild draws and reads only the cards of changed pages.
type memCache struct {
	next card.Cache
	mu   sync.Mutex
	m    map[string][]byte
}

func (c *memCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	b, ok := c.m[key]
	c.mu.Unlock()
	if ok || c.next == nil {
		return b, ok
	}
	if b, ok = c.next.Get(key); ok {
		c.mu.Lock()
		c.m[key] = b
		c.mu.Unlock()
	}
	return b, ok
}

func (c *memCache) Put(key string, data []byte) {
	c.mu.Lock()
	c.m[key] = data
	c.mu.Unlock()
	if c.next != nil {
		c.next.Put(key, data)
	}
}
