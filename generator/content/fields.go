package content

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/slug"
)

// Each reader method takes a value as decoded and the key as written, and
// reports a wrong shape at that key's line, saying what it wants.

// text reads a scalar as text; numbers keep the form they were written in
// (`title: 2019`, `version: 3.0`).
func (r *reader) text(k string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int, float64, bool, uint64, time.Time:
		if raw, ok := r.fm.raw[k]; ok {
			return raw
		}
		return scalarText(x)
	}
	r.errorf(k, "%s: %s (want text)", k, describe(v))
	return ""
}

func scalarText(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// describe names a value for an error message: `got a list`, `got "maybe"`.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "got nothing"
	case string:
		return fmt.Sprintf("got %q", x)
	case []any:
		return "got a list"
	case map[string]any:
		return "got a map"
	}
	return "got " + scalarText(v)
}

func (r *reader) integer(k string, v any) int {
	switch x := v.(type) {
	case nil:
		return 0
	case int:
		return x
	case float64:
		if x == float64(int(x)) {
			return int(x)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n
		}
	}
	r.errorf(k, "%s: %s (want a whole number)", k, describe(v))
	return 0
}

// date reads a date written as text (YAML, JSON) or as a TOML date. An
// empty value, as archetypes leave it, means no date.
func (r *reader) date(k string, v any) time.Time {
	switch x := v.(type) {
	case nil:
		return time.Time{}
	case string:
		if strings.TrimSpace(x) == "" {
			return time.Time{}
		}
		t, err := ParseDate(x, r.loc)
		if err != nil {
			r.errorf(k, "%s %v", k, err)
		}
		return t
	case time.Time:
		return x
	}
	r.errorf(k, "%s: %s (want YYYY-MM-DD or RFC 3339)", k, describe(v))
	return time.Time{}
}

// list reads text or a list of text. Lists may hold nulls (`tags:\n  -`),
// which are skipped. With comma, a single text "a, b" is split, as people
// write tags; URLs (images) contain commas and are not split.
func (r *reader) list(k string, v any, comma bool) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	switch x := v.(type) {
	case nil:
	case string:
		if !comma {
			add(x)
			break
		}
		for _, s := range strings.Split(x, ",") {
			add(s)
		}
	case int, float64, bool:
		add(r.text(k, v))
	case []any:
		for i, e := range x {
			switch e.(type) {
			case nil:
			case string, int, float64, bool:
				add(scalarText(e))
			default:
				r.errorf(k, "%s: item %d %s (want text)", k, i+1, describe(e))
			}
		}
	default:
		r.errorf(k, "%s: %s (want a list of text, or text)", k, describe(v))
	}
	return uniq(out)
}

// authors reads a name, a list of names, or maps with a "name" key.
func (r *reader) authors(k string, v any) []string {
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	var out []string
	for _, e := range items {
		if m, ok := e.(map[string]any); ok {
			name, _ := lookupFold(m, "name").(string)
			if name == "" {
				r.errorf(k, "%s: an author map needs a name", k)
				continue
			}
			e = name
		}
		out = append(out, r.list(k, e, false)...)
	}
	return uniq(out)
}

// images reads images (a list), image and cover (text, or a map with
// src/image/url and alt, as themes write them). The first alt text goes to
// Params["imageAlt"].
func (r *reader) images() {
	for _, key := range keysImages {
		k, v, ok := r.get(key)
		if !ok {
			continue
		}
		items, isList := v.([]any)
		if !isList {
			items = []any{v}
		}
		for _, e := range items {
			m, isMap := e.(map[string]any)
			if !isMap {
				r.p.Images = append(r.p.Images, r.list(k, e, false)...)
				continue
			}
			src := lookupFold(m, "src", "image", "url", "path")
			s, _ := src.(string)
			if s = strings.TrimSpace(s); s == "" {
				r.errorf(k, "%s: an image map needs src (want {src: cover.jpg, alt: …})", k)
				continue
			}
			r.p.Images = append(r.p.Images, s)
			if alt, _ := lookupFold(m, "alt").(string); alt != "" && r.p.Params["imageAlt"] == nil {
				r.p.Params["imageAlt"] = alt
			}
		}
	}
	r.p.Images = uniq(r.p.Images)
}

// lookupFold returns the first of keys present in m, matched without case.
func lookupFold(m map[string]any, keys ...string) any {
	for _, want := range keys {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if strings.EqualFold(k, want) {
				return m[k]
			}
		}
	}
	return nil
}

