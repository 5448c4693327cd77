package content

import (
	"errors"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/relais/relais/generator/site"
)

// Loader is Load for relais serve: it keeps every file's parse result
// between builds and reads again only the files it is told changed, so
// that saving one article re-parses one file, not ten thousand.
//
// Pages returns fresh pages on every call, since the later stages fill in
// their fields (translations, resources, rendered HTML, neighbours): the
// parse results themselves are never handed out.
type Loader struct {
	cfg    *site.Config
	md     map[string]*result // Markdown files by path; their Page.Body is dropped once handed out
	others map[string]bool    // content/'s other files (bundle resources, stray images)
	werrs  site.Errors        // errors of the last walk
	paths  []string           // sorted keys of md, nil when the set changed
	walked bool
}

// NewLoader returns a Loader for the site configured by cfg. A change of
// configuration needs a new Loader: parsing depends on it (permalinks,
// languages, time zone).
func NewLoader(cfg *site.Config) *Loader {
	if cfg == nil {
		cfg = &site.Config{}
	}
	return &Loader{cfg: cfg, md: map[string]*result{}, others: map[string]bool{}}
}

// Update is what a batch of changes says to the content stage.
type Update struct {
	// Body lists the Markdown files parsed again whose result differs from
	// the previous one in the body at most (or not at all).
	Body []string
	// Structure is true when anything else changed: a file added or
	// removed, front matter, a warning or an error, a resource. Pages must
	// then be called to see the site as it is.
	Structure bool
}

// Update reads again the files of fsys named in changed (slash paths from
// the site root; a folder stands for everything under it). Paths outside
// content/ are ignored; nil changed, or the first call, reads the whole
// folder.
func (l *Loader) Update(fsys fs.FS, changed []string) Update {
	if !l.walked || changed == nil {
		l.walked = true
		l.md, l.others, l.paths = map[string]*result{}, map[string]bool{}, nil
		md, others, werrs := walk(fsys)
		l.werrs = werrs
		for _, f := range others {
			l.others[f] = true
		}
		for i, r := range parseAll(fsys, md, l.cfg) {
			l.md[md[i]] = &r
		}
		return Update{Structure: true}
	}
	var u Update
	var reparse []string
	for _, p := range changed {
		p = path.Clean(p)
		if p != "content" && !strings.HasPrefix(p, "content/") {
			continue
		}
		if hidden(p) {
			continue
		}
		fi, err := fs.Stat(fsys, p)
		switch {
		case err != nil && errors.Is(err, fs.ErrNotExist):
			if l.forget(p) {
				u.Structure = true
			}
		case err != nil:
			u.Structure = true // reported by a full walk
			l.walked = false
		case fi.IsDir():
			// A folder that appeared or was moved in: read what it holds.
			l.forget(p)
			md, others, werrs := walkUnder(fsys, p)
			if len(werrs) > 0 {
				l.walked = false
			}
			for _, f := range others {
				l.others[f] = true
			}
			reparse = append(reparse, md...)
			u.Structure = true
		case junk(path.Base(p)):
		case isMarkdown(path.Base(p)):
			reparse = append(reparse, p)
		default:
			if !l.others[p] {
				l.others[p] = true
			}
			u.Structure = true // a resource's size or image may have changed
		}
	}
	slices.Sort(reparse)
	reparse = slices.Compact(reparse)
	for i, r := range parseAll(fsys, reparse, l.cfg) {
		p := reparse[i]
		old, ok := l.md[p]
		if !ok {
			l.paths = nil
			u.Structure = true
		} else if !sameParse(old, &r) {
			u.Structure = true
		} else {
			u.Body = append(u.Body, p)
		}
		l.md[p] = &r
	}
	if !l.walked {
		return l.Update(fsys, nil)
	}
	return u
}

// hidden reports a path inside a folder that walk skips (".git", ".obsidian").
func hidden(p string) bool {
	parts := strings.Split(p, "/")
	for _, s := range parts[:len(parts)-1] {
		if strings.HasPrefix(s, ".") {
			return true
		}
	}
	return false
}

// forget drops every file at or under p, and reports whether there was one.
func (l *Loader) forget(p string) bool {
	found := false
	for f := range l.md {
		if f == p || strings.HasPrefix(f, p+"/") {
			delete(l.md, f)
			found = true
		}
	}
	for f := range l.others {
		if f == p || strings.HasPrefix(f, p+"/") {
			delete(l.others, f)
			found = true
		}
	}
	if found {
		l.paths = nil
	}
	return found
}

// walkUnder is walk for one folder of content/.
func walkUnder(fsys fs.FS, dir string) (md, others []string, errs site.Errors) {
	sub, err := fs.Sub(fsys, path.Dir(dir))
	if err != nil {
		return nil, nil, site.Errors{{Path: dir, Err: err}}
	}
	// walk reads "content"; seen from the folder's parent, the folder
	// itself plays that part.
	renamed := renameFS{FS: sub, from: "content", to: path.Base(dir)}
	md, others, errs = walk(renamed)
	fix := func(l []string) {
		for i, f := range l {
			l[i] = path.Dir(dir) + "/" + path.Base(dir) + strings.TrimPrefix(f, "content")
		}
	}
	fix(md)
	fix(others)
	return md, others, errs
}

