package output

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// Renderer renders a site again and again, as relais serve does, and
// renders again only the files whose inputs changed since its previous
// build: every other file keeps its bytes (the same slice). It tells which
// files changed, without comparing the whole site.
//
// A Renderer serves one configuration: a new config.toml needs a new one.
// It is not safe for concurrent use.
type Renderer struct {
	items  *itemCache
	social *socialCache

	last     *plan    // the last build that succeeded
	tasks    []*task  // its tasks
	statics  []uint64 // their static hashes
	byPage   map[*site.Page][]int
	done     map[string]*done // every task's last good files, by key
	files    Files            // the last good site
	lazy     Deferred         // the deferred files of the last build
	warns    []*site.Error    // its warnings, sorted
	rendered int              // files the last build rendered, deferred ones included
}

// done is what a task last wrote, and the fingerprint it wrote it for.
type done struct {
	fp    uint64
	files []file
}

type file struct {
	path string
	data []byte
	lazy *Lazy // a deferred file: data is nil
}

// NewRenderer returns a Renderer with nothing rendered yet.
func NewRenderer() *Renderer {
	return &Renderer{items: newItemCache(nil), social: newSocialCache(nil), done: map[string]*done{}}
}

// Render renders the site, one *site.Site per language (default first), with the theme.
// It returns the files and the warnings the outputs found (an excerpt
// written by hand that is over a platform's limit, for one).
func Render(sites []*site.Site, th *theme.Theme, extra Extra) (Files, []*site.Error, error) {
	extra.Versions, extra.Defer = nil, false // nothing to compare with: render everything
	files, _, warns, err := (&Renderer{items: newItemCache(nil), social: newSocialCache(nil)}).render(sites, th, extra)
	return files, warns, err
}

// Render renders the site as the package's Render does, reusing the files
// of the previous build whose inputs are unchanged, as extra.Versions
// tells them (nil renders everything). changed lists the files added,
// removed or whose bytes differ since the previous good build; it is nil
// after the first one, when anything may have changed. The Renderer keeps
// the Files: they must not be modified.
func (r *Renderer) Render(sites []*site.Site, th *theme.Theme, extra Extra) (files Files, changed []string, warns []*site.Error, err error) {
	return r.render(sites, th, extra)
}

