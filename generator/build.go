// Package generator runs the pipeline: config, content, markdown, site,
// theme, output. Read Build first: it is the whole pipeline on one screen.
package generator

import (
	"cmp"
	"errors"
	"io/fs"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/relais/relais/generator/output"
	"github.com/relais/relais/generator/site"
)

// Options are the command-line choices of one build. The zero value
// builds the production site.
type Options struct {
	BaseURL                 string    // overrides config.toml's baseURL (serve uses the local address)
	Drafts, Future, Expired bool      // -D -F -E
	Now                     time.Time // the build's clock; zero means time.Now()
	Root                    string    // the site folder on disk, home of the card cache ([cards] cacheDir); "" draws every card anew

	// Emit, when set, receives every output file as soon as it is made,
	// from several goroutines at once, and Result.Files then holds paths
	// only: relais build streams the site into publish.Stage while it
	// renders, and never holds the whole site in memory. data is only
	// valid during the call; an error fails the build. For one-shot
	// builds: a Builder given Emit renders everything every time.
	Emit func(path string, data []byte) error

	// Defer leaves the social exports that hold every article to be
	// rendered when first asked for: they are in Result.Deferred, not in
	// Result.Files (see output.Extra.Defer). relais serve defers them.
	Defer bool
}

// Result is a finished build.
type Result struct {
	Files    output.Files
	Sites    []*site.Site // one per language, default first
	Pages    int          // pages rendered from content
	Warnings []*site.Error
	// Changed lists the files added, removed or changed since the
	// previous good build of the same Builder; nil when anything may have
	// changed (a first build, a new config.toml).
	Changed []string
	// Rendered is how many output files this build rendered: every one
	// on a first build, those an edit touched afterwards.
	Rendered int
	// Deferred are the files left to render when asked for, with
	// Options.Defer: each function renders its file once.
	Deferred map[string]func() ([]byte, error)
}

// Build runs the whole pipeline over the site in src. Errors are reported
// all at once (every bad file, every bad template), sorted by file and line.
//
// The pipeline, stage by stage (see Builder.Build and state.build, which
// relais serve runs again after each save):
//
//	config.Load        config.toml
//	content.Loader     content/**/*.md -> pages (front matter, URLs, translations)
//	renderPage         Markdown -> HTML, TOC, summary, title
//	theme.Load         layouts, translations
//	assets             static/, bundle files, theme files
//	shareImages        each page's share image: its own, or a drawn card
//	site.New           sections, taxonomies, ordering, prev/next
//	output.Renderer    pages, sitemap, feeds, social exports
func Build(src fs.FS, opt Options) (*Result, error) {
	return NewBuilder(opt).Build(src, nil)
}

// parallel runs f(i) for i in [0, n) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next sync.WaitGroup
	ch := make(chan int, workers)
	for range workers {
		next.Go(func() {
			for i := range ch {
				f(i)
			}
		})
	}
	for i := range n {
		ch <- i
	}
	close(ch)
	next.Wait()
}

// sortedJoin flattens the errors of every stage and sorts the positioned
// ones by file and line, so one run reads like a compiler's error list.
func sortedJoin(errs []error) error {
	var flat []error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		flat = append(flat, err)
	}
	for _, e := range errs {
		walk(e)
	}
	slices.SortStableFunc(flat, func(a, b error) int {
		var sa, sb *site.Error
		okA, okB := errors.As(a, &sa), errors.As(b, &sb)
		switch {
		case okA && okB:
			return cmp.Or(cmp.Compare(sa.Path, sb.Path), cmp.Compare(sa.Line, sb.Line))
		case okA:
			return -1
		case okB:
			return 1
		}
		return 0
	})
	return errors.Join(flat...)
}

func sortErrors(l []*site.Error) []*site.Error {
	site.SortErrors(l)
	return l
}

func withSlash(s string) string {
	if s != "" && s[len(s)-1] != '/' {
		return s + "/"
	}
	return s
}

// deferred turns the Renderer's deferred files into functions.
func deferred(d output.Deferred) map[string]func() ([]byte, error) {
	if len(d) == 0 {
		return nil
	}
	out := make(map[string]func() ([]byte, error), len(d))
	for path, l := range d {
		out[path] = l.Bytes
	}
	return out
}
