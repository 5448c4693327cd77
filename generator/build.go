// Package generator runs the pipeline: config, content, markdown, site,
// theme, output. Read Build first: it is the whole pipeline on one screen.
package generator

import (
	"cmp"
	"errors"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
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

// Options are the command-line choices of one build. The zero value
// builds the production site.
type Options struct {
	BaseURL                 string    // overrides config.toml's baseURL (serve uses the local address)
	Drafts, Future, Expired bool      // -D -F -E
	Now                     time.Time // the build's clock; zero means time.Now()
	Root                    string    // the site folder on disk, home of the card cache ([cards] cacheDir); "" draws every card anew
}

// Result is a finished build.
type Result struct {
	Files    output.Files
	Sites    []*site.Site // one per language, default first
	Pages    int          // pages rendered from content
	Warnings []*site.Error
}

// Build runs the whole pipeline over the site in src. Errors are reported
// all at once (every bad file, every bad template), sorted by file and line.
func Build(src fs.FS, opt Options) (*Result, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	cfg, warns, err := config.Load(src)
	if err != nil {
		return &Result{Warnings: warns}, err
	}
	if opt.BaseURL != "" {
		cfg.BaseURL = withSlash(opt.BaseURL)
	}
	var errs []error
	keep := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	pages, w, err := content.Load(src, cfg, content.Options{Drafts: opt.Drafts, Future: opt.Future, Expired: opt.Expired, Now: opt.Now})
	warns = append(warns, w...)
	keep(err)

	md := markdown.New(markdownOptions(cfg))
	warns = append(warns, renderMarkdown(md, cfg, pages)...) // fills HTML, TOC, Summary, Title

	th, err := theme.Load(src, cfg.Theme, cfg)
	keep(err)

	files, w, err := assets(src, cfg, pages, th, md) // static/, bundle files, theme files
	warns = append(warns, w...)
	keep(err)

	var cache card.Cache
	if opt.Root != "" && !cfg.Cards.Disabled {
		cache = card.DirCache(filepath.Join(opt.Root, filepath.FromSlash(cfg.Cards.CacheDir)))
	}
	w, err = shareImages(src, cfg, pages, files, cache) // own image or a drawn card
	warns = append(warns, w...)
	keep(err)

	sites := site.New(cfg, pages, opt.Now) // sections, taxonomies, ordering, prev/next
	res := &Result{Sites: sites, Pages: len(pages), Warnings: sortErrors(warns)}
	if len(errs) > 0 || th == nil {
		return res, sortedJoin(errs)
	}
	res.Files, w, err = output.Render(sites, th, output.Extra{Files: files, Typography: Typography(cfg)})
	res.Warnings = sortErrors(append(res.Warnings, w...))
	if err != nil {
		return res, err
	}
	return res, nil
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