func (r *Renderer) render(sites []*site.Site, th *theme.Theme, extra Extra) (Files, []string, []*site.Error, error) {
	if extra.Emit != nil {
		// A streamed build is not built again: keep nothing for a next
		// one, and write every file.
		extra.Versions, extra.Defer = nil, false
	}
	p := newPlan(sites, th, extra, r)
	var tasks []*task
	planErrs := map[string]error{}
	for _, o := range outputs {
		ts, err := o.plan(p)
		if err != nil {
			planErrs[o.name] = err
		}
		tasks = append(tasks, ts...)
	}
	warns := p.warnings()

	keep := extra.Versions != nil && r.done != nil
	fps := make([]uint64, len(tasks))
	statics := make([]uint64, len(tasks))
	var todo []int
	if keep {
		if extra.Opaque {
			p.allMeta = p.metaDigest()
		}
		parallelFor(len(tasks), func(i int) {
			d := newDigest(p)
			d.str(tasks[i].kind, tasks[i].key)
			tasks[i].static(d)
			statics[i] = d.sum()
		})
		bodies, social := p.dynamic(tasks)
		for i, t := range tasks {
			fps[i] = p.fingerprint(t, statics[i], bodies, social)
			if d, ok := r.done[t.key]; !ok || d.fp != fps[i] {
				todo = append(todo, i)
			}
		}
	} else {
		todo = make([]int, len(tasks))
		for i := range todo {
			todo[i] = i
		}
	}
	run := make([]*task, len(todo))
	for i, ti := range todo {
		run[i] = tasks[ti]
	}
	ws, errs := runTasks(run, p)
	r.rendered = countFiles(ws)

	// Errors by output, in the outputs' order, then files written twice.
	byKind := map[string][]error{}
	for i, t := range run {
		byKind[t.kind] = append(byKind[t.kind], errs[i])
	}
	var all []error
	for _, o := range outputs {
		err := errors.Join(planErrs[o.name], errorsOf(o.name, byKind[o.name]))
		if err != nil {
			all = append(all, fmt.Errorf("%s: %w", o.name, err))
		}
	}
	fresh := map[int]*Writer{}
	for i, ti := range todo {
		fresh[ti] = ws[i]
		if keep && errs[i] == nil {
			r.done[tasks[ti].key] = &done{fp: fps[ti], files: ws[i].list()}
		}
	}

	files := make(Files, len(r.files)+len(extra.Files)+len(extra.CSS))
	var dups []error
	add := func(path string, data []byte) {
		if _, dup := files[path]; dup {
			dups = append(dups, fmt.Errorf("output: %s written twice", path))
			return
		}
		files[path] = data
	}
	var copied []file // the files copied as they are, when streamed
	for _, m := range []map[string][]byte{extra.Files, extra.CSS} {
		for _, path := range slices.Sorted(maps.Keys(m)) {
			if extra.Emit != nil {
				if _, dup := files[path]; !dup {
					copied = append(copied, file{path: path, data: m[path]})
				}
				add(path, nil)
				continue
			}
			add(path, m[path])
		}
	}
	if len(copied) > 0 {
		errs := make([]error, len(copied))
		parallelFor(len(copied), func(i int) { errs[i] = extra.Emit(copied[i].path, copied[i].data) })
		dups = append(dups, errors.Join(errs...))
	}
	lazy := Deferred{}
	addAll := func(fs []file) {
		for _, f := range fs {
			if f.lazy == nil {
				add(f.path, f.data)
				continue
			}
			if _, dup := files[f.path]; dup {
				dups = append(dups, fmt.Errorf("output: %s written twice", f.path))
				continue
			}
			files[f.path], lazy[f.path] = nil, f.lazy // nil keeps the path taken until the end
		}
	}
	for i, t := range tasks {
		if w, ok := fresh[i]; ok {
			dups = append(dups, w.errs...)
			addAll(w.list())
			continue
		}
		addAll(r.done[t.key].files)
	}
	for path := range lazy {
		delete(files, path)
	}
	all = append(all, slices.DeleteFunc(dups, func(e error) bool { return e == nil })...)
	site.SortErrors(warns)
	if len(all) > 0 {
		return nil, nil, warns, errors.Join(all...)
	}

	var changed []string
	if keep && r.files != nil {
		changed = append(append([]string{}, diff(r.files, files)...), lazyDiff(r.lazy, lazy)...)
		slices.Sort(changed)
	}
	r.lazy = lazy
	if keep {
		live := make(map[string]bool, len(tasks))
		for _, t := range tasks {
			live[t.key] = true
		}
		for k := range r.done {
			if !live[k] {
				delete(r.done, k)
			}
		}
		r.last, r.tasks, r.statics, r.files, r.warns = p, tasks, statics, files, warns
		r.byPage = map[*site.Page][]int{}
		for i, t := range tasks {
			for _, pg := range t.bodies {
				r.byPage[pg] = append(r.byPage[pg], i)
			}
		}
	}
	return files, changed, warns, nil
}

// Deferred maps the paths of files left to render when asked for (see
// Extra.Defer) to them.
type Deferred map[string]*Lazy

// Deferred are the deferred files of the last Render or Refresh that
// succeeded; they are not in its Files.
func (r *Renderer) Deferred() Deferred { return r.lazy }

// Rendered is how many files the last Render or Refresh rendered: all of
// them after a first build, those whose inputs changed after an edit.
func (r *Renderer) Rendered() int { return r.rendered }

func countFiles(ws []*Writer) int {
	n := 0
	for _, w := range ws {
		n += len(w.files)
	}
	return n
}

// lazyDiff lists the deferred paths added, removed or rendered anew.
func lazyDiff(old, cur Deferred) []string {
	var out []string
	for path, l := range cur {
		if old[path] != l {
			out = append(out, path)
		}
	}
	for path := range old {
		if _, ok := cur[path]; !ok {
			out = append(out, path)
		}
	}
	return out
}

