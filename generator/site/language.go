package site

import (
	"cmp"
	"slices"
	"strings"
)

// Langs returns the site's languages, default first, then by weight and
// code. A site with no [languages] table has one language, taken from
// languageCode. Every stage computes prefixes through this one function so
// URLs agree everywhere.
func (c *Config) Langs() []*Language {
	def := c.DefaultLang()
	if len(c.Languages) == 0 {
		loc := c.LanguageCode
		if loc == "" {
			loc = def
		}
		return []*Language{{Code: def, Locale: loc, Title: c.Title, Description: c.Description, Default: true, Prefix: prefix(c, def, nil)}}
	}
	var out []*Language
	for code, lc := range c.Languages {
		l := &Language{
			Code:        code,
			Locale:      cmp.Or(lc.LanguageCode, localeFor(c, code)),
			Title:       cmp.Or(lc.Title, c.Title),
			Description: cmp.Or(lc.Description, c.Description),
			Weight:      lc.Weight,
			Default:     code == def,
			Prefix:      prefix(c, code, lc.Prefix),
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *Language) int {
		if a.Default != b.Default {
			if a.Default {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Code, b.Code))
	})
	return out
}

// Lang returns the language with that code, or the default one.
func (c *Config) Lang(code string) *Language {
	ls := c.Langs()
	for _, l := range ls {
		if l.Code == code {
			return l
		}
	}
	return ls[0]
}

// DefaultLang is the code of the default language: defaultLanguage, else
// the primary subtag of languageCode ("fr-FR" -> "fr"), else "en".
func (c *Config) DefaultLang() string {
	if c.DefaultLanguage != "" {
		return strings.ToLower(c.DefaultLanguage)
	}
	if c.LanguageCode != "" {
		code, _, _ := strings.Cut(strings.ReplaceAll(c.LanguageCode, "_", "-"), "-")
		return strings.ToLower(code)
	}
	return "en"
}

// localeFor gives the default language the site's languageCode when it
// matches, so "fr" keeps "fr-FR".
func localeFor(c *Config, code string) string {
	if strings.HasPrefix(strings.ToLower(c.LanguageCode), code) {
		return c.LanguageCode
	}
	return code
}

func prefix(c *Config, code string, set *string) string {
	if set != nil {
		p := strings.Trim(*set, "/")
		if p == "" {
			return ""
		}
		return "/" + p
	}
	if code == c.DefaultLang() && !c.DefaultInSubdir {
		return ""
	}
	return "/" + code
}
