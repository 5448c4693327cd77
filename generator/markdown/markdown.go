// Package markdown is the Markdown stage of the relais pipeline: a page's
// body bytes in; its HTML, table of contents, headings, summary, first
// image, word count and warnings out. It is a leaf: it never sees a
// site.Page, and build.go copies the Result into the page.
//
// One Markdown is built per site by New and shared by every goroutine
// rendering pages: the goldmark instance is configured once, and each
// Render call gets its own parser.Context, so Render is safe for
// concurrent use.
//
// The HTML gives themes these hooks:
//
//	<nav class="toc">                      Result.TOC, nested <ul> of h2–h4
//	<h2 id="reseaux-sociaux">              every heading has a unique id
//	<pre class="chroma"><code class="language-go" data-lang="go">
//	                                       highlighted code; styles from CSS()
//	<pre><code class="language-x">         code in a language chroma lacks
//	<pre class="mermaid">                  a diagram's source, for Mermaid's script
//	<div class="callout callout-note">     a GitHub alert ("> [!NOTE]"), whose
//	<p class="callout-title">              first child is its title
//	<div class="footnotes" role="doc-endnotes">
package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures the Markdown stage. The zero value renders safe
// HTML without highlighting; the site default (config.Load) turns Unsafe
// and Highlight on.
type Options struct {
	Unsafe         bool   // keep raw HTML: authors are trusted, and blogs embed iframes and <details>
	Highlight      bool   // build-time syntax highlighting with CSS classes (see CSS)
	HighlightStyle string // chroma style for CSS(), default "github"; its dark counterpart goes under prefers-color-scheme: dark
	LineNumbers    bool   // number the lines of highlighted code blocks
	// Extensions are appended after relais's own; the typography pass
	// comes in here and reads the page language with Lang.
	Extensions []goldmark.Extender
}

// Markdown renders page bodies. Build it with New; it is safe for
// concurrent use.
type Markdown struct {
	md  goldmark.Markdown
	opt Options

	cssOnce sync.Once
	css     []byte
}

// New configures goldmark once: GFM (tables, strikethrough, autolinks,
// task lists), footnotes, definition lists, heading attributes
// ({#id .class}), GitHub alerts, Mermaid blocks, optional highlighting,
// then opt.Extensions.
func New(opt Options) *Markdown {
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		extension.DefinitionList,
		relaisExtension{opt},
	}
	exts = append(exts, opt.Extensions...)
	var ropts []renderer.Option
	if opt.Unsafe {
		ropts = append(ropts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(ropts...),
	)
	return &Markdown{md: md, opt: opt}
}

// relaisExtension adds relais's own AST passes and node renderers. They
// run before the caller's extensions (priority 10), so the typography
// pass sees callout titles as ordinary text.
// Highlighting uses goldmark-highlighting behind codeRenderer.
type relaisExtension struct{ opt Options }

func (e relaisExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(calloutTransformer{}, 10),
		util.Prioritized(fenceTransformer{}, 10),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(calloutRenderer{}, 100),
		util.Prioritized(mermaidRenderer{}, 100),
	))
	if e.opt.Highlight {
		m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newCodeRenderer(e.opt), 100)))
	}
}

// Input is one page body to render.
type Input struct {
	Source []byte
	// Lang is the page language ("fr", "en"…), stored in the parser
	// context with SetLang for language-aware extensions.
	Lang string
	// ExtractTitle removes a first-block "# H1" and returns its text in
	// Result.Title, for pages whose front matter has no title.
	ExtractTitle bool
	// ResolveLink maps a relative link or image destination to a
	// Markdown file ("../autre.md#partie") to its URL. It is called only
	// for such destinations; ok=false leaves the link as written and adds
	// a warning. A nil ResolveLink leaves every link alone.
	ResolveLink func(dest string) (url string, ok bool)
	// SummaryWords caps an automatic summary (no <!--more--> divider);
	// default 70.
	SummaryWords int
}

// DefaultSummaryWords is the automatic summary length when
// Input.SummaryWords is zero.
const DefaultSummaryWords = 70

// WordsPerMinute is the reading speed behind Result.ReadingTime.
const WordsPerMinute = 230

// Heading is one heading of the rendered body, in document order.
type Heading struct {
	Level int
	ID    string // unique in the page: explicit {#id}, else a slug of Text
	Text  string // plain text
}

// Warning is a problem the author should fix that did not stop the render.
type Warning struct {
	Line int // 1-based within Input.Source
	Msg  string
}

