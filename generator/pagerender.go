package generator

import (
	"fmt"
	"html"
	"html/template"
	"path"
	"reflect"
	"strings"

	"github.com/relais/relais/generator/content"
	"github.com/relais/relais/generator/markdown"
	"github.com/relais/relais/generator/site"
)

// rendered is what Markdown gave one page: the fields renderMarkdown
// fills, kept by a Builder so that an unchanged page is not converted
// again. It stays good while every link it resolved resolves the same.
type rendered struct {
	ok          bool // false: Markdown failed, the page keeps its fields as parsed
	html, toc   template.HTML
	summary     string
	summaryHTML template.HTML
	truncated   bool
	firstImage  string
	words, mins int
	title       string
	titleFromH1 bool
	description string

	warns []*site.Error
	links map[string]string // every link looked up -> the URL it gave ("\x00" when none)
	body  uint64            // version of the body fields, see Builder
}

// renderPage converts one page, as renderMarkdown does for each, recording
// the links it resolved through urls.
func renderPage(md *markdown.Markdown, ty func(lang, s string) string, p *site.Page, urls map[string]string) *rendered {
	dir := path.Dir(p.Path)
	r := &rendered{links: map[string]string{}}
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
			if ok {
				r.links[full] = u
			} else {
				r.links[full] = "\x00"
			}
			if ok && frag != "" {
				u += "#" + frag
			}
			return u, ok
		},
	})
	if err != nil {
		r.warns = append(r.warns, &site.Error{Path: p.Path, Line: p.BodyLine, Err: err})
		return r
	}
	for _, w := range res.Warnings {
		r.warns = append(r.warns, &site.Error{Path: p.Path, Line: p.BodyLine + w.Line - 1, Err: fmt.Errorf("%s", w.Msg)})
	}
	r.ok = true
	r.html, r.toc = template.HTML(res.HTML), template.HTML(res.TOC)
	r.summary, r.summaryHTML, r.truncated = res.Summary, template.HTML(res.SummaryHTML), res.Truncated
	if s, ok := p.Params["summary"].(string); ok && strings.TrimSpace(s) != "" {
		r.summary = ty(p.Lang, strings.TrimSpace(s))
		r.summaryHTML = template.HTML("<p>" + html.EscapeString(r.summary) + "</p>")
		r.truncated = true
	}
	r.firstImage, r.words, r.mins = res.FirstImage, res.WordCount, res.ReadingTime
	r.title, r.titleFromH1 = p.Title, p.TitleFromH1
	switch {
	case p.Title != "":
	case res.Title != "":
		r.title, r.titleFromH1 = res.Title, true
	default:
		r.title = content.TitleFromName(p.Path)
	}
	r.title = ty(p.Lang, r.title)
	r.description = ty(p.Lang, p.Description)
	return r
}

// apply fills the page's fields, as renderMarkdown does.
func (r *rendered) apply(p *site.Page) {
	p.Body = nil
	if !r.ok {
		return
	}
	p.HTML, p.TOC = r.html, r.toc
	p.Summary, p.SummaryHTML, p.Truncated = r.summary, r.summaryHTML, r.truncated
	p.FirstImage, p.WordCount, p.ReadingTime = r.firstImage, r.words, r.mins
	p.Title, p.TitleFromH1, p.Description = r.title, r.titleFromH1, r.description
}

// valid reports whether the links the page resolved still resolve the same.
func (r *rendered) valid(urls map[string]string) bool {
	for full, was := range r.links {
		u, ok := urls[full]
		if !ok {
			u = "\x00"
		}
		if u != was {
			return false
		}
	}
	return true
}

// sameBody reports whether two renderings give the page the same body.
func (r *rendered) sameBody(o *rendered) bool {
	return o != nil && r.ok == o.ok && r.html == o.html && r.toc == o.toc && r.summary == o.summary &&
		r.summaryHTML == o.summaryHTML && r.truncated == o.truncated && r.firstImage == o.firstImage &&
		r.words == o.words && r.mins == o.mins
}

// sameMeta reports whether two renderings give the page the same title and
// description, which lists and links show.
func (r *rendered) sameMeta(o *rendered) bool {
	return o != nil && r.ok == o.ok && r.title == o.title && r.titleFromH1 == o.titleFromH1 && r.description == o.description
}

// metaOf is a page without its body, rendered or not, and without the
// links to other pages that site.New fills: what a list, a feed or a link
// says of it. Two pages with equal metaOf have the same meta version.
func metaOf(p *site.Page) site.Page {
	m := *p
	m.Body, m.HTML, m.TOC, m.Summary, m.SummaryHTML, m.Truncated = nil, "", "", "", "", false
	m.FirstImage, m.WordCount, m.ReadingTime = "", 0, 0
	m.Prev, m.Next, m.Pages, m.Translations = nil, nil, nil, nil
	return m
}

func sameMeta(a, b *site.Page) bool {
	ma, mb := metaOf(a), metaOf(b)
	return reflect.DeepEqual(ma, mb)
}
