package content

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/relais/relais/generator/site"
)

// Parse is pure: one file's bytes → a Page (Path = name, the file's path
// in the site folder, "content/posts/hello.md"). Errors are *site.Error
// with the file line (several are joined with errors.Join); warnings are
// problems relais worked around, such as a file saved as Latin-1.
//
// Parse fills everything one file tells: front matter, body, kind,
// section, bundle, language, slug, URL and aliases. Load adds what needs
// the other files: resources, translations, collisions, publication.
func Parse(name string, data []byte, cfg *site.Config) (*site.Page, []*site.Error, error) {
	r := parse(name, data, cfg)
	return r.page, r.warns, r.err
}

// result is Parse's answer plus what Load needs to know about the page.
type result struct {
	page    *site.Page
	warns   []*site.Error
	err     error
	publish time.Time // when the page goes out: publishDate, else Date
	urlLine int       // where the URL came from (url, path, slug), else 1
	// aliasLine is the line of the aliases key, for collision errors.
	aliasLine int
}

func parse(name string, data []byte, cfg *site.Config) result {
	if cfg == nil {
		cfg = &site.Config{}
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	data, warns := normalize(name, data)
	fm, w, err := split(name, data, loc)
	warns = append(warns, w...)
	if err != nil {
		return result{warns: warns, err: err}
	}
	pl := locate(name, cfg)
	p := &site.Page{
		Path:     name,
		BodyLine: fm.bodyLine,
		Body:     bytes.Clone(fm.body),
		Kind:     pl.kind,
		Section:  pl.section,
		Bundle:   pl.bundle,
		Params:   map[string]any{},
	}
	if pl.bundle {
		p.Dir = path.Dir(path.Clean(name))
	}
	r := &reader{fm: fm, name: name, cfg: cfg, loc: loc, p: p, pl: pl, used: map[string]bool{}}
	r.index()
	r.read()
	res := result{page: p, warns: append(warns, r.warns...), publish: r.publish, urlLine: r.urlLine, aliasLine: r.aliasLine}
	if len(r.errs) > 0 {
		res.page, res.err = nil, join(r.errs)
	}
	return res
}

// join returns one *site.Error as it is, and several sorted and joined.
func join(l site.Errors) error {
	if len(l) == 1 {
		return l[0]
	}
	return l.Err()
}

// reader turns front-matter values into page fields, collecting every
// problem rather than stopping at the first.
type reader struct {
	fm        *frontMatter
	name      string
	cfg       *site.Config
	loc       *time.Location
	p         *site.Page
	pl        place
	keys      map[string]string // lowercased known key -> key as written
	used      map[string]bool   // keys as written that became fields
	errs      site.Errors
	warns     []*site.Error
	publish   time.Time
	urlLine   int
	aliasLine int
}

// Front-matter keys relais reads, lowercased; within a field, the first
// present wins (Hugo's order). Known keys are matched without case, so
// publishDate and publishdate both work; all other keys go to Params
// exactly as written.
var (
	keysPublish = []string{"publishdate", "pubdate", "published"}
	keysLastmod = []string{"lastmod", "modified", "updated", "last_modified_at"}
	keysExpiry  = []string{"expirydate", "unpublishdate"}
	keysAliases = []string{"aliases", "redirect_from"}
	keysImages  = []string{"images", "image", "cover"}
	keysAuthors = []string{"authors", "author"}
	known       = []string{"title", "description", "summary", "date", "draft", "slug", "url", "path",
		"weight", "lang", "translationkey", "social"}
)

// defaultTaxonomies applies when config.toml names none.
var defaultTaxonomies = map[string]string{"tag": "tags", "category": "categories"}

func (r *reader) taxonomies() map[string]string {
	if len(r.cfg.Taxonomies) == 0 {
		return defaultTaxonomies
	}
	return r.cfg.Taxonomies
}

// index maps known keys, lowercased, to the key as written. When two
// spellings of one key are present, the first in the file is read and the
// other is reported.
func (r *reader) index() {
	isKnown := map[string]bool{}
	for _, l := range [][]string{known, keysPublish, keysLastmod, keysExpiry, keysAliases, keysImages, keysAuthors} {
		for _, k := range l {
			isKnown[k] = true
		}
	}
	for s, pl := range r.taxonomies() {
		isKnown[strings.ToLower(s)], isKnown[strings.ToLower(pl)] = true, true
	}
	r.keys = map[string]string{}
	for _, k := range sortedKeys(r.fm.values, r.fm.lines) {
		low := strings.ToLower(k)
		if !isKnown[low] {
			continue
		}
		if first, ok := r.keys[low]; ok {
			r.warn(k, "key %q is read as %q, already set on line %d: it is ignored", k, first, r.fm.line(first))
			r.used[k] = true
			continue
		}
		r.keys[low] = k
	}
}

// get returns the first present key of a field and marks it read.
func (r *reader) get(keys ...string) (key string, v any, ok bool) {
	for _, k := range keys {
		if w, found := r.keys[k]; found && !r.used[w] {
			r.used[w] = true
			return w, r.fm.values[w], true
		}
	}
	return "", nil, false
}

func (r *reader) errorf(key, format string, args ...any) {
	r.errs.Add(r.name, r.fm.line(key), format, args...)
}

func (r *reader) warn(key, format string, args ...any) {
	r.warns = append(r.warns, site.Errorf(r.name, r.fm.line(key), format, args...))
}

func (r *reader) read() {
	p := r.p
	if k, v, ok := r.get("title"); ok {
		p.Title = r.text(k, v)
	}
	if k, v, ok := r.get("description"); ok {
		p.Description = r.text(k, v)
	}
	if k, v, ok := r.get("summary"); ok {
		if s := r.text(k, v); s != "" {
			p.Params["summary"] = s
		}
	}
	r.dates()
	r.draft()
	if k, v, ok := r.get("weight"); ok {
		p.Weight = r.integer(k, v)
	}
	for _, keys := range [][]string{{"authors"}, {"author"}} {
		if k, v, ok := r.get(keys...); ok {
			p.Authors = appendNew(p.Authors, r.authors(k, v)...)
		}
	}
	r.images()
	r.terms()
	if k, v, ok := r.get("social"); ok {
		p.Social = r.social(k, v)
	}
	r.language()
	r.url()
	for k, v := range r.fm.values {
		if !r.used[k] {
			p.Params[k] = v
		}
	}
}

// dates reads date, publishDate, lastmod and expiryDate, then falls back
// to the date in a Jekyll-style file name, then to the one in Zola's path.
func (r *reader) dates() {
	p := r.p
	if k, v, ok := r.get("date"); ok {
		p.Date = r.date(k, v)
	}
	// Jekyll's "published: false" unpublishes; a date there is a
	// publication date, as in Hugo.
	if w, ok := r.keys["published"]; ok {
		if b, isBool := boolValue(r.fm.values[w]); isBool {
			r.used[w] = true
			p.Draft = p.Draft || !b
		}
	}
	var publish time.Time
	if k, v, ok := r.get(keysPublish...); ok {
		publish = r.date(k, v)
	}
	if k, v, ok := r.get(keysLastmod...); ok {
		p.Lastmod = r.date(k, v)
	}
	if k, v, ok := r.get(keysExpiry...); ok {
		p.ExpiryDate = r.date(k, v)
	}
	if p.Date.IsZero() {
		p.Date = publish
	}
	t, _, named, err := localDate(r.pl.name, r.loc)
	if err != nil {
		r.warns = append(r.warns, site.Errorf(r.name, 1, "file name starts with %q, which is not a date: %v", r.pl.name[:10], err))
	}
	if p.Date.IsZero() && named {
		p.Date = t
	}
	if p.Date.IsZero() {
		p.Date = r.pathDate()
	}
	r.publish = publish
	if r.publish.IsZero() {
		r.publish = p.Date
	}
}

// zolaDate matches the date Zola sites put at the start of their path.
var zolaDate = regexp.MustCompile(`^/?(?:[^/]+/)?(\d{4}/\d{2}/\d{2})/`)

// pathDate reads the date in Zola's `path = "2024/12/16/slug"`, the only
// date a Zola post may carry.
func (r *reader) pathDate() time.Time {
	w, ok := r.keys["path"]
	if !ok {
		return time.Time{}
	}
	s, _ := r.fm.values[w].(string)
	m := zolaDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}
	}
	t, err := ParseDate(strings.ReplaceAll(m[1], "/", "-"), r.loc)
	if err != nil {
		return time.Time{}
	}
	return t
}

