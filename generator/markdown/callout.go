package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// GitHub alerts ("> [!NOTE]") render as callouts:
//
//	<div class="callout callout-note">
//	<p class="callout-title">Remarque</p>
//	<p>…</p>
//	</div>
//
// Text after the marker ("> [!WARNING] Avant de migrer") is the title;
// without it the title is the kind's name in the page language.

// calloutTitles holds the default titles, by language then kind.
var calloutTitles = map[string]map[string]string{
	"en": {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"},
	"fr": {"note": "Remarque", "tip": "Astuce", "important": "Important", "warning": "Attention", "caution": "Prudence"},
}

var calloutMarker = regexp.MustCompile(`(?i)^\[!(note|tip|important|warning|caution)\]`)

// callout is a blockquote turned alert. Its first child is the title.
type callout struct {
	ast.BaseBlock
	kind string // "note", "tip", "important", "warning", "caution"
}

// calloutTitle holds the title's inline nodes, so the typography pass and
// emphasis work in it as anywhere else.
type calloutTitle struct{ ast.BaseBlock }

var (
	kindCallout      = ast.NewNodeKind("Callout")
	kindCalloutTitle = ast.NewNodeKind("CalloutTitle")
)

func (*callout) Kind() ast.NodeKind { return kindCallout }
func (c *callout) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"Kind": c.kind}, nil)
}

func (*calloutTitle) Kind() ast.NodeKind { return kindCalloutTitle }
func (t *calloutTitle) Dump(src []byte, level int) {
	ast.DumpHelper(t, src, level, nil, nil)
}

// callouts turns the quotes that open with a marker into callouts.
func callouts(quotes []*ast.Blockquote, src []byte, pc parser.Context) {
	if len(quotes) == 0 {
		return
	}
	lang := baseLang(Lang(pc))
	for _, q := range quotes {
		toCallout(q, src, lang)
	}
}

// baseLang returns the primary subtag: "fr-CA" -> "fr".
func baseLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

// toCallout replaces q with a callout when its first line is a marker.
func toCallout(q *ast.Blockquote, src []byte, lang string) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return
	}
	first := p.Lines().At(0)
	m := calloutMarker.FindSubmatchIndex(first.Value(src))
	if m == nil {
		return
	}
	markerEnd := first.Start + m[1]
	if rest := src[markerEnd:first.Stop]; len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
		return // "[!NOTE]s" is text, not a marker
	}
	kind := strings.ToLower(string(first.Value(src)[m[2]:m[3]]))

	// The marker is text ("[" and "!NOTE]" once the link parser gave up
	// on them); anything else there means another extension got to it
	// first, and the quote is left alone.
	for c := p.FirstChild(); ; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return
		}
		if t.Segment.Stop >= markerEnd {
			break
		}
	}
	// Drop the marker's text nodes, trimming the one that runs past it.
	lineDone := false
	for c := p.FirstChild(); c != nil; {
		t := c.(*ast.Text)
		next := c.NextSibling()
		if t.Segment.Stop > markerEnd {
			seg := t.Segment.WithStart(markerEnd)
			t.Segment = seg.TrimLeftSpace(src)
			break
		}
		lineDone = t.SoftLineBreak() || t.HardLineBreak()
		p.RemoveChild(p, t)
		if t.Segment.Stop == markerEnd || lineDone {
			break
		}
		c = next
	}

	// The rest of the first line is the title.
	title := &calloutTitle{}
	for c := p.FirstChild(); c != nil && !lineDone; {
		next := c.NextSibling()
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
			lineDone = true
		}
		title.AppendChild(title, c)
		c = next
	}
	trimTitle(title, src)
	if !hasText(title, src) {
		title.RemoveChildren(title)
		name := calloutTitles["en"][kind]
		if t, ok := calloutTitles[lang][kind]; ok {
			name = t
		}
		title.AppendChild(title, ast.NewString([]byte(name)))
	}

	co := &callout{kind: kind}
	co.SetPos(q.Pos())
	co.AppendChild(co, title)
	if p.FirstChild() == nil {
		q.RemoveChild(q, p)
	}
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		co.AppendChild(co, c)
		c = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, co)
}

// trimTitle drops trailing spaces of the title's last text.
func trimTitle(title ast.Node, src []byte) {
	if t, ok := title.LastChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimRightSpace(src)
	}
}

// hasText tells whether a title has anything to show.
func hasText(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return true
			}
		case *ast.String:
			if len(bytes.TrimSpace(c.Value)) > 0 {
				return true
			}
		default:
			return true
		}
	}
	return false
}

type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCallout, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<div class="callout callout-`)
			_, _ = w.WriteString(n.(*callout).kind)
			_, _ = w.WriteString("\">\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindCalloutTitle, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<p class="callout-title">`)
		} else {
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	})
}
