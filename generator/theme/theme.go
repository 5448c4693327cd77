// Package theme is the theme stage: it reads the layouts, static files and
// translations of a theme into a *Theme that the output stage executes for
// every page. Three layers are looked up file by file, first found wins:
//
//	layouts/, i18n/                          the site's own overrides
//	themes/<name>/layouts/, i18n/, static/   the theme named in config.toml
//	themes/default/…                         the default theme, embedded in relais
//
// so a user changes one template, or one partial, without copying the theme.
//
// Layouts. Files directly under layouts/ (and in its subfolders other than
// partials/) are page layouts, executed by name: index.html (home),
// page.html (an article or a root page), section.html, taxonomy.html (all
// the terms of a taxonomy), term.html, archives.html, 404.html and
// alias.html (the redirect left at an old URL). The output stage first
// tries "<section>/page.html", "<section>/section.html",
// "<taxonomy>/taxonomy.html" and "<taxonomy>/term.html", and a page's
// front matter "layout: x" picks "x.html". A layout that only defines
// blocks ({{define "main"}}…) is rendered inside baseof.html; a layout with
// content of its own is a whole document. Files in layouts/partials/ are
// shared: {{template "partials/head.html" .}}. Every template is named by
// its file in errors: "themes/plain/layouts/page.html:12: …".
//
// Every template receives a *Data (see data.go) as dot.
//
// Functions, on top of Go's built-in ones (and, or, not, len, index,
// slice, eq, lt, printf, print, urlquery, html, js…):
//
//	T "key" [count | dict]  the page language's string for key, else the
//	                        English one, else the key itself. A number picks
//	                        the plural form and fills {count}; a dict fills
//	                        {name} placeholders: T "readingTime" 5,
//	                        T "updated" (dict "date" "3 mai 2026")
//	date TIME STYLE         TIME in the site's time zone and the page's
//	                        language. STYLE: "long" (22 novembre 2026,
//	                        1er janvier 2026; November 22, 2026), "short"
//	                        (22 nov. 2026), "full" (with the weekday),
//	                        "daymonth" (22 nov.), "iso" (2026-11-22),
//	                        "rfc3339"; anything else is a Go time layout.
//	                        A zero time gives "".
//	absURL PATH             absolute URL on the site's baseURL
//	relURL PATH             root-relative URL, under baseURL's path
//	safeHTML STRING         trusted HTML, printed as it is
//	jsonld VALUE            VALUE as a <script type="application/ld+json">
//	                        element, escaped so that no string can close it
//	dict K V …              a map, to pass several values to a partial
//	slug STRING             the URL slug relais gives STRING
//	langName CODE           a language's own name ("Français"), from i18n
//	summary DATA PAGE       PAGE's list entry (partials/summary.html),
//	                        rendered once per page and reused by every list
//	partialCached NAME DATA [KEY…]
//	                        the partial NAME run with DATA once per language
//	                        and KEYs, then reused: for parts that many pages
//	                        share (the footer, a section's feed links). A
//	                        partial the site overrides in its own layouts/
//	                        is run every time: it may show anything.
package theme

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/themes"
)

// Theme is one theme's layouts, parsed once, with its static files and
// translations. It is safe for concurrent Execute.
type Theme struct {
	cfg     *site.Config
	layers  []layer            // site, theme, embedded default: first found wins
	layouts map[string]*layout // page layouts by name
	names   map[string]bool    // every page layout and partial, for Lookup
	ownSite map[string]bool    // templates the site's layouts/ overrides: never cached
	i18n    *catalog

	mu     sync.Mutex // held while a language's templates are made
	byLang sync.Map   // language -> *langSets
}

// langSets are the idle copies of one language's templates. Each page is
// rendered with a copy of its own: every function call in a template
// takes a read lock on its set, and html/template locks the set on every
// Execute, so workers sharing one set spend their time passing its lock
// back and forth. There are as many copies as pages rendered at once.
type langSets struct {
	mu   sync.Mutex
	free []map[string]*template.Template
}

// get returns an idle copy, or nil when every copy is in use.
func (l *langSets) get() map[string]*template.Template {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.free)
	if n == 0 {
		return nil
	}
	s := l.free[n-1]
	l.free = l.free[:n-1]
	return s
}

func (l *langSets) put(s map[string]*template.Template) {
	l.mu.Lock()
	l.free = append(l.free, s)
	l.mu.Unlock()
}

