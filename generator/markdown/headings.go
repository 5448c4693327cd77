package markdown

import (
	"bytes"
	"html"
	"strconv"

	"github.com/relais/relais/generator/slug"
	"github.com/yuin/goldmark/ast"
)

// ids is relais's parser.IDs: heading ids are slugs of the heading text,
// accents folded ("Réseaux sociaux" -> "reseaux-sociaux"), as the URLs
// are, so a link copied from the address bar reads like the title.
// goldmark's own ids drop every non-ASCII letter ("r-seaux-sociaux").
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate returns a unique id for value: its slug, else "section", with
// "-1", "-2"… appended when already taken.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := s.unique(base)
	s.used[id] = true
	return []byte(id)
}

// unique returns base, or base-1, base-2… when taken.
func (s *ids) unique(base string) string {
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	return id
}

// Put reserves an id written by the author.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// headings gives every heading an id and returns them in document order.
// Explicit {#id}s are reserved first, wherever they are in the page, so a
// generated id never takes the one an author wrote further down.
func (m *Markdown) headings(doc ast.Node, st *state, ids *ids) ([]Heading, error) {
	var hs []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			hs = append(hs, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(hs) == 0 {
		return nil, nil
	}
	explicit := make([]bool, len(hs))
	for i, h := range hs {
		v, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		id, isText := v.([]byte)
		if !isText || len(id) == 0 {
			continue // {id=3}: a number is no id; generate one instead
		}
		if ids.used[string(id)] {
			// Two equal ids break the second's links and the TOC: the
			// first keeps it, as a browser would pick the first anyway.
			renamed := ids.unique(string(id))
			st.warn(nodePos(h), "heading id %q is already used in the page; this one becomes %q (want unique ids)", id, renamed)
			id = []byte(renamed)
			h.SetAttributeString("id", id)
		}
		ids.Put(id)
		explicit[i] = true
	}
	out := make([]Heading, len(hs))
	var buf bytes.Buffer
	for i, h := range hs {
		buf.Reset()
		if err := m.renderNode(&buf, st.src, h); err != nil {
			return nil, err
		}
		text := plainText(buf.Bytes())
		var id []byte
		if explicit[i] {
			v, _ := h.AttributeString("id")
			id = v.([]byte)
		} else {
			id = ids.Generate([]byte(text), ast.KindHeading)
			h.SetAttributeString("id", id)
		}
		out[i] = Heading{Level: h.Level, ID: string(id), Text: text}
	}
	return out, nil
}

// TOC levels: h1 is the page title and h5–h6 are too fine for a summary
// of the page.
const (
	tocMin = 2
	tocMax = 4
)

// toc renders the h2–h4 headings as nested lists. A skipped level (h2
// then h4) nests one step, not two, so no empty <li> appears; a heading
// shallower than the first one closes the lists back to its level.
func toc(all []Heading) []byte {
	var hs []Heading
	for _, h := range all {
		if h.Level >= tocMin && h.Level <= tocMax {
			hs = append(hs, h)
		}
	}
	if len(hs) < 2 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("<nav class=\"toc\">\n<ul>\n")
	var open []int // levels of the open <li>s, outermost first
	for _, h := range hs {
		switch {
		case len(open) == 0:
		case h.Level > open[len(open)-1]:
			b.WriteString("\n<ul>\n")
		default:
			b.WriteString("</li>\n")
			open = open[:len(open)-1]
			for len(open) > 0 && open[len(open)-1] >= h.Level {
				b.WriteString("</ul>\n</li>\n")
				open = open[:len(open)-1]
			}
		}
		b.WriteString(`<li><a href="#`)
		b.WriteString(html.EscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(h.Text))
		b.WriteString("</a>")
		open = append(open, h.Level)
	}
	b.WriteString("</li>\n")
	for range open[1:] {
		b.WriteString("</ul>\n</li>\n")
	}
	b.WriteString("</ul>\n</nav>\n")
	return b.Bytes()
}
