// Package output turns the site model and a theme into Files: every page,
// feed, sitemap and social export relais writes. Nothing here touches the
// disk; publish writes the Files, serve serves them.
package output

import (
	"errors"
	"fmt"
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
}

// NewWriter returns an empty Writer.
func NewWriter() *Writer { return &Writer{files: Files{}} }

// Add stores one file.
func (w *Writer) Add(path string, data []byte) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, dup := w.files[path]; dup {
		w.errs = append(w.errs, fmt.Errorf("output: %s written twice", path))
		return
	}
	w.files[path] = data
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
}

// outputs is everything relais writes. A new output is one file and one row.
var outputs = []struct {
	name   string
	render func([]*site.Site, *theme.Theme, *Writer) error
}{
	{"pages", renderPages},     // pages.go: home, articles, sections, terms, archive, 404, aliases
	{"sitemap", renderSitemap}, // sitemap.go: sitemap.xml, robots.txt
	{"feeds", renderFeeds},     // feeds.go: RSS, Atom, JSON Feed
	{"social", renderSocial},   // social.go: excerpts per platform, scheduler exports
}

// Render renders the site, one *site.Site per language (default first), with the theme.
// It returns the files and the warnings the outputs found (an excerpt
// written by hand that is over a platform's limit, for one).
func Render(sites []*site.Site, th *theme.Theme, extra Extra) (Files, []*site.Error, error) {
	w := NewWriter()
	w.Typography = extra.Typography
	for p, b := range extra.Files {
		w.Add(p, b)
	}
	for p, b := range extra.CSS {
		w.Add(p, b)
	}
	var errs []error
	for _, o := range outputs {
		if err := o.render(sites, th, w); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", o.name, err))
		}
	}
	errs = append(errs, w.errs...)
	site.SortErrors(w.warns)
	if len(errs) > 0 {
		return nil, w.warns, errors.Join(errs...)
	}
	return w.files, w.warns, nil
}