// Refresh renders again after the rendered bodies of pages changed, and
// nothing else: the site model, theme and extra files are those of the
// previous Render (or Refresh), which succeeded, and each page's meta
// version is unchanged; only their body versions moved. It renders the
// files that show those bodies and whose bytes may have changed: the
// article, the lists and feeds that show it, the social exports.
func (r *Renderer) Refresh(pages []*site.Page) (files Files, changed []string, warns []*site.Error, err error) {
	p := r.last
	if p == nil {
		return nil, nil, nil, errors.New("output: Refresh before a good Render")
	}
	p.newCommons()
	if p.refreshSocial(pages) || r.warns == nil {
		r.warns = p.warnings()
		site.SortErrors(r.warns)
	}
	warns = r.warns

	var todo []int
	seen := map[int]bool{}
	mark := func(i int) {
		if !seen[i] {
			seen[i] = true
			todo = append(todo, i)
		}
	}
	for _, pg := range pages {
		for _, i := range r.byPage[pg] {
			mark(i)
		}
	}
	for i, t := range r.tasks {
		if t.opaque || t.social != nil {
			mark(i)
		}
	}
	slices.Sort(todo)
	bodies, social := p.dynamic(r.tasks)
	var run []int
	fps := map[int]uint64{}
	for _, i := range todo {
		t := r.tasks[i]
		fps[i] = p.fingerprint(t, r.statics[i], bodies, social)
		if d, ok := r.done[t.key]; !ok || d.fp != fps[i] {
			run = append(run, i)
		}
	}
	tasks := make([]*task, len(run))
	for j, i := range run {
		tasks[j] = r.tasks[i]
	}
	ws, errs := runTasks(tasks, p)
	r.rendered = countFiles(ws)
	byKind := map[string][]error{}
	for j, t := range tasks {
		byKind[t.kind] = append(byKind[t.kind], errs[j])
	}
	var all []error
	for _, o := range outputs {
		if err := errorsOf(o.name, byKind[o.name]); err != nil {
			all = append(all, fmt.Errorf("%s: %w", o.name, err))
		}
	}
	for j := range run {
		if errs[j] == nil {
			all = append(all, ws[j].errs...)
		}
	}
	if len(all) > 0 {
		// The site is no longer what the last good build rendered: the
		// next build must plan it afresh.
		r.last = nil
		return nil, nil, warns, errors.Join(all...)
	}
	files = maps.Clone(r.files)
	lazy := maps.Clone(r.lazy)
	if lazy == nil {
		lazy = Deferred{}
	}
	for j, i := range run {
		t := r.tasks[i]
		now := ws[j].list()
		old := r.done[t.key]
		for _, f := range old.files {
			if _, ok := ws[j].files[f.path]; !ok {
				delete(files, f.path)
				delete(lazy, f.path)
				changed = append(changed, f.path)
			}
		}
		for _, f := range now {
			if f.lazy != nil {
				if lazy[f.path] != f.lazy {
					changed = append(changed, f.path)
				}
				lazy[f.path] = f.lazy
				continue
			}
			if prev, ok := files[f.path]; !ok || !sameBytes(prev, f.data) {
				changed = append(changed, f.path)
			}
			files[f.path] = f.data
		}
		r.done[t.key] = &done{fp: fps[i], files: now}
	}
	slices.Sort(changed)
	r.files, r.lazy = files, lazy
	if changed == nil {
		changed = []string{}
	}
	return files, changed, warns, nil
}

// dynamic computes what fingerprints mix in besides static hashes: every
// body's version for opaque templates, and each language's excerpts.
func (p *plan) dynamic(tasks []*task) (bodies, social map[*site.Site]uint64) {
	bodies, social = map[*site.Site]uint64{}, map[*site.Site]uint64{}
	if p.extra.Opaque {
		bodies[nil] = p.bodiesDigest()
	}
	for _, t := range tasks {
		if s := t.social; s != nil {
			if _, ok := social[s]; !ok {
				social[s] = p.socials[s].digest(p)
			}
		}
	}
	return bodies, social
}

// diff lists the paths added, removed or changed from old to cur.
func diff(old, cur Files) []string {
	var out []string
	for path, b := range cur {
		if a, ok := old[path]; !ok || !sameBytes(a, b) {
			out = append(out, path)
		}
	}
	for path := range old {
		if _, ok := cur[path]; !ok {
			out = append(out, path)
		}
	}
	slices.Sort(out)
	return out
}
