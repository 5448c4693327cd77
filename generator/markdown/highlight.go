package markdown

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Code blocks. Highlighting happens at build time with CSS classes, so
// pages carry no inline colours and one stylesheet (CSS) serves light and
// dark readers.

// DefaultStyle is the chroma style of CSS when Options.HighlightStyle is
// empty or unknown.
const DefaultStyle = "github"

// darkFallback is the dark style for a light style with no registered
// dark counterpart.
const darkFallback = "github-dark"

// formatOptions are the chroma options shared by the code blocks and CSS,
// so the stylesheet has the rules the HTML uses (line numbers).
func formatOptions(opt Options) []chromahtml.Option {
	return []chromahtml.Option{
		chromahtml.WithClasses(true),
		chromahtml.TabWidth(4),
		// Inline numbers, not a table: chroma's CSS makes them
		// unselectable, so copying the code leaves them out.
		chromahtml.WithLineNumbers(opt.LineNumbers),
	}
}

// codeBlockOptions labels each highlighted block with its language, as an
// unhighlighted one is: <code class="language-go" data-lang="go">, for
// themes that show the language or add a copy button.
func codeBlockOptions(ctx highlighting.CodeBlockContext) []chromahtml.Option {
	lang, ok := ctx.Language()
	if attrs := ctx.Attributes(); attrs != nil {
		if v, written := attrs.Get(langAttr); written {
			if b, isText := v.([]byte); isText { // an author's {relais-lang=1} is no text
				lang, ok = b, true
			}
		}
	}
	if !ok {
		return nil
	}
	return []chromahtml.Option{chromahtml.WithPreWrapper(langWrapper(html.EscapeString(string(lang))))}
}

type langWrapper string

func (l langWrapper) Start(code bool, styleAttr string) string {
	if code {
		return fmt.Sprintf(`<pre%s><code class="language-%s" data-lang="%s">`, styleAttr, l, l)
	}
	return fmt.Sprintf(`<pre%s>`, styleAttr)
}

func (l langWrapper) End(code bool) string {
	if code {
		return "</code></pre>\n" // chroma writes none, and the next block would share the line
	}
	return `</pre>`
}

// tidyFences tidies fence info strings before any renderer reads them.
// goldmark takes the language up to the first space, so
// "yaml{hl_lines=[1]}" would be a language; relais stops it at a space, a
// tab, "{" or ",", moves "{…}" attributes onto the node (where the highlighter
// reads hl_lines, linenos…) and drops the rest ("yml _config.yml" is
// yml). Mermaid fences become mermaid blocks, left for Mermaid's script.
func tidyFences(fences []*ast.FencedCodeBlock, src []byte) {
	for _, f := range fences {
		if f.Info == nil {
			continue
		}
		seg := f.Info.Segment
		info := seg.Value(src)
		end := bytes.IndexAny(info, " \t{,") // "rust,ignore" is rustdoc's way to say rust
		if end < 0 {
			end = len(info)
		}
		if brace := bytes.IndexByte(info, '{'); brace >= 0 {
			if attrs, ok := parser.ParseAttributes(text.NewReader(info[brace:])); ok {
				for _, a := range attrs {
					f.SetAttribute(a.Name, a.Value)
				}
			}
		}
		if end == 0 {
			f.Info = nil
			continue
		}
		f.Info = ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+end))
		if strings.EqualFold(string(info[:end]), "mermaid") {
			m := &mermaidBlock{}
			m.SetLines(f.Lines())
			m.SetPos(f.Pos())
			f.Parent().ReplaceChild(f.Parent(), f, m)
		}
	}
}

// mermaidBlock is a ```mermaid fence: a diagram's source, rendered as
// <pre class="mermaid"> so Mermaid's script (if the theme loads it) draws
// it, and a reader without it still sees the source.
type mermaidBlock struct{ ast.BaseBlock }

var kindMermaid = ast.NewNodeKind("Mermaid")

