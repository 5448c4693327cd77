package generator

import (
	"fmt"
	"html"
	"html/template"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"github.com/relais/relais/generator/content"
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

// renderMarkdown fills each page's HTML, TOC, summary and counts, in
// parallel, and takes the title from the first heading when the front
// matter has none. It returns the warnings with their file lines.
func renderMarkdown(md *markdown.Markdown, cfg *site.Config, pages []*site.Page) []*site.Error {
	urls := make(map[string]string, len(pages))
	for _, p := range pages {
		urls[p.Path] = p.URL
	}
	ty := Typography(cfg)
	warns := make([][]*site.Error, len(pages))
	parallel(len(pages), func(i int) {
		p := pages[i]
		dir := path.Dir(p.Path)
		res, err := md.Render(markdown.Input{
			Source:       p.Body,
			Lang:         p.Lang,
			ExtractTitle: p.Title == "",
			ResolveLink: func(dest string) (string, bool) {
				file, frag, _ := strings.Cut(dest, "#")
				full := path.Join(dir, file)
				if rest, ok := strings.CutPrefix(file, "@/"); ok { // Zola's link from the content root
					full = path.Join("content", rest)
				}
				u, ok := urls[full]
				if ok && frag != "" {
					u += "#" + frag
				}
				return u, ok
			},
		})
		if err != nil {
			warns[i] = append(warns[i], &site.Error{Path: p.Path, Line: p.BodyLine, Err: err})
			return
		}
		for _, w := range res.Warnings {
			warns[i] = append(warns[i], &site.Error{Path: p.Path, Line: p.BodyLine + w.Line - 1, Err: fmt.Errorf("%s", w.Msg)})
		}
		p.HTML = template.HTML(res.HTML)
		p.TOC = template.HTML(res.TOC)
		p.Summary, p.SummaryHTML, p.Truncated = res.Summary, template.HTML(res.SummaryHTML), res.Truncated
		if s, ok := p.Params["summary"].(string); ok && strings.TrimSpace(s) != "" {
			p.Summary = ty(p.Lang, strings.TrimSpace(s))
			p.SummaryHTML = template.HTML("<p>" + html.EscapeString(p.Summary) + "</p>")
			p.Truncated = true
		}
		p.FirstImage, p.WordCount, p.ReadingTime = res.FirstImage, res.WordCount, res.ReadingTime
		switch {
		case p.Title != "":
		case res.Title != "":
			p.Title, p.TitleFromH1 = res.Title, true
		default:
			p.Title = content.TitleFromName(p.Path)
		}
		p.Title = ty(p.Lang, p.Title)
		p.Description = ty(p.Lang, p.Description)
		p.Body = nil // rendered: the source is not needed any more, and 10,000 of them weigh 70 MB
	})
	var out []*site.Error
	for _, w := range warns {
		out = append(out, w...)
	}
	return out
}
