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
	md    goldmark.Markdown
	opt   Options
	slugs *slugCache

	cssOnce sync.Once
	css     []byte
}

// New configures goldmark once: GFM (tables, strikethrough, autolinks,
// task lists), footnotes, definition lists, heading attributes
// ({#id .class}), GitHub alerts, Mermaid blocks, optional highlighting,
// then opt.Extensions.
func New(opt Options) *Markdown {
	exts := []goldmark.Extender{
		gfm{},
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
	return &Markdown{md: md, opt: opt, slugs: newSlugCache()}
}

// relaisExtension adds relais's own AST passes and node renderers. They
// run before the caller's extensions (priority 10), so the typography
// pass sees callout titles as ordinary text.
// Highlighting uses goldmark-highlighting behind codeRenderer.
type relaisExtension struct{ opt Options }

func (e relaisExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(blockTransformer{}, 10)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(calloutRenderer{}, 100),
		util.Prioritized(mermaidRenderer{}, 100),
	))
	if e.opt.Highlight {
		m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newCodeRenderer(e.opt), 100)))
	}
}

// blockTransformer turns GitHub alerts into callouts (callout.go) and
// tidies fenced code (highlight.go). Both look at blocks only, so one
// walk finds them without visiting the inline nodes, the most of a page.
type blockTransformer struct{}

func (blockTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var quotes []*ast.Blockquote
	var fences []*ast.FencedCodeBlock
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() != ast.TypeBlock {
				continue // inline nodes hold no blocks
			}
			switch c := c.(type) {
			case *ast.Blockquote:
				quotes = append(quotes, c)
			case *ast.FencedCodeBlock:
				fences = append(fences, c)
			}
			walk(c)
		}
	}
	walk(doc)
	callouts(quotes, reader.Source(), pc)
	tidyFences(fences, reader.Source())
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
// page lives in Markdown itself, which many goroutines share. Its buffers
// outlive the call in a pool: a build renders thousands of pages, and
// each would otherwise grow its own.
type state struct {
	src      []byte
	warnings []Warning

	out     buffer // the page's HTML, copied out at the end
	frag    buffer // a heading, the title or the summary
	text    []byte // plain text being collected
	words   []byte // the page's prose, for the word count
	rawHTML []byte // raw HTML gathered from its segments
	cps     []cutPoint
}

var states = sync.Pool{New: func() any { return new(state) }}

func getState(src []byte) *state {
	st := states.Get().(*state)
	st.src = src
	return st
}

// putState pools st, without references to the page: a big buffer
// from an odd page is let go rather than kept for every page after it.
func putState(st *state) {
	const maxKeep = 1 << 20
	st.src, st.warnings = nil, nil
	for _, b := range []*buffer{&st.out, &st.frag} {
		if b.Cap() > maxKeep {
			*b = buffer{}
		}
		b.Reset()
	}
	clear(st.cps[:cap(st.cps)]) // they point into the page's tree
	st.cps = st.cps[:0]
	for _, b := range []*[]byte{&st.text, &st.words, &st.rawHTML} {
		if cap(*b) > maxKeep {
			*b = nil
		}
		*b = (*b)[:0]
	}
	states.Put(st)
}

func (st *state) warn(pos int, format string, args ...any) {
	st.warnings = append(st.warnings, Warning{Line: lineOf(st.src, pos), Msg: fmt.Sprintf(format, args...)})
}

// raw returns the source bytes of segs, joined.
func (st *state) raw(segs *text.Segments) []byte {
	st.rawHTML = st.rawHTML[:0]
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		st.rawHTML = append(st.rawHTML, seg.Value(st.src)...)
	}
	return st.rawHTML
}

// plainText returns the plain text of an HTML fragment, with st's
// scratch buffer.
func (st *state) plainText(frag []byte) string { return plainTextBuf(frag, &st.text) }

// buffer is a bytes.Buffer that goldmark's renderer writes to directly:
// given a plain io.Writer, it would wrap it in a new 4 KB bufio.Writer on
// every call, and a page renders its headings and summary apart.
type buffer struct{ bytes.Buffer }

func (b *buffer) Buffered() int { return b.Len() }
func (b *buffer) Flush() error  { return nil }

// copy returns a copy of the buffer's content, nil when empty (as a
// bytes.Buffer never written to gives).
func (b *buffer) copy() []byte {
	if b.Len() == 0 {
		return nil
	}
	return bytes.Clone(b.Bytes())
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
	st := getState(src)
	defer putState(st)
	ids := newIDs()
	ids.slugs = m.slugs
	pc := parser.NewContext(parser.WithIDs(ids))
	SetLang(pc, in.Lang)
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	if in.ExtractTitle {
		if res.Title, err = m.extractTitle(doc, st); err != nil {
			return Result{}, err
		}
	}
	div := removeDividers(doc, st)
	w := pageWalk{st: st, resolve: in.ResolveLink, unsafe: m.opt.Unsafe, words: st.words}
	w.walk(doc, true)
	st.words = w.words
	res.WordCount = wordsIn(st.words) // while the text is in the cache
	res.ReadingTime = max(1, (res.WordCount+WordsPerMinute-1)/WordsPerMinute)
	res.FirstImage = w.image
	if res.Headings, err = m.headings(w.headings, st, ids); err != nil {
		return Result{}, err
	}

	// Room for the page at once, not by doubling (the pooled buffer
	// usually has it already); the HTML is then copied out at its size.
	st.out.Grow(len(src) + len(src)/2)
	if err := m.renderNode(&st.out, src, doc); err != nil {
		return Result{}, err
	}
	res.HTML = st.out.copy()
	res.TOC = toc(res.Headings)

	// The summary pass edits the tree, so it runs after the full render.
	words := in.SummaryWords
	if words <= 0 {
		words = DefaultSummaryWords
	}
	if res.SummaryHTML, res.Truncated, err = m.summary(doc, st, div, words); err != nil {
		return Result{}, err
	}
	res.Summary = st.plainText(res.SummaryHTML)

	slices.SortStableFunc(st.warnings, func(a, b Warning) int { return cmp.Compare(a.Line, b.Line) })
	res.Warnings = st.warnings
	return res, nil
}

// renderNode renders one node and its children alone.
func (m *Markdown) renderNode(buf *buffer, src []byte, n ast.Node) error {
	return m.md.Renderer().Render(buf, src, n)
}

// extractTitle removes a first-block H1 and returns its plain text.
func (m *Markdown) extractTitle(doc ast.Node, st *state) (string, error) {
	h, ok := doc.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return "", nil
	}
	st.frag.Reset()
	if err := m.renderNode(&st.frag, st.src, h); err != nil {
		return "", err
	}
	title := st.plainText(st.frag.Bytes())
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