func (r *reader) draft() {
	k, v, ok := r.get("draft")
	if !ok || v == nil {
		return
	}
	b, isBool := boolValue(v)
	if !isBool {
		r.errorf(k, "%s: %s (want true or false)", k, describe(v))
		return
	}
	r.p.Draft = r.p.Draft || b
}

// boolValue reads true, false and their quoted forms ("true").
func boolValue(v any) (b, ok bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		// YAML 1.1 words too: Jekyll (Ruby) reads `draft: yes` as true.
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
	}
	return false, false
}

// TitleFromName makes a title from a file name, for pages with neither a
// title nor a first-level heading: "mon-article.md" -> "Mon article",
// "2024-03-01-bonne-annee.md" -> "Bonne annee", "posts/salut/index.md" ->
// "Salut". Dots inside the name are kept ("Rust 1.88.0").
func TitleFromName(name string) string {
	name = path.Clean(strings.ReplaceAll(name, "\\", "/"))
	base := path.Base(name)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if i := strings.LastIndexByte(stem, '.'); i > 0 && isLangCode(stem[i+1:]) {
		stem = stem[:i]
	}
	if stem == "index" || stem == "_index" {
		stem = path.Base(path.Dir(name))
		if stem == "." || stem == "/" || stem == "content" {
			return ""
		}
	}
	if _, rest, ok, _ := localDate(stem, time.UTC); ok {
		stem = rest
	}
	words := strings.FieldsFunc(stem, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) })
	s := strings.Join(words, " ")
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// langSuffix matches the language part of "post.en.md" or
// "post.pt-br.md": two letters, as nearly every site's codes are, so
// "notes.old.md" keeps its "old".
var langSuffix = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]{2,4})?$`)

func isLangCode(s string) bool { return langSuffix.MatchString(s) }
