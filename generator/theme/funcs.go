package theme

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/slug"
)

// funcs are the template functions (listed in the package comment), T and
// date bound to one language.
func (t *Theme) funcs(lang string) template.FuncMap {
	msgs := t.I18n(lang)
	loc := t.cfg.Location
	base := basePath(t.cfg)
	return template.FuncMap{
		"T": msgs.T,
		"date": func(v any, style string) (string, error) {
			tm, ok := v.(time.Time)
			if !ok {
				if p, isPtr := v.(*time.Time); isPtr && p != nil {
					tm, ok = *p, true
				}
			}
			if !ok {
				return "", fmt.Errorf("date: %T is not a time", v)
			}
			if loc != nil && !tm.IsZero() {
				tm = tm.In(loc)
			}
			return formatDate(tm, msgs, style), nil
		},
		"absURL":   func(s string) string { return AbsURL(t.cfg, s) },
		"relURL":   func(s string) string { return relURL(base, s) },
		"safeHTML": func(s string) template.HTML { return template.HTML(s) },
		"jsonld":   jsonld,
		"dict":     dict,
		"slug":     slug.Make,
		// Replaced in sets by functions bound to a language's templates.
		"summary": func(*Data, *site.Page) (template.HTML, error) {
			return "", errors.New("summary: not bound to a language")
		},
		"partialCached": func(string, any, ...any) (template.HTML, error) {
			return "", errors.New("partialCached: not bound to a language")
		},
		// The built-in partials (builtin.go).
		"shareMeta":  func(d *Data) (template.HTML, error) { return shareMeta(d, msgs) },
		"pagination": func(d *Data) template.HTML { return pagination(d, msgs, base) },
		"langName": func(code string) string {
			if m := t.I18n(code); m.own["languageName"].forms != nil {
				return m.T("languageName")
			}
			return strings.ToUpper(code)
		},
	}
}

// isAbs reports whether u names its scheme or host: "https://x", "//x",
// "mailto:a". Templates call it for every link, so it reads the scheme
// by hand rather than parsing the whole URL.
func isAbs(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// AbsURL joins a site-relative path ("/posts/x/") to the site's baseURL.
// Absolute URLs are returned as they are.
func AbsURL(cfg *site.Config, u string) string {
	if isAbs(u) {
		return u
	}
	return strings.TrimSuffix(cfg.BaseURL, "/") + "/" + strings.TrimPrefix(u, "/")
}

// RelURL makes a site-relative path root-relative for the browser, under
// the path of baseURL: with baseURL "https://x.org/blog/", "/posts/a/" is
// "/blog/posts/a/". Absolute URLs are returned as they are.
func RelURL(cfg *site.Config, u string) string { return relURL(basePath(cfg), u) }

// basePath is the path of baseURL without its final slash: "" or "/blog".
func basePath(cfg *site.Config) string {
	if p, err := url.Parse(cfg.BaseURL); err == nil {
		return strings.TrimSuffix(p.Path, "/")
	}
	return ""
}

func relURL(base, u string) string {
	if isAbs(u) {
		return u
	}
	if u == "" || u[0] != '/' {
		return base + "/" + u
	}
	return base + u
}

// jsonld writes v as a JSON-LD script element. encoding/json escapes <, >
// and & (and U+2028, U+2029), so a title holding "</script>" stays data.
func jsonld(v any) (template.HTML, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("jsonld: %w", err)
	}
	return template.HTML(`<script type="application/ld+json">` + string(b) + `</script>`), nil
}

// dict builds a map from key-value pairs: dict "page" . "root" $.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: %d arguments (want key-value pairs)", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is %T (want a string)", kv[i], kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