// Result is what one body renders to.
type Result struct {
	HTML        []byte
	TOC         []byte // <nav class="toc"> with nested lists of h2–h4; empty with fewer than two
	Headings    []Heading
	Title       string // plain text of the extracted H1, "" if none
	Summary     string // plain text: no markup, entities decoded, whitespace collapsed
	SummaryHTML []byte // the summary as HTML, without footnote references or heading ids
	Truncated   bool   // the summary is not the whole content
	FirstImage  string // src of the first image (Markdown or raw <img>), as written
	WordCount   int    // prose words; code blocks are not counted
	ReadingTime int    // minutes at WordsPerMinute, rounded up, at least 1
	Warnings    []Warning
}

// state is one Render call's data shared by its passes; nothing about a
// page lives in Markdown itself, which many goroutines share.
type state struct {
	src      []byte
	warnings []Warning
}

func (st *state) warn(pos int, format string, args ...any) {
	st.warnings = append(st.warnings, Warning{Line: lineOf(st.src, pos), Msg: fmt.Sprintf(format, args...)})
}

var langKey = parser.NewContextKey()

// SetLang stores the page language in a parser context.
func SetLang(pc parser.Context, lang string) { pc.Set(langKey, lang) }

// Lang returns the page language stored by SetLang, "" if none.
func Lang(pc parser.Context) string {
	s, _ := pc.Get(langKey).(string)
	return s
}

// Render turns one body into HTML and everything build.go needs besides.
// It is safe for concurrent use. The error is non-nil only when goldmark
// or an extension fails; no Markdown is invalid, so what an author should
// fix comes back as Warnings.
func (m *Markdown) Render(in Input) (res Result, err error) {
	// A panic in goldmark or a caller's extension must name the page
	// instead of killing the whole build; the caller adds the path.
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("markdown renderer failed at %s: %v (a bug in relais or in a goldmark extension)", panicSite(), r)
		}
	}()
	src := in.Source
	st := &state{src: src}
	ids := newIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	SetLang(pc, in.Lang)
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	if in.ExtractTitle {
		if res.Title, err = m.extractTitle(doc, src); err != nil {
			return Result{}, err
		}
	}
	div := removeDividers(doc, src)
	res.FirstImage = firstImage(doc, src)
	resolveLinks(doc, st, in.ResolveLink)
	secureAutolinks(doc)
	if res.Headings, err = m.headings(doc, st, ids); err != nil {
		return Result{}, err
	}

	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, src, doc); err != nil {
		return Result{}, err
	}
	res.HTML = buf.Bytes()
	res.TOC = toc(res.Headings)
	res.WordCount = countWords(doc, src, m.opt.Unsafe)
	res.ReadingTime = max(1, (res.WordCount+WordsPerMinute-1)/WordsPerMinute)

	// The summary pass edits the tree, so it runs after the full render.
	words := in.SummaryWords
	if words <= 0 {
		words = DefaultSummaryWords
	}
	if res.SummaryHTML, res.Truncated, err = m.summary(doc, src, div, words); err != nil {
		return Result{}, err
	}
	res.Summary = plainText(res.SummaryHTML)

	slices.SortStableFunc(st.warnings, func(a, b Warning) int { return cmp.Compare(a.Line, b.Line) })
	res.Warnings = st.warnings
	return res, nil
}

// renderNode renders one node and its children alone.
func (m *Markdown) renderNode(buf *bytes.Buffer, src []byte, n ast.Node) error {
	return m.md.Renderer().Render(buf, src, n)
}

// extractTitle removes a first-block H1 and returns its plain text.
func (m *Markdown) extractTitle(doc ast.Node, src []byte) (string, error) {
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return "", nil
	}
	var buf bytes.Buffer
	if err := m.renderNode(&buf, src, h); err != nil {
		return "", err
	}
	title := plainText(buf.Bytes())
	if title == "" {
		return "", nil // "#" alone: keep it, it is not a title
	}
	doc.RemoveChild(doc, h)
	return title, nil
}

// lineOf returns the 1-based line of byte offset pos in src.
func lineOf(src []byte, pos int) int {
	pos = min(max(pos, 0), len(src))
	return 1 + bytes.Count(src[:pos], []byte{'\n'})
}

// nodePos returns a source offset for n: its own position when goldmark
// recorded one, else the start of its closest block ancestor's lines.
func nodePos(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		if p := c.Pos(); p >= 0 {
			return p
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

// panicSite names the function and line that panicked, so a report of
// the failure points at the culprit without a full stack dump per page.
func panicSite() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf("%s (%s:%d)", f.Function, f.File, f.Line)
		}
		if !more {
			return "unknown location"
		}
	}
}