// terms reads each taxonomy from its plural key and, as Jekyll writes
// them, its singular one (`category: release`). Terms are kept as written;
// two spellings of one slug ("Go", "go") keep the first.
func (r *reader) terms() {
	tax := r.taxonomies()
	for _, single := range slices.Sorted(maps.Keys(tax)) {
		plural := tax[single]
		var vals []string
		keys := []string{strings.ToLower(plural)}
		if !strings.EqualFold(single, plural) {
			keys = append(keys, strings.ToLower(single))
		}
		for _, key := range keys {
			if k, v, ok := r.get(key); ok {
				vals = append(vals, r.list(k, v, true)...)
			}
		}
		var out []string
		seen := map[string]bool{}
		for _, t := range vals {
			id := cmp.Or(slug.Make(t), t)
			if !seen[id] {
				seen[id] = true
				out = append(out, t)
			}
		}
		if len(out) > 0 {
			if r.p.Terms == nil {
				r.p.Terms = map[string][]string{}
			}
			r.p.Terms[plural] = out
		}
	}
}

// social reads the page's instructions for the relay:
//
//	social:
//	  text: "…"             # every platform
//	  mastodon: "…"         # one platform
//	  hashtags: [relais, "#blog"]
//	  mentions: {x: ["@a"], mastodon: "@b@exemple.fr"}
//
// A plain `social: "…"` is the text. Platform names are lowercased.
func (r *reader) social(k string, v any) site.Social {
	s := site.Social{Line: r.fm.line(k)}
	switch x := v.(type) {
	case nil:
	case string:
		s.Text = x
	case map[string]any:
		for _, key := range slices.Sorted(maps.Keys(x)) {
			val, kp := x[key], k+"."+key
			switch low := strings.ToLower(key); low {
			case "text":
				s.Text = r.text(kp, val)
			case "hashtags":
				s.Hashtags = handles(r.list(kp, val, true), "#")
			case "mentions":
				s.Mentions = r.mentions(kp, val)
			default:
				if s.Texts == nil {
					s.Texts = map[string]string{}
				}
				s.Texts[low] = r.text(kp, val)
			}
		}
	default:
		r.errorf(k, "%s: %s (want text, or a map of platform: text)", k, describe(v))
	}
	return s
}

func (r *reader) mentions(k string, v any) map[string][]string {
	m, ok := v.(map[string]any)
	if !ok {
		if v != nil {
			r.errorf(k, "%s: %s (want a map of platform: [\"@handle\"])", k, describe(v))
		}
		return nil
	}
	out := map[string][]string{}
	for _, p := range slices.Sorted(maps.Keys(m)) {
		if l := handles(r.list(k+"."+p, m[p], true), ""); len(l) > 0 {
			out[strings.ToLower(p)] = l
		}
	}
	return out
}

// handles splits "a b, c" into words and drops a leading mark ("#tag"),
// since hashtags and handles never hold spaces.
func handles(items []string, mark string) []string {
	var out []string
	for _, it := range items {
		for _, w := range strings.FieldsFunc(it, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
			if mark != "" {
				w = strings.TrimLeft(w, mark)
			}
			if w != "" {
				out = append(out, w)
			}
		}
	}
	return uniq(out)
}

// language sets Lang and TranslationKey: the file name's language
// ("post.en.md") wins, then front matter `lang`, then the site's default.
// A single-language site keeps a page's own `lang` in Params["lang"], for
// the theme's <html lang>.
func (r *reader) language() {
	p := r.p
	k, v, ok := r.get("lang")
	want := ""
	if ok {
		want = strings.TrimSpace(r.text(k, v))
	}
	def := r.cfg.DefaultLang()
	switch {
	case r.pl.fileLang != "":
		p.Lang = r.pl.fileLang
		if want != "" && !sameLang(want, p.Lang) {
			r.warn(k, "lang %q differs from %q in the file name: the file name is used", want, p.Lang)
		}
	case want != "" && len(r.cfg.Languages) > 0:
		var codes []string
		for _, l := range r.cfg.Langs() {
			codes = append(codes, l.Code)
			if p.Lang == "" && strings.EqualFold(l.Code, want) {
				p.Lang = l.Code
			}
		}
		for _, l := range r.cfg.Langs() {
			if p.Lang == "" && sameLang(l.Code, want) {
				p.Lang = l.Code
			}
		}
		if p.Lang == "" {
			r.errorf(k, "lang %q is not a language of the site (want one of %s)", want, strings.Join(codes, ", "))
			p.Lang = def
		}
	default:
		p.Lang = def
		if want != "" && !sameLang(want, def) {
			p.Params["lang"] = want
		}
	}
	if k, v, ok := r.get("translationkey"); ok {
		p.TranslationKey = strings.TrimSpace(r.text(k, v))
	}
	if p.TranslationKey == "" {
		p.TranslationKey = r.pl.translationKey()
	}
}

