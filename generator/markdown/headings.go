package markdown

import (
	"bytes"
	"html"
	"strconv"
	"sync"

	"github.com/relais/relais/generator/slug"
	"github.com/yuin/goldmark/ast"
)

// ids is relais's parser.IDs: heading ids are slugs of the heading text,
// accents folded ("Réseaux sociaux" -> "reseaux-sociaux"), as the URLs
// are, so a link copied from the address bar reads like the title.
// goldmark's own ids drop every non-ASCII letter ("r-seaux-sociaux").
type ids struct {
	used  map[string]bool
	slugs *slugCache // nil: slug.Make each time
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Generate returns a unique id for value: its slug, else "section", with
// "-1", "-2"… appended when already taken.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	return []byte(s.generate(string(value)))
}

func (s *ids) generate(value string) string {
	base := s.slugs.make(value)
	if base == "" {
		base = "section"
	}
	id := s.unique(base)
	s.used[id] = true
	return id
}

// slugCache remembers the slugs of heading texts. Pages of a site share
// many headings ("Conclusion", "Ce qu’il faut retenir", "Et après ?"), and
// slug.Make costs two Unicode normalizations and a rune slice each time.
// It stops growing at maxSlugs texts, so odd input cannot fill memory.
type slugCache struct {
	sync.RWMutex
	m map[string]string
}

const (
	maxSlugs   = 8192
	maxSlugLen = 256 // longer texts are not worth keeping
)

func newSlugCache() *slugCache { return &slugCache{m: map[string]string{}} }

func (c *slugCache) make(s string) string {
	if c == nil || len(s) > maxSlugLen {
		return slug.Make(s)
	}
	c.RLock()
	v, ok := c.m[s]
	c.RUnlock()
	if ok {
		return v
	}
	v = slug.Make(s)
	c.Lock()
	if len(c.m) < maxSlugs {
		c.m[s] = v
	}
	c.Unlock()
	return v
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

// headings gives every heading of hs (the page's, in document order) an
// id and returns them. Explicit {#id}s are reserved first, wherever they
// are in the page, so a generated id never takes the one an author wrote
// further down.
func (m *Markdown) headings(hs []*ast.Heading, st *state, ids *ids) ([]Heading, error) {
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
	for i, h := range hs {
		st.frag.Reset()
		if err := m.renderNode(&st.frag, st.src, h); err != nil {
			return nil, err
		}
		text := st.plainText(st.frag.Bytes())
		var id string
		if explicit[i] {
			v, _ := h.AttributeString("id")
			id = string(v.([]byte))
		} else {
			id = ids.generate(text)
			h.SetAttributeString("id", []byte(id))
		}
		out[i] = Heading{Level: h.Level, ID: id, Text: text}
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
	n, size := 0, 64
	for _, h := range all {
		if inTOC(h) {
			n++
			size += len(h.ID) + len(h.Text) + 64
		}
	}
	if n < 2 {
		return nil
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString("<nav class=\"toc\">\n<ul>\n")
	open := make([]int, 0, tocMax-tocMin+1) // levels of the open <li>s, outermost first
	for _, h := range all {
		if !inTOC(h) {
			continue
		}
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

func inTOC(h Heading) bool { return h.Level >= tocMin && h.Level <= tocMax }