// layer is one place where a theme's files are looked up.
type layer struct {
	fsys fs.FS
	dir  string // folder of the theme in fsys: "themes/plain", "default", "" for the site
	name string // the same folder as users see it, for errors: "themes/default"
}

func (l layer) path(sub string) string { return path.Join(l.dir, sub) }
func (l layer) show(sub string) string { return path.Join(l.name, sub) }

// layout is one page layout, its partials and base around it.
type layout struct {
	set  *template.Template // base, partials and the layout, with the default language's functions
	exec string             // the template to run: the layout, or "baseof.html" around its blocks
}

// source is one template file found in a layer.
type source struct {
	name  string // logical name: "page.html", "partials/head.html"
	file  string // path in the layer's fs.FS
	shown string // path in errors: "themes/plain/layouts/page.html"
	fsys  fs.FS
}

// Load reads the theme named name for the site in fsys (the site root).
// An empty name or "default" is the embedded default theme alone.
// Every bad template and translation file is reported, not only the first.
func Load(fsys fs.FS, name string, cfg *site.Config) (*Theme, error) {
	if cfg == nil {
		cfg = &site.Config{}
	}
	t := &Theme{cfg: cfg, ownSite: map[string]bool{}}
	t.layers = []layer{{fsys: fsys, dir: "", name: ""}}
	if name != "" && name != "default" {
		dir := path.Join("themes", name)
		if fi, err := fs.Stat(fsys, dir); err != nil || !fi.IsDir() {
			return nil, &site.Error{Path: "config.toml", Err: fmt.Errorf("theme %q: folder %s not found (want themes/%s/layouts/ or an empty theme for the default one)", name, dir, name)}
		}
		t.layers = append(t.layers, layer{fsys: fsys, dir: dir, name: dir})
	}
	t.layers = append(t.layers, layer{fsys: themes.FS, dir: "default", name: "themes/default"})

	var errs site.Errors
	cat, ierrs := loadCatalog(t.layers)
	errs = append(errs, ierrs...)
	t.i18n = cat

	srcs, err := t.sources()
	if err != nil {
		return nil, err
	}
	perrs := t.parse(srcs)
	errs = append(errs, perrs...)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// sources lists the layout files of every layer, the first layer's file
// winning for each name, sorted by name so that parsing is deterministic.
func (t *Theme) sources() ([]source, error) {
	found := map[string]source{}
	for _, l := range t.layers {
		root := l.path("layouts")
		err := fs.WalkDir(l.fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".html") {
				return nil
			}
			name := strings.TrimPrefix(p, root+"/")
			if _, ok := found[name]; !ok {
				found[name] = source{name: name, file: p, shown: l.show(path.Join("layouts", name)), fsys: l.fsys}
				if l.dir == "" {
					t.ownSite[name] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.show("layouts"), err)
		}
	}
	out := make([]source, 0, len(found))
	for _, s := range found {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b source) int { return cmp.Compare(a.name, b.name) })
	return out, nil
}

func isPartial(name string) bool { return strings.HasPrefix(name, "partials/") }

// parsed is one file's templates: its own tree and the blocks it defines.
type parsed struct {
	src   source
	trees map[string]*parse.Tree // by name; the file's own tree under src.name
}

