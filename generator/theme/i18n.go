package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/relais/relais/generator/site"
)

// A translation file is i18n/<lang>.toml, keys in English:
//
//	readMore = "Lire la suite"
//	months   = ["janvier", "février", …]   # lists: month and day names
//	[readingTime]                          # plural forms, CLDR categories
//	one   = "{count} min de lecture"
//	other = "{count} min de lecture"
//
// The site's i18n/fr.toml overrides or adds keys of the theme's, one by
// one, and a site's i18n/es.toml adds a language without touching a
// template. A key missing in a language falls back to its base language
// ("pt-br" -> "pt"), then to English, then to the key itself.

// pluralForms are the CLDR plural categories a table may use.
var pluralForms = map[plural.Form]string{
	plural.Other: "other", plural.Zero: "zero", plural.One: "one",
	plural.Two: "two", plural.Few: "few", plural.Many: "many",
}

// message is one key's value: text by plural category ("other" for a
// plain string), or a list.
type message struct {
	forms map[string]string
	list  []string
}

// catalog is every language's messages merged over the theme layers.
type catalog struct {
	msgs map[string]map[string]message // language -> key -> message

	mu    sync.Mutex
	cache map[string]*Messages
}

// loadCatalog reads i18n/*.toml of every layer, the first layer's keys
// winning. Every bad file is reported.
func loadCatalog(layers []layer) (*catalog, site.Errors) {
	c := &catalog{msgs: map[string]map[string]message{}, cache: map[string]*Messages{}}
	var errs site.Errors
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		dir := l.path("i18n")
		entries, err := fs.ReadDir(l.fsys, dir)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs.Add(l.show("i18n"), 0, "%v", err)
			}
			continue
		}
		for _, e := range entries {
			if e.IsDir() || path.Ext(e.Name()) != ".toml" {
				continue
			}
			shown := l.show(path.Join("i18n", e.Name()))
			b, err := fs.ReadFile(l.fsys, path.Join(dir, e.Name()))
			if err != nil {
				errs.Add(shown, 0, "%v", err)
				continue
			}
			m, ferrs := parseMessages(shown, b)
			errs = append(errs, ferrs...)
			lang := normLang(strings.TrimSuffix(e.Name(), ".toml"))
			if c.msgs[lang] == nil {
				c.msgs[lang] = map[string]message{}
			}
			for k, v := range m {
				c.msgs[lang][k] = v
			}
		}
	}
	return c, errs
}

// parseMessages reads one translation file. Values are strings, lists of
// strings, or tables of plural forms; anything else is an error at its line.
func parseMessages(file string, data []byte) (map[string]message, site.Errors) {
	var errs site.Errors
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			errs.Add(file, perr.Position.Line, "%s", perr.Message)
		} else {
			errs.Add(file, 0, "%v", err)
		}
		return nil, errs
	}
	out := make(map[string]message, len(raw))
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		switch v := raw[key].(type) {
		case string:
			out[key] = message{forms: map[string]string{"other": v}}
		case []any:
			list := make([]string, len(v))
			for i, x := range v {
				s, ok := x.(string)
				if !ok {
					errs.Add(file, keyLine(data, key), "%s: item %d is %T (want a string)", key, i+1, x)
					break
				}
				list[i] = s
			}
			out[key] = message{list: list}
		case map[string]any:
			forms := map[string]string{}
			for form, x := range v {
				s, ok := x.(string)
				if !ok || !isPluralForm(form) {
					errs.Add(file, keyLine(data, key), "%s.%s: want one of zero, one, two, few, many, other with a string value", key, form)
					continue
				}
				forms[form] = s
			}
			if forms["other"] == "" {
				errs.Add(file, keyLine(data, key), "%s: a plural table needs an \"other\" form", key)
			}
			out[key] = message{forms: forms}
		default:
			errs.Add(file, keyLine(data, key), "%s is %T (want a string, a list of strings or a table of plural forms)", key, v)
		}
	}
	return out, errs
}

func isPluralForm(s string) bool {
	for _, f := range pluralForms {
		if f == s {
			return true
		}
	}
	return false
}

