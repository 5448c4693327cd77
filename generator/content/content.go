// Package content is the content stage of the pipeline: content/**/*.md
// → []*site.Page. It reads front matter (YAML, TOML, JSON), dates, drafts,
// slugs, URLs, languages and page bundles, and reports every bad file with
// its line, not only the first. It reads an fs.FS and writes nothing.
package content

import (
	"cmp"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/watch"
)

// Options choose which pages a build publishes. The zero value builds the
// production site; a zero Now turns the date checks off.
type Options struct {
	Drafts, Future, Expired bool      // -D -F -E: include those pages
	Now                     time.Time // the build's clock
}

// Load walks fsys (the SITE root: it reads "content/…"), parses every
// .md/.markdown file (in parallel, bounded by GOMAXPROCS; result order
// deterministic: by path), fills sections/kinds/bundles/URLs/languages/
// translations, drops unpublished pages per opt, checks URL collisions,
// and reports EVERY bad file (errors.Join of *site.Error sorted by path
// and line) — not only the first. Good pages are returned even when
// others fail, so a server can keep showing them.
//
// Drafts, pages whose publication date is after opt.Now and pages whose
// expiry date has passed are left out. Section pages (_index.md) are only
// left out as drafts: their dates do not hide a whole section.
func Load(fsys fs.FS, cfg *site.Config, opt Options) (pages []*site.Page, warnings []*site.Error, err error) {
	if cfg == nil {
		cfg = &site.Config{}
	}
	var errs site.Errors
	files, others, werrs := walk(fsys)
	errs = append(errs, werrs...)

	results := parseAll(fsys, files, cfg)
	var all []*result
	for i := range results {
		r := &results[i]
		warnings = append(warnings, r.warns...)
		if r.err != nil {
			errs = append(errs, flatten(r.err)...)
			continue
		}
		all = append(all, r)
	}
	attachResources(all, others)

	var kept []*result
	for _, r := range all {
		if published(r, opt) {
			kept = append(kept, r)
		}
	}
	bad := collisions(kept, &errs, &warnings)
	translations(kept, cfg, bad, &errs)

	for _, r := range kept {
		pages = append(pages, r.page)
	}
	site.SortErrors(warnings)
	return pages, warnings, errs.Err()
}

// parseAll reads and parses files on GOMAXPROCS workers; results keep the
// order of files.
func parseAll(fsys fs.FS, files []string, cfg *site.Config) []result {
	results := make([]result, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				data, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					results[i] = result{err: &site.Error{Path: files[i], Err: err}}
					continue
				}
				results[i] = parse(files[i], data, cfg)
			}
		})
	}
	wg.Wait()
	return results
}

// walk lists content/'s Markdown files and its other files, sorted.
func walk(fsys fs.FS) (md, others []string, errs site.Errors) {
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a site may have no content yet
			}
			errs = append(errs, &site.Error{Path: p, Err: err})
			return nil
		}
		if d.IsDir() {
			if p != "content" && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case junk(d.Name()):
		case isMarkdown(d.Name()):
			md = append(md, p)
		default:
			others = append(others, p)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, &site.Error{Path: "content", Err: err})
	}
	slices.Sort(md)
	slices.Sort(others)
	return md, others, errs
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return (ext == ".md" || ext == ".markdown") && !strings.HasPrefix(name, ".")
}

// junk tells files that are never site input: editors' swap, backup and
// atomic-save files (the same list the watcher ignores, so a file that
// vanishes mid-build is never read) and version-control placeholders.
func junk(name string) bool {
	return watch.IsTemp(name) || name == ".gitkeep" || name == ".gitignore"
}

// flatten returns the positioned errors inside err.
func flatten(err error) []*site.Error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*site.Error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	var se *site.Error
	if errors.As(err, &se) {
		return []*site.Error{se}
	}
	return []*site.Error{{Err: err}}
}

// attachResources gives each page bundle the non-Markdown files under its
// folder, relative to it and sorted. A file belongs to the innermost
// bundle around it.
func attachResources(all []*result, others []string) {
	bundles := map[string][]*site.Page{}
	for _, r := range all {
		if r.page.Bundle {
			bundles[r.page.Dir] = append(bundles[r.page.Dir], r.page)
		}
	}
	if len(bundles) == 0 {
		return
	}
	for _, f := range others {
		for dir := path.Dir(f); dir != "content" && dir != "."; dir = path.Dir(dir) {
			if ps, ok := bundles[dir]; ok {
				for _, p := range ps {
					p.Resources = append(p.Resources, f[len(dir)+1:])
				}
				break
			}
		}
	}
}

