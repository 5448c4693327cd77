// Package output turns the site model and a theme into Files: every page,
// feed, sitemap and social export relais writes. Nothing here touches the
// disk; publish writes the Files, serve serves them.
package output

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// Files maps slash paths under public/ to their bytes.
type Files map[string][]byte

// Writer collects files from parallel renderers. Two writes to one path
// are a bug in relais or a URL collision the content stage missed: both are
// reported rather than one silently winning.
type Writer struct {
	mu    sync.Mutex
	files Files
	errs  []error
	warns []*site.Error

	// Typography is the language-aware typography pass for text the
	// outputs compose themselves (social excerpts); nil leaves text as is.
	Typography func(lang, s string) string

	base Files // files already there (static/), for has; not written

	emit func(path string, data []byte) error // see Extra.Emit
	lazy map[string]*Lazy                     // files deferred (see Extra.Defer)
}

// Lazy is a file rendered when it is first asked for (see Extra.Defer).
type Lazy struct {
	once   sync.Once
	render func() ([]byte, error)
	data   []byte
	err    error
}

// Bytes renders the file the first time, and returns it.
func (l *Lazy) Bytes() ([]byte, error) {
	l.once.Do(func() { l.data, l.err = l.render(); l.render = nil })
	return l.data, l.err
}

// Defer records a file to render when it is asked for (see Extra.Defer).
func (w *Writer) Defer(path string, render func() ([]byte, error)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, dup := w.files[path]; dup {
		w.errs = append(w.errs, fmt.Errorf("output: %s written twice", path))
		return
	}
	if w.lazy == nil {
		w.lazy = map[string]*Lazy{}
	}
	w.files[path] = nil
	w.lazy[path] = &Lazy{render: render}
}

// NewWriter returns an empty Writer.
func NewWriter() *Writer { return &Writer{files: Files{}} }

// Add stores one file; data must not change afterwards.
func (w *Writer) Add(path string, data []byte) {
	w.add(path, data, false)
}

// AddCopy stores a copy of data, so the caller may reuse its buffer.
func (w *Writer) AddCopy(path string, data []byte) {
	w.add(path, data, true)
}

func (w *Writer) add(path string, data []byte, scratch bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, dup := w.files[path]; dup {
		w.errs = append(w.errs, fmt.Errorf("output: %s written twice", path))
		return
	}
	if w.emit != nil {
		// Streamed: only the path is kept, for the checks of the whole site.
		w.files[path] = nil
		if err := w.emit(path, data); err != nil {
			w.errs = append(w.errs, err)
		}
		return
	}
	if scratch {
		data = bytes.Clone(data)
	}
	w.files[path] = data
}

// list returns the files written, by path.
func (w *Writer) list() []file {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]file, 0, len(w.files))
	for _, p := range slices.Sorted(maps.Keys(w.files)) {
		out = append(out, file{p, w.files[p], w.lazy[p]})
	}
	return out
}

// Warn records a warning about one input file.
func (w *Writer) Warn(e *site.Error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.warns = append(w.warns, e)
}

// Extra is what build.go hands to the outputs besides the model.
type Extra struct {
	CSS   map[string][]byte // extra stylesheets to write ("css/highlight.css")
	Files map[string][]byte // files copied as they are (static/, bundle resources, cards)

	Typography func(lang, s string) string // see Writer.Typography

	// Defer leaves the social exports that hold every article (index.json,
	// Publer's files) to be rendered when first asked for: the Renderer
	// lists them in Deferred instead of Files. relais serve defers them:
	// they are a hundred megabytes and more on a large site, written
	// again whenever an edit changes an article's excerpts, and seldom
	// looked at while writing.
	Defer bool

	// Emit, when set, receives each file as soon as it is rendered, from
	// several goroutines at once, and the Files returned hold paths only
	// (nil bytes): relais build streams the site to disk while it renders
	// instead of holding it all in memory. data is only valid during the
	// call. A Renderer given Emit keeps nothing for the next build.
	Emit func(path string, data []byte) error

	// What a Renderer needs to tell what changed since its previous build.

	// Versions tells when a page changed; nil renders every file.
	Versions Versions
	// Layouts fingerprints each page layout with everything it may run:
	// its own file in every layer, baseof.html, the partials, the
	// translations. A template change renders again the pages that use it.
	Layouts map[string]uint64
	// Opaque says that the templates may show pages other than those the
	// data of each page holds (they read .Site.Pages, say): then every
	// HTML file depends on every page.
	Opaque bool
}

// outputs is everything relais writes. A new output is one file and one
// row: its plan function turns the site into tasks (see task).
var outputs = []struct {
	name string
	plan func(p *plan) ([]*task, error)
}{
	{"pages", planPages},     // pages.go: home, articles, sections, terms, archive, 404, aliases
	{"sitemap", planSitemap}, // sitemap.go: sitemap.xml, robots.txt
	{"feeds", planFeeds},     // feeds.go: RSS, Atom, JSON Feed
	{"social", planSocial},   // social.go: excerpts per platform, scheduler exports
}

// renderOne runs one output's tasks into w, as the whole build would:
// for the tests of each output.
func renderOne(plan func(p *plan) ([]*task, error), name string, sites []*site.Site, th *theme.Theme, w *Writer) error {
	p := newPlan(sites, th, Extra{Typography: w.Typography, Files: w.files}, nil)
	tasks, err := plan(p)
	for _, e := range p.warnings() {
		w.Warn(e)
	}
	if err != nil {
		return err
	}
	ws, errs := runTasks(tasks, p)
	for _, tw := range ws {
		for _, f := range tw.list() {
			w.Add(f.path, f.data)
		}
	}
	return errorsOf(name, errs)
}

func renderPages(sites []*site.Site, th *theme.Theme, w *Writer) error {
	return renderOne(planPages, "pages", sites, th, w)
}

func renderSitemap(sites []*site.Site, th *theme.Theme, w *Writer) error {
	return renderOne(planSitemap, "sitemap", sites, th, w)
}

func renderFeeds(sites []*site.Site, th *theme.Theme, w *Writer) error {
	return renderOne(planFeeds, "feeds", sites, th, w)
}

func renderSocial(sites []*site.Site, th *theme.Theme, w *Writer) error {
	return renderOne(planSocial, "social", sites, th, w)
}
