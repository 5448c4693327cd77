package generator

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"github.com/relais/relais/generator/markdown"
	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/typography"
)

// typographyOptions reads [typography] with every rule on by default.
func typographyOptions(cfg *site.Config) (typography.Options, bool) {
	on := func(b *bool) bool { return b == nil || *b }
	t := cfg.Typography
	return typography.Options{Quotes: on(t.Quotes), NarrowNBSP: on(t.NarrowNBSP), ColonNBSP: on(t.ColonNBSP)}, on(t.French)
}

// Typography returns the typography pass for plain strings (titles,
// summaries, excerpts): English always, French when [typography] french is on.
func Typography(cfg *site.Config) func(lang, s string) string {
	opt, french := typographyOptions(cfg)
	return func(lang, s string) string {
		if !french && isFrench(lang) {
			return s
		}
		return typography.String(lang, s, opt)
	}
}

func isFrench(lang string) bool {
	return strings.HasPrefix(strings.ToLower(lang), "fr")
}

func markdownOptions(cfg *site.Config) markdown.Options {
	opt, french := typographyOptions(cfg)
	lang := markdown.Lang
	if !french {
		lang = func(pc parser.Context) string {
			if l := markdown.Lang(pc); !isFrench(l) {
				return l
			}
			return ""
		}
	}
	return markdown.Options{
		Unsafe:         cfg.Markup.Unsafe,
		Highlight:      cfg.Markup.Highlight.Enabled,
		HighlightStyle: cfg.Markup.Highlight.Style,
		LineNumbers:    cfg.Markup.Highlight.LineNumbers,
		Extensions:     []goldmark.Extender{typography.Extension(opt, lang)},
	}
}