// parse parses every source, builds the shared base (baseof.html and the
// partials) and one set per page layout, so that each layout may define
// its own "main" block.
func (t *Theme) parse(srcs []source) site.Errors {
	var errs site.Errors
	funcs := t.funcs(t.defaultLang())
	var base, pages []parsed
	for _, s := range srcs {
		p, err := parseFile(s, funcs)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if isPartial(s.name) || s.name == "baseof.html" {
			base = append(base, p)
		} else {
			pages = append(pages, p)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	root := template.New("").Funcs(funcs)
	for _, p := range base {
		if err := addTrees(root, p); err != nil {
			errs = append(errs, err)
		}
	}
	t.layouts = map[string]*layout{}
	t.names = map[string]bool{}
	for _, p := range base {
		t.names[p.src.name] = true
	}
	for _, p := range pages {
		set, err := root.Clone()
		if err != nil {
			errs.Add(p.src.shown, 0, "%v", err)
			continue
		}
		if err := addTrees(set, p); err != nil {
			errs = append(errs, err)
			continue
		}
		exec := p.src.name
		if parse.IsEmptyTree(p.trees[p.src.name].Root) {
			if set.Lookup("baseof.html") == nil {
				errs.Add(p.src.shown, 0, "only defines blocks, and no baseof.html was found to put them in (want a layouts/baseof.html, or content outside {{define}})")
				continue
			}
			exec = "baseof.html"
		}
		t.layouts[p.src.name] = &layout{set: set, exec: exec}
		t.names[p.src.name] = true
	}
	if len(errs) > 0 {
		return errs
	}
	// Escaping is checked when a template first runs; run each once now
	// so that a context error (an action in an unquoted attribute, say)
	// is a load error naming its file, not a failure halfway through a
	// build. Execution errors are expected here (there is no data).
	sets, err := t.newSets(t.defaultLang())
	if err != nil {
		return append(errs, &site.Error{Path: "layouts", Err: err})
	}
	seen := map[string]bool{} // a faulty partial fails in every layout: say it once
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		err := sets[name].Execute(io.Discard, &Data{})
		var terr *template.Error
		if errors.As(err, &terr) {
			e := templateError(t.layouts[name].set, terr)
			if !seen[e.Error()] {
				seen[e.Error()] = true
				errs = append(errs, e)
			}
		}
	}
	if len(errs) == 0 {
		t.idle(t.defaultLang()).put(sets)
	}
	return errs
}

// parseFile parses one file with html/template, named by its path so that
// errors say which file and line.
func parseFile(s source, funcs template.FuncMap) (parsed, *site.Error) {
	b, err := fs.ReadFile(s.fsys, s.file)
	if err != nil {
		return parsed{}, &site.Error{Path: s.shown, Err: err}
	}
	tmpl, err := template.New(s.shown).Funcs(funcs).Parse(string(b))
	if err != nil {
		return parsed{}, positioned(s.shown, err)
	}
	p := parsed{src: s, trees: map[string]*parse.Tree{}}
	for _, x := range tmpl.Templates() {
		if x.Tree == nil {
			continue
		}
		name := x.Name()
		if name == s.shown {
			name = s.name
		}
		p.trees[name] = x.Tree
	}
	if p.trees[s.name] == nil { // an empty file
		p.trees[s.name] = &parse.Tree{Name: s.shown, ParseName: s.shown, Root: &parse.ListNode{}}
	}
	return p, nil
}

// addTrees adds a file's trees to set. The trees keep the file's path as
// their ParseName, which is what html/template prints in errors.
func addTrees(set *template.Template, p parsed) *site.Error {
	for _, name := range slices.Sorted(maps.Keys(p.trees)) {
		if _, err := set.AddParseTree(name, p.trees[name]); err != nil {
			return &site.Error{Path: p.src.shown, Err: err}
		}
	}
	return nil
}

// positioned turns html/template's "template: FILE:LINE: msg" into a
// *site.Error, so that template errors sort and print like every other
// error of a build.
func positioned(file string, err error) *site.Error {
	msg := err.Error()
	for _, prefix := range []string{"template: ", "html/template:"} {
		rest, ok := strings.CutPrefix(msg, prefix+file+":")
		if !ok {
			continue
		}
		num, tail, ok := strings.Cut(rest, ":")
		line, convErr := strconv.Atoi(num)
		if !ok || convErr != nil {
			break
		}
		return &site.Error{Path: file, Line: line, Err: errors.New(strings.TrimSpace(tail))}
	}
	return &site.Error{Path: file, Err: err}
}

// templateError names the file and line of an escaping error: the
// template's name is the logical one ("page.html"), its tree knows the file.
func templateError(set *template.Template, terr *template.Error) *site.Error {
	desc := errors.New(terr.Description)
	if terr.Node != nil {
		loc, _ := (*parse.Tree)(nil).ErrorContext(terr.Node) // "FILE:LINE:COL"
		rest, _, _ := cutLast(loc)                           // drop the column
		file, num, _ := cutLast(rest)
		if line, err := strconv.Atoi(num); err == nil {
			return &site.Error{Path: file, Line: line, Err: desc}
		}
	}
	file := terr.Name
	if tmpl := set.Lookup(terr.Name); tmpl != nil && tmpl.Tree != nil {
		file = tmpl.Tree.ParseName
	}
	return &site.Error{Path: file, Line: terr.Line, Err: desc}
}

func cutLast(s string) (before, after string, found bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

func (t *Theme) defaultLang() string { return t.cfg.DefaultLang() }

// idle returns the idle copies of lang's templates.
func (t *Theme) idle(lang string) *langSets {
	if l, ok := t.byLang.Load(lang); ok { // every page asks: no lock on this path
		return l.(*langSets)
	}
	l, _ := t.byLang.LoadOrStore(lang, &langSets{})
	return l.(*langSets)
}

// newSets makes a copy of the templates to execute for one language, each
// a clone of its layout with that language's T and date.
func (t *Theme) newSets(lang string) (map[string]*template.Template, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	funcs := t.funcs(lang)
	var entrySet *template.Template // one set of this language, to run partials from functions
	exec := func(name string, data any) (template.HTML, error) {
		var b strings.Builder
		err := entrySet.ExecuteTemplate(&b, name, data)
		return template.HTML(b.String()), err
	}
	funcs["summary"] = func(d *Data, p *site.Page) (template.HTML, error) {
		return d.cached(cacheKey{name: summaryPartial, page: p}, func() (template.HTML, error) {
			return exec(summaryPartial, map[string]any{"Page": p, "Data": d})
		})
	}
	funcs["partialCached"] = func(name string, data any, keys ...any) (template.HTML, error) {
		d, _ := data.(*Data)
		if t.ownSite[name] {
			// The theme caches what it knows depends on the keys alone; a
			// user's own version may show anything, the page's date say.
			d = nil
		}
		return d.cached(cacheKey{name: name, variant: variantOf(keys)}, func() (template.HTML, error) {
			return exec(name, data)
		})
	}
	s := make(map[string]*template.Template, len(t.layouts))
	for _, name := range slices.Sorted(maps.Keys(t.layouts)) {
		l := t.layouts[name]
		c, err := l.set.Clone()
		if err != nil {
			return nil, err
		}
		c.Funcs(funcs)
		s[name] = c.Lookup(l.exec)
		if entrySet == nil {
			entrySet = c
		}
	}
	return s, nil
}

// variantOf names the fragment partialCached keeps for keys. Every page
// asks, with no key or with strings (a list's URL, the header's NavKey):
// those are written out directly, each with its length so that no two
// lists of keys meet, after a NUL byte that fmt never starts with.
// Other keys are printed by fmt with their types.
func variantOf(keys []any) string {
	n := 1
	for _, k := range keys {
		s, ok := k.(string)
		if !ok {
			return fmt.Sprintf("%#v", keys)
		}
		n += len(s) + 4
	}
	b := make([]byte, 0, n)
	b = append(b, 0)
	for _, k := range keys {
		s := k.(string)
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	return string(b)
}

// summaryPartial is the entry of a list. It is rendered once per page and
// language, and reused by every list that shows the page (the home page,
// its section, each of its terms): on a large site, lists hold six times
// as many entries as there are articles. It receives the page as .Page
// and the site's view as .Data, and should not depend on the list.
const summaryPartial = "partials/summary.html"

// Execute renders the page layout name with data. Templates speak the
// language of data when it has a Language method (a *Data does), else the
// site's default language.
func (t *Theme) Execute(w io.Writer, name string, data any) error {
	lang := t.defaultLang()
	if d, ok := data.(interface{ Language() string }); ok && d.Language() != "" {
		lang = strings.ToLower(d.Language())
	}
	idle := t.idle(lang)
	sets := idle.get()
	if sets == nil {
		var err error
		if sets, err = t.newSets(lang); err != nil {
			return err
		}
	}
	defer idle.put(sets)
	tmpl, ok := sets[name]
	if !ok {
		return fmt.Errorf("theme: no layout %q (looked in layouts/, %s)", name, t.lookedIn())
	}
	return tmpl.Execute(w, data)
}

func (t *Theme) lookedIn() string {
	var l []string
	for _, x := range t.layers[1:] {
		l = append(l, x.show("layouts/"))
	}
	return strings.Join(l, ", ")
}

// Lookup reports whether the theme has a page layout or a partial of that
// name ("page.html", "posts/page.html", "partials/head.html").
func (t *Theme) Lookup(name string) bool { return t.names[name] }

// Static returns the theme's static/ files by output path ("css/style.css"),
// the named theme's files over the default theme's, since its layouts may
// still fall back to the default ones. The site's static/ is laid over
// this by the build.
func (t *Theme) Static() (map[string][]byte, error) {
	out := map[string][]byte{}
	for i := len(t.layers) - 1; i >= 1; i-- { // layer 0 is the site: the build copies its static/
		l := t.layers[i]
		root := l.path("static")
		err := fs.WalkDir(l.fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(l.fsys, p)
			if err != nil {
				return err
			}
			out[strings.TrimPrefix(p, root+"/")] = b
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.show("static"), err)
		}
	}
	return out, nil
}