// renameFS shows the folder to as from.
type renameFS struct {
	fs.FS
	from, to string
}

func (r renameFS) name(n string) string {
	if n == r.from || strings.HasPrefix(n, r.from+"/") {
		return r.to + strings.TrimPrefix(n, r.from)
	}
	return n
}

func (r renameFS) Open(n string) (fs.File, error) { return r.FS.Open(r.name(n)) }

func (r renameFS) ReadDir(n string) ([]fs.DirEntry, error) { return fs.ReadDir(r.FS, r.name(n)) }

func (r renameFS) Stat(n string) (fs.FileInfo, error) { return fs.Stat(r.FS, r.name(n)) }

// sameParse reports whether two parses of one file agree on everything
// but the body.
func sameParse(a, b *result) bool {
	if (a.err == nil) != (b.err == nil) || a.err != nil && a.err.Error() != b.err.Error() {
		return false
	}
	if !sameErrors(a.warns, b.warns) || !a.publish.Equal(b.publish) || a.urlLine != b.urlLine || a.aliasLine != b.aliasLine {
		return false
	}
	if a.page == nil || b.page == nil {
		return a.page == b.page
	}
	pa, pb := *a.page, *b.page
	pa.Body, pb.Body = nil, nil
	return reflect.DeepEqual(pa, pb)
}

func sameErrors(a, b []*site.Error) bool {
	return slices.EqualFunc(a, b, func(x, y *site.Error) bool { return x.Error() == y.Error() })
}

// Pages is Load over the files as they were last read: every published
// page, fresh, with the warnings and errors of the whole folder. A page
// parsed since the previous call has its Body; the others have none (their
// body was rendered before).
func (l *Loader) Pages(opt Options) (pages []*site.Page, warnings []*site.Error, err error) {
	errs := slices.Clone(l.werrs)
	if l.paths == nil {
		l.paths = make([]string, 0, len(l.md))
		for p := range l.md {
			l.paths = append(l.paths, p)
		}
		slices.Sort(l.paths)
	}
	all := make([]*result, 0, len(l.paths))
	for _, p := range l.paths {
		r := l.md[p]
		warnings = append(warnings, r.warns...)
		if r.err != nil {
			errs = append(errs, flatten(r.err)...)
			continue
		}
		c := *r
		page := *r.page
		c.page = &page
		r.page.Body = nil // handed out once: the copy renders it
		all = append(all, &c)
	}
	others := make([]string, 0, len(l.others))
	for f := range l.others {
		others = append(others, f)
	}
	slices.Sort(others)
	attachResources(all, others)

	var kept []*result
	for _, r := range all {
		if published(r, opt) {
			kept = append(kept, r)
		}
	}
	bad := collisions(kept, &errs, &warnings)
	translations(kept, l.cfg, bad, &errs)
	for _, r := range kept {
		pages = append(pages, r.page)
	}
	site.SortErrors(warnings)
	return pages, warnings, errs.Err()
}

// Parsed returns the page last parsed from path (nil when it failed or is
// unknown) with its Body when it was not handed out yet, and its warnings.
// The page must not be modified.
func (l *Loader) Parsed(path string) (*site.Page, []*site.Error) {
	r, ok := l.md[path]
	if !ok || r.err != nil {
		return nil, nil
	}
	return r.page, r.warns
}

// TakeBody returns the body of the page parsed from path, once: the
// Loader keeps no bodies, which weigh as much as the whole site's text.
func (l *Loader) TakeBody(path string) []byte {
	r, ok := l.md[path]
	if !ok || r.page == nil {
		return nil
	}
	b := r.page.Body
	r.page.Body = nil
	return b
}

// Settled reports whether no page is published or expires after from and
// up to to: a build at to then publishes the same pages as one at from.
func (l *Loader) Settled(opt Options, from, to time.Time) bool {
	if from.Equal(to) || opt.Future && opt.Expired {
		return true
	}
	lo, hi := from, to
	if hi.Before(lo) {
		lo, hi = hi, lo
	}
	within := func(t time.Time) bool { return !t.IsZero() && t.After(lo) && !t.After(hi) }
	for _, r := range l.md {
		if r.page == nil || r.page.Kind == site.KindSection {
			continue
		}
		if !opt.Future && within(r.publish) || !opt.Expired && within(r.page.ExpiryDate) {
			return false
		}
	}
	return true
}

// Files lists content/'s Markdown files and its other files, sorted, as
// last read: what Static needs to find the site's resources.
func (l *Loader) Files() (md, others []string) {
	md = make([]string, 0, len(l.md))
	for p := range l.md {
		md = append(md, p)
	}
	for p := range l.others {
		others = append(others, p)
	}
	slices.Sort(md)
	slices.Sort(others)
	return md, others
}