func (*mermaidBlock) Kind() ast.NodeKind { return kindMermaid }
func (*mermaidBlock) IsRaw() bool        { return true }
func (m *mermaidBlock) Dump(src []byte, level int) {
	ast.DumpHelper(m, src, level, nil, nil)
}

// codeRenderer sends fenced code in a language chroma knows to
// goldmark-highlighting and writes the others as plain <pre><code>
// itself: asking chroma about an unknown name ("ignorelang", "hugo")
// matches it against every lexer's file patterns, on every block.
type codeRenderer struct {
	hl        *highlighting.HTMLRenderer
	highlight renderer.NodeRendererFunc
	opt       Options

	// formatters holds a chroma formatter for each language label, for
	// the blocks without attributes: goldmark-highlighting builds one per
	// block, and each then works out its style's CSS again.
	formatters struct {
		sync.RWMutex
		m map[string]*chromahtml.Formatter
	}

	// blocks keeps the highlighted HTML of the blocks without attributes
	// by language label and code: relais serve renders an article again
	// on every save, code blocks unchanged, and a site repeats snippets
	// (an install command in every tutorial). Lexing is most of a
	// block's cost.
	blocks struct {
		sync.Mutex
		m    map[string][]byte
		size int // bytes of keys and values
	}
}

// maxBlockCache bounds what codeRenderer.blocks holds; past it, the cache
// starts afresh.
const maxBlockCache = 16 << 20

func newCodeRenderer(opt Options) *codeRenderer {
	hl := highlighting.NewHTMLRenderer(
		highlighting.WithFormatOptions(formatOptions(opt)...),
		highlighting.WithCodeBlockOptions(codeBlockOptions),
	).(*highlighting.HTMLRenderer)
	c := &codeRenderer{hl: hl, opt: opt}
	c.formatters.m = map[string]*chromahtml.Formatter{}
	return c
}

// SetOption passes goldmark's HTML options on to the highlighter.
func (c *codeRenderer) SetOption(name renderer.OptionName, value any) { c.hl.SetOption(name, value) }

func (c *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	c.hl.RegisterFuncs(funcCapture{&c.highlight})
	reg.Register(ast.KindFencedCodeBlock, c.render)
}

// funcCapture takes the highlighter's fenced-code function.
type funcCapture struct{ f *renderer.NodeRendererFunc }

func (fc funcCapture) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == ast.KindFencedCodeBlock {
		*fc.f = f
	}
}