// sameLang compares language tags by their primary subtag: "fr-FR" is "fr".
func sameLang(a, b string) bool {
	pa, _, _ := strings.Cut(strings.ReplaceAll(a, "_", "-"), "-")
	pb, _, _ := strings.Cut(strings.ReplaceAll(b, "_", "-"), "-")
	return strings.EqualFold(pa, pb)
}

// url sets Slug, URL and Aliases. A page's url and Zola path are
// relative to its language root, like the URLs relais builds: "/about/" on
// an English page is "/en/about/". An alias is relative to the language
// root too ("old" -> "/en/old/"), unless it starts with "/": aliases catch
// old addresses, which may lie anywhere on the site.
func (r *reader) url() {
	p, pl := r.p, r.pl
	prefix := r.cfg.Lang(p.Lang).Prefix
	r.urlLine = 1
	if k, v, ok := r.get("slug"); ok {
		s := strings.Trim(strings.TrimSpace(r.text(k, v)), "/")
		switch {
		case s == "":
		case safeSegment(s):
			p.Slug = s
		default:
			p.Slug = slug.Make(s)
			r.warn(k, "slug %q is not a URL path segment: %q is used", s, p.Slug)
		}
		if p.Slug != "" {
			r.urlLine = r.fm.line(k)
		}
	}
	if p.Slug == "" {
		_, rest, _, _ := localDate(pl.name, r.loc)
		if pl.kind == site.KindSection {
			rest = path.Base(pl.dir)
			if pl.dir == "" {
				rest = ""
			}
		}
		p.Slug = cmp.Or(slug.Make(rest), segment(rest))
	}
	var u string
	if k, v, ok := r.get("url"); ok {
		if s := r.text(k, v); strings.TrimSpace(s) != "" {
			var err error
			if u, err = userPath(s); err != nil {
				r.errorf(k, "%s: %v", k, err)
			}
			r.urlLine = r.fm.line(k)
		}
	}
	if k, v, ok := r.get("path"); ok {
		// Zola's path, when it is one; anything else stays a param.
		s, isText := v.(string)
		zp, err := userPath(s)
		if isText && err == nil && u == "" {
			u, r.urlLine = zp, r.fm.line(k)
		} else {
			r.used[k] = false
		}
	}
	if u == "" {
		u = r.permalink()
	}
	p.URL = withPrefix(prefix, u)
	for _, key := range keysAliases {
		k, v, ok := r.get(key)
		if !ok {
			continue
		}
		if r.aliasLine == 0 {
			r.aliasLine = r.fm.line(k)
		}
		for _, a := range r.list(k, v, false) {
			ap, err := userPath(a)
			if err != nil {
				r.errorf(k, "%s: %v", k, err)
				continue
			}
			if !strings.HasPrefix(strings.TrimSpace(a), "/") {
				ap = withPrefix(prefix, ap)
			}
			if ap == p.URL {
				r.warn(k, "%s: %q is the page's own URL: it is left out", k, a)
				continue
			}
			p.Aliases = append(p.Aliases, ap)
		}
	}
	p.Aliases = uniq(p.Aliases)
}

// permalink builds the URL from the folders, or from the section's
// pattern in config.toml.
func (r *reader) permalink() string {
	p, pl := r.p, r.pl
	if pl.kind == site.KindSection {
		return cleanURL(segments(pl.dir))
	}
	pattern := DefaultPermalink
	if pat := r.cfg.Permalinks[pl.section]; pl.section != "" && pat != "" {
		pattern = pat
	}
	if needsDate(pattern) && p.Date.IsZero() {
		r.warns = append(r.warns, site.Errorf(r.name, 1, "permalink %q of section %q needs a date and the page has none: %q is used", pattern, pl.section, DefaultPermalink))
		pattern = DefaultPermalink
	}
	u, err := permalink(pattern, p, pl)
	if err != nil {
		r.errs.Add(r.name, 1, "%v", err)
	}
	return u
}

// uniq drops repeated items, keeping the first of each, in one pass so
// that a front matter with thousands of aliases stays linear.
func uniq(list []string) []string {
	seen := make(map[string]bool, len(list))
	out := list[:0]
	for _, it := range list {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}

// appendNew appends the items not already in list.
func appendNew(list []string, items ...string) []string {
	return uniq(append(list, items...))
}

// sortedKeys lists keys in file order (then by name), so that choices
// between spellings, and the messages about them, do not depend on map order.
func sortedKeys(m map[string]any, lines map[string]int) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(lines[a], lines[b]), cmp.Compare(a, b))
	})
	return keys
}