// keyLine finds the line that sets key ("key =" or "[key]"), as the TOML
// decoder keeps no positions for values that parse but are of the wrong kind.
func keyLine(data []byte, key string) int {
	re := regexp.MustCompile(`^\s*(\[\s*)?("?` + regexp.QuoteMeta(key) + `"?)\s*(=|\])`)
	for i, line := range strings.Split(string(data), "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

func normLang(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "-")) }

// Messages are one language's strings, with their fallbacks.
type Messages struct {
	lang string
	tag  language.Tag
	own  map[string]message
	next *Messages // the base language, then English
}

// get returns the messages of lang, built once.
func (c *catalog) get(lang string) *Messages {
	lang = normLang(lang)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.getLocked(lang)
}

func (c *catalog) getLocked(lang string) *Messages {
	if m, ok := c.cache[lang]; ok {
		return m
	}
	m := &Messages{lang: lang, tag: language.Make(lang), own: c.msgs[lang]}
	c.cache[lang] = m
	if base, _, ok := strings.Cut(lang, "-"); ok {
		m.next = c.getLocked(base)
	} else if lang != "en" {
		m.next = c.getLocked("en")
	}
	return m
}

// I18n returns the strings of a language ("fr", "en", "pt-br"), the
// site's i18n/<lang>.toml over the theme's over the default theme's.
func (t *Theme) I18n(lang string) *Messages { return t.i18n.get(lang) }

// Lang is the language code these messages are for.
func (m *Messages) Lang() string { return m.lang }

// find returns key's message and the messages it was found in, whose
// plural rules apply.
func (m *Messages) find(key string) (message, *Messages, bool) {
	for x := m; x != nil; x = x.next {
		if v, ok := x.own[key]; ok {
			return v, x, true
		}
	}
	return message{}, nil, false
}

// Has reports whether key is translated in this language or a fallback.
func (m *Messages) Has(key string) bool {
	_, _, ok := m.find(key)
	return ok
}

// T returns the string for key. An optional argument is a count (any
// number), which picks the plural form and fills {count}, or a map whose
// values fill {name} placeholders (its "count" picks the form).
func (m *Messages) T(key string, args ...any) string {
	v, from, ok := m.find(key)
	if !ok {
		return key
	}
	if v.list != nil {
		return strings.Join(v.list, ", ")
	}
	var vars map[string]any
	count, counted := 0.0, false
	if len(args) > 0 {
		switch a := args[0].(type) {
		case map[string]any:
			vars = a
			count, counted = toFloat(a["count"])
		default:
			count, counted = toFloat(a)
			vars = map[string]any{"count": a}
		}
	}
	text := v.forms["other"]
	if counted {
		if s, ok := v.forms[from.form(count)]; ok {
			text = s
		}
	}
	if len(vars) == 0 || !strings.Contains(text, "{") {
		return text
	}
	return fill(text, func(name string) (string, bool) {
		x, ok := vars[name]
		if !ok {
			return "", false
		}
		return fmt.Sprint(x), true
	})
}

// list returns a list message (month or day names), or nil.
func (m *Messages) list(key string, n int) []string {
	for x := m; x != nil; x = x.next {
		if v, ok := x.own[key]; ok && len(v.list) == n {
			return v.list
		}
	}
	return nil
}

// form is the CLDR plural category of n in this language.
func (m *Messages) form(n float64) string {
	n = math.Abs(n)
	if n != math.Trunc(n) || n > math.MaxInt32 {
		// Fractions need the visible digits the caller did not give: the
		// general form is the safe choice.
		return "other"
	}
	return pluralForms[plural.Cardinal.MatchPlural(m.tag, int(n), 0, 0, 0, 0)]
}

func toFloat(x any) (float64, bool) {
	switch v := x.(type) {
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float32:
		return float64(v), true
	case float64:
		return v, true
	case string:
		f, err := strconv.ParseFloat(v, 64)
		return f, err == nil
	}
	return 0, false
}

// fill replaces each {name} of s for which value answers; other braces
// are left as they are.
func fill(s string, value func(name string) (string, bool)) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		if v, ok := value(s[i+1 : i+j]); ok {
			b.WriteString(s[:i])
			b.WriteString(v)
		} else {
			b.WriteString(s[:i+j+1])
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}