func (c *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	f := n.(*ast.FencedCodeBlock)
	lang := f.Language(src)
	var l language
	if lang != nil {
		l = lookupLanguage(string(lang))
	}
	switch {
	case l.lexer != nil && f.Attributes() == nil && !infoHasAttributes(f, src):
		return c.highlightPlain(w, src, f, l, lang, entering)
	case l.known && l.alias == "":
		return c.highlight(w, src, n, entering)
	case l.known:
		return c.highlightAs(w, src, f, l.alias, lang, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<pre><code")
	if lang != nil {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	for i := 0; i < f.Lines().Len(); i++ {
		seg := f.Lines().At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}

// highlightPlain highlights a block without attributes (no hl_lines,
// linenos…) as goldmark-highlighting does, byte for byte, with the lexer
// found once per language and a formatter kept per language label.
func (c *codeRenderer) highlightPlain(w util.BufWriter, src []byte, f *ast.FencedCodeBlock, l language, lang []byte, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var b strings.Builder
	lines := f.Lines()
	size := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		size += seg.Len()
	}
	b.Grow(len(lang) + 1 + size)
	b.Write(lang)
	b.WriteByte(0)
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	key := b.String()
	code := key[len(lang)+1:]
	c.blocks.Lock()
	out, ok := c.blocks.m[key]
	c.blocks.Unlock()
	if ok {
		_, _ = w.Write(out)
		return ast.WalkContinue, nil
	}
	it, err := l.lexer.Tokenise(nil, code)
	if err != nil {
		// goldmark-highlighting's own way with a lexer error.
		if l.alias == "" {
			return c.highlight(w, src, f, entering)
		}
		return c.highlightAs(w, src, f, l.alias, lang, entering)
	}
	style := c.hl.CustomStyle
	if style == nil {
		style = styles.Get(c.hl.Style)
	}
	var hb bytes.Buffer
	_ = c.formatter(lang).Format(&hb, style, it)
	_, _ = w.Write(hb.Bytes())
	c.blocks.Lock()
	if c.blocks.size+len(key)+hb.Len() > maxBlockCache {
		c.blocks.m, c.blocks.size = nil, 0
	}
	if c.blocks.m == nil {
		c.blocks.m = map[string][]byte{}
	}
	c.blocks.m[key] = hb.Bytes()
	c.blocks.size += len(key) + hb.Len()
	c.blocks.Unlock()
	return ast.WalkContinue, nil
}

// infoHasAttributes tells whether goldmark-highlighting would read
// attributes from f's info string, as it does when tidyFences has not
// moved them onto the node.
func infoHasAttributes(f *ast.FencedCodeBlock, src []byte) bool {
	return f.Info != nil && bytes.IndexByte(f.Info.Segment.Value(src), '{') > 0
}

// formatter returns the formatter for blocks labelled lang.
func (c *codeRenderer) formatter(lang []byte) *chromahtml.Formatter {
	c.formatters.RLock()
	fm, ok := c.formatters.m[string(lang)]
	c.formatters.RUnlock()
	if ok {
		return fm
	}
	opts := append(formatOptions(c.opt), chromahtml.WithPreWrapper(langWrapper(html.EscapeString(string(lang)))))
	fm = chromahtml.New(opts...)
	c.formatters.Lock()
	if len(c.formatters.m) < maxLanguages {
		c.formatters.m[string(lang)] = fm
	}
	c.formatters.Unlock()
	return fm
}

// langAttr carries the language as written to codeBlockOptions when the
// highlighter is given chroma's name for it.
var langAttr = []byte("relais-lang")

// highlightAs highlights f as if its fence said alias: the highlighter
// looks the language up by name on every block, and chroma finds "yml"
// or "txt" only by trying every lexer's file patterns (milliseconds each).
// The block is copied with its attributes into a small source of its own
// whose fence reads alias; the label keeps the language as written.
func (c *codeRenderer) highlightAs(w util.BufWriter, src []byte, f *ast.FencedCodeBlock, alias string, lang []byte, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var b bytes.Buffer
	b.WriteString(alias)
	tmp := ast.NewFencedCodeBlock(ast.NewTextSegment(text.NewSegment(0, len(alias))))
	for i := 0; i < f.Lines().Len(); i++ {
		seg := f.Lines().At(i)
		start := b.Len()
		b.Write(seg.Value(src))
		tmp.Lines().Append(text.NewSegment(start, b.Len()))
	}
	for _, a := range f.Attributes() {
		tmp.SetAttribute(a.Name, a.Value)
	}
	tmp.SetAttribute(langAttr, lang)
	return c.highlight(w, b.Bytes(), tmp, entering)
}

// language is what chroma says about a fence language.
type language struct {
	known bool
	alias string // a name chroma finds at once, when the one written is slow to find; "" if it is fast
	// lexer is what goldmark-highlighting tokenizes with when asked
	// for alias, else for the name: chroma's lexer for it, coalesced.
	lexer chroma.Lexer
}

// languages caches lookupLanguage. It stops growing at maxLanguages
// names, so odd input cannot fill memory.
var languages = struct {
	sync.Mutex
	m map[string]language
}{m: map[string]language{}}

const maxLanguages = 4096

func lookupLanguage(name string) language {
	languages.Lock()
	l, ok := languages.m[name]
	languages.Unlock()
	if ok {
		return l
	}
	if lexer := lexers.Get(name); lexer != nil {
		l.known = true
		cfg := lexer.Config()
		fast := strings.EqualFold(name, cfg.Name)
		for _, a := range cfg.Aliases {
			fast = fast || strings.EqualFold(name, a)
		}
		if !fast {
			l.alias = fastName(cfg) // "" leaves the slow lookup: still right
		}
		asked := name
		if l.alias != "" {
			asked = l.alias
		}
		if lx := lexers.Get(asked); lx != nil {
			l.lexer = chroma.Coalesce(lx)
		}
	}
	languages.Lock()
	if len(languages.m) < maxLanguages {
		languages.m[name] = l
	}
	languages.Unlock()
	return l
}

// fastName returns a name chroma looks up directly, without spaces (a
// fence language stops at the first one).
func fastName(cfg *chroma.Config) string {
	for _, a := range cfg.Aliases {
		if a != "" && !strings.ContainsAny(a, " \t") {
			return a
		}
	}
	if !strings.ContainsAny(cfg.Name, " \t") {
		return cfg.Name
	}
	return ""
}

type mermaidRenderer struct{}

func (mermaidRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMermaid, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<pre class="mermaid">`)
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
		_, _ = w.WriteString("</pre>\n")
		return ast.WalkSkipChildren, nil
	})
}

// CSS returns the stylesheet for highlighted code: the chosen style, then,
// when it is a light one, its dark counterpart (github-dark for github)
// under @media (prefers-color-scheme: dark). A dark style is used alone.
// The output depends only on the Options, so it can be written once per
// build and cached by browsers.
func (m *Markdown) CSS() []byte {
	m.cssOnce.Do(func() { m.css = css(m.opt) })
	return slices.Clone(m.css)
}

func css(opt Options) []byte {
	name := strings.ToLower(opt.HighlightStyle)
	if _, ok := styles.Registry[name]; !ok {
		name = DefaultStyle
	}
	light := styles.Get(name)
	f := chromahtml.New(formatOptions(opt)...)
	var b bytes.Buffer
	fmt.Fprintf(&b, "/* Code highlighting: chroma style %q. */\n", name)
	_ = f.WriteCSS(&b, light) // writes to a bytes.Buffer cannot fail
	if light.Mode() == chroma.Dark {
		return b.Bytes()
	}
	dark := styles.GetForMode(name, chroma.Dark)
	if dark.Mode() != chroma.Dark {
		dark = styles.Get(darkFallback)
	}
	fmt.Fprintf(&b, "/* Dark mode: chroma style %q. */\n@media (prefers-color-scheme: dark) {\n", strings.ToLower(dark.Name))
	_ = f.WriteCSS(&b, dark)
	writeResets(&b, light, dark)
	b.WriteString("}\n")
	return b.Bytes()
}

// writeResets undoes, in dark mode, what the light style sets and the dark
// one leaves to the default: chroma writes rules only for the tokens a
// style colours, so a light keyword colour would otherwise survive on the
// dark background.
func writeResets(b *bytes.Buffer, light, dark *chroma.Style) {
	lbg, dbg := light.Get(chroma.Background), dark.Get(chroma.Background)
	types := make([]chroma.TokenType, 0, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		class := chroma.StandardTypes[t]
		if class == "" || t == chroma.Background || t == chroma.PreWrapper {
			continue
		}
		l, d := light.Get(t).Sub(lbg), dark.Get(t).Sub(dbg)
		var decls []string
		if l.Colour.IsSet() && !d.Colour.IsSet() {
			decls = append(decls, "color: inherit")
		}
		if l.Background.IsSet() && !d.Background.IsSet() {
			decls = append(decls, "background-color: transparent")
		}
		if l.Bold == chroma.Yes && d.Bold != chroma.Yes {
			decls = append(decls, "font-weight: normal")
		}
		if l.Italic == chroma.Yes && d.Italic != chroma.Yes {
			decls = append(decls, "font-style: normal")
		}
		if l.Underline == chroma.Yes && d.Underline != chroma.Yes {
			decls = append(decls, "text-decoration: none")
		}
		if len(decls) > 0 {
			fmt.Fprintf(b, ".chroma .%s { %s }\n", class, strings.Join(decls, "; "))
		}
	}
}
