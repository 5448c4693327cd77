package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/relais/relais/generator/site"
)

// Static lists the files to copy as they are: static/** (→ same path under
// public/) and page-bundle resources (content/posts/x/cover.jpg →
// posts/x/cover.jpg, i.e. beside the page's URL, once per language of the
// bundle). Other non-Markdown files under content/, outside any bundle,
// are copied to their path under content/, so an image dropped beside a
// page is not silently lost. Resources of bundles that are not published
// (drafts) are not copied. Returns output path → source path in fsys.
//
// Two sources for one output, or a file where a page or alias is
// written, are errors naming both.
func Static(fsys fs.FS, pages []*site.Page) (map[string]string, error) {
	md, others, werrs := walk(fsys)
	return static(fsys, pages, md, others, werrs)
}

// Static is content.Static over the files the Loader last read, without
// walking content/ again.
func (l *Loader) Static(fsys fs.FS, pages []*site.Page) (map[string]string, error) {
	md, others := l.Files()
	return static(fsys, pages, md, others, nil)
}

func static(fsys fs.FS, pages []*site.Page, md, others []string, werrs site.Errors) (map[string]string, error) {
	out := map[string]string{}
	var errs site.Errors
	add := func(dst, src string) {
		if prev, ok := out[dst]; ok && prev != src {
			errs.Add(src, 0, "is copied to %s, as %s is (rename or move one)", dst, prev)
			return
		}
		out[dst] = src
	}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			errs = append(errs, &site.Error{Path: p, Err: err})
			return nil
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return fs.SkipDir
			}
			return nil
		}
		if !junk(d.Name()) {
			add(strings.TrimPrefix(p, "static/"), p)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, &site.Error{Path: "static", Err: err})
	}

	for _, p := range pages {
		if !p.Bundle {
			continue
		}
		base := strings.TrimPrefix(p.URL, "/")
		if !strings.HasSuffix(base, "/") {
			base = path.Dir(base) // url: /x.html puts resources beside x.html
		}
		for _, res := range p.Resources {
			add(path.Clean(base+"/"+res), p.Dir+"/"+res)
		}
	}

	errs = append(errs, werrs...)
	bundles := bundleDirs(md)
	for _, f := range others {
		if !inBundle(f, bundles) {
			add(strings.TrimPrefix(f, "content/"), f)
		}
	}

	for _, p := range pages {
		for i, u := range append([]string{p.URL}, p.Aliases...) {
			src, ok := out[outputFile(u)]
			if !ok {
				continue
			}
			what := "the page"
			if i > 0 {
				what = "an alias of"
			}
			errs.Add(src, 0, "is copied to %s, where relais writes %s %s (URL %s)", outputFile(u), what, p.Path, u)
		}
	}
	return out, errs.Err()
}

// bundleDirs returns the folders that hold a page bundle's index file.
func bundleDirs(md []string) map[string]bool {
	dirs := map[string]bool{}
	for _, f := range md {
		dir, file := path.Split(f)
		stem := strings.TrimSuffix(file, path.Ext(file))
		stem, _, _ = strings.Cut(stem, ".")
		if stem == "index" && dir != "content/" {
			dirs[strings.TrimSuffix(dir, "/")] = true
		}
	}
	return dirs
}

func inBundle(f string, bundles map[string]bool) bool {
	for dir := path.Dir(f); dir != "content" && dir != "."; dir = path.Dir(dir) {
		if bundles[dir] {
			return true
		}
	}
	return false
}

// sortedOutputs lists Static's result in output order, for tests and
// listings.
func sortedOutputs(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