// published applies -D, -F and -E.
func published(r *result, opt Options) bool {
	p := r.page
	if p.Draft && !opt.Drafts {
		return false
	}
	if p.Kind == site.KindSection || opt.Now.IsZero() {
		return true
	}
	if !opt.Future && r.publish.After(opt.Now) {
		return false
	}
	if !opt.Expired && !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(opt.Now) {
		return false
	}
	return true
}

// outputFile is the file a URL is written to: "/a/" -> "a/index.html".
func outputFile(u string) string {
	u = strings.TrimPrefix(u, "/")
	if u == "" || strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

// collisions reports two pages, or a page and an alias, or two aliases,
// that would write one file. The error goes on the later file in path
// order and names the earlier one. URLs that differ only in case are a
// warning: they overwrite each other on macOS and Windows disks. It
// returns the pages involved.
func collisions(kept []*result, errs *site.Errors, warns *[]*site.Error) map[*site.Page]bool {
	bad := map[*site.Page]bool{}
	type owner struct {
		page  *site.Page
		url   string
		alias bool
	}
	exact, folded := map[string]owner{}, map[string]owner{}
	claim := func(r *result, u string, alias bool, line int) {
		p, out := r.page, outputFile(u)
		what := "URL"
		if alias {
			what = "alias"
		}
		if prev, ok := exact[out]; ok {
			bad[p] = true
			switch {
			case prev.page == p:
				errs.Add(p.Path, line, "alias %s is given twice", u)
			case prev.alias && alias:
				errs.Add(p.Path, line, "alias %s is also an alias of %s", u, prev.page.Path)
			case prev.alias:
				errs.Add(p.Path, line, "URL %s is also an alias of %s (remove the alias there)", u, prev.page.Path)
			case alias:
				errs.Add(p.Path, line, "alias %s is the URL of %s (want a path no page uses)", u, prev.page.Path)
			default:
				errs.Add(p.Path, line, "URL %s is also the URL of %s (set slug or url in one of them)", u, prev.page.Path)
			}
			return
		}
		if prev, ok := folded[strings.ToLower(out)]; ok && prev.page != p {
			*warns = append(*warns, site.Errorf(p.Path, line, "%s %s differs only in case from %s of %s: one overwrites the other on macOS and Windows disks", what, u, prev.url, prev.page.Path))
		}
		o := owner{page: p, url: u, alias: alias}
		exact[out], folded[strings.ToLower(out)] = o, o
	}
	for _, r := range kept {
		claim(r, r.page.URL, false, r.urlLine)
	}
	for _, r := range kept {
		for _, a := range r.page.Aliases {
			claim(r, a, true, r.aliasLine)
		}
	}
	return bad
}

// translations links the pages that share a translation key, each to the
// others in the site's language order (default first, then by weight and
// code, as cfg.Langs sorts them). Two pages with one key and one language
// are an error, unless a URL collision already reported them.
func translations(kept []*result, cfg *site.Config, bad map[*site.Page]bool, errs *site.Errors) {
	order := map[string]int{}
	for i, l := range cfg.Langs() {
		order[l.Code] = i
	}
	rank := func(code string) int {
		if i, ok := order[code]; ok {
			return i
		}
		return len(order)
	}
	groups := map[string][]*site.Page{}
	var keys []string
	for _, r := range kept {
		p := r.page
		k := p.Kind + "\x00" + p.TranslationKey
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		dup := slices.IndexFunc(groups[k], func(q *site.Page) bool { return q.Lang == p.Lang })
		if dup >= 0 {
			if !bad[p] && !bad[groups[k][dup]] {
				errs.Add(p.Path, 1, "translation key %q in language %q is also used by %s (set translationKey, or lang, in one of them)", p.TranslationKey, p.Lang, groups[k][dup].Path)
			}
			continue
		}
		groups[k] = append(groups[k], p)
	}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.SortFunc(g, func(a, b *site.Page) int {
			return cmp.Or(cmp.Compare(rank(a.Lang), rank(b.Lang)), cmp.Compare(a.Lang, b.Lang))
		})
		for _, p := range g {
			for _, q := range g {
				if q != p {
					p.Translations = append(p.Translations, q)
				}
			}
		}
	}
}
