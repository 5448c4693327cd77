package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The summary is what lists, feeds and social excerpts show of a page.
// An author marks it with a <!--more--> divider (Hugo, Hexo and Jekyll
// spell it with any spacing and case); otherwise it is the first paragraph,
// cut near Input.SummaryWords words.

var dividerRE = regexp.MustCompile(`(?i)^<!--\s*more\s*-->$`)

// divider is where the first <!--more--> was. It is removed from the tree,
// so the page shows no trace of it (not even "raw HTML omitted").
type divider struct {
	found bool
	// next is the first top-level block after a divider written on its
	// own line, nil at the end of the page.
	next ast.Node
	// para is the top-level paragraph holding an inline divider, and
	// rest the first inline node after it (nil at the paragraph's end).
	para ast.Node
	rest ast.Node
}

func isDivider(b []byte) bool {
	b = bytes.TrimSpace(b)
	// Most raw HTML is no comment: the regexp is asked only about those.
	return bytes.HasPrefix(b, []byte("<!--")) && bytes.HasSuffix(b, []byte("-->")) && dividerRE.Match(b)
}

// removeDividers takes every <!--more--> out of the top level of the page
// and returns where the first one was. Dividers inside code are code, and
// ones nested in quotes or lists are left as comments.
func removeDividers(doc ast.Node, st *state) divider {
	src := st.src
	var d divider
	for b := doc.FirstChild(); b != nil; {
		next := b.NextSibling()
		switch b := b.(type) {
		case *ast.HTMLBlock:
			raw := st.raw(b.Lines())
			if b.HasClosure() {
				raw = append(raw, b.ClosureLine.Value(src)...)
				st.rawHTML = raw
			}
			if isDivider(raw) {
				if !d.found {
					d = divider{found: true, next: next}
				} else if d.next == b {
					d.next = next // two dividers in a row
				}
				doc.RemoveChild(doc, b)
			}
		case *ast.Paragraph:
			for c := b.FirstChild(); c != nil; {
				cnext := c.NextSibling()
				if r, ok := c.(*ast.RawHTML); ok && isDivider(st.raw(r.Segments)) {
					if !d.found {
						d = divider{found: true, para: b, rest: cnext}
					} else if d.rest == c {
						d.rest = cnext
					}
					b.RemoveChild(b, r)
				}
				c = cnext
			}
		}
		b = next
	}
	return d
}

func rawText(r *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// summary picks, trims and renders the summary. It edits the tree, so it
// runs after the page itself is rendered.
func (m *Markdown) summary(doc ast.Node, st *state, d divider, words int) ([]byte, bool, error) {
	src := st.src
	var nodes []ast.Node
	truncated := false
	if d.found {
		for b := doc.FirstChild(); b != nil && b != d.next; b = b.NextSibling() {
			if _, ok := b.(*east.FootnoteList); ok {
				break
			}
			nodes = append(nodes, b)
			if b == d.para {
				break
			}
		}
		if d.para != nil {
			for c := d.rest; c != nil; {
				next := c.NextSibling()
				if !isBlankInline(c, src) {
					truncated = true
				}
				d.para.RemoveChild(d.para, c)
				c = next
			}
			trimTrailing(d.para, src)
			if m.opt.Unsafe {
				closeTags(d.para, src) // "<b>un <!--more--> deux</b>"
			}
		}
		if hasOtherBlocks(doc, nodes) {
			truncated = true
		}
	} else if p := firstParagraph(doc, st); p != nil {
		nodes = []ast.Node{p}
		truncated = cutParagraph(p, src, st.cps, words, m.opt.Unsafe) || hasOtherBlocks(doc, nodes) || p.Parent() != doc
	} else {
		truncated = hasOtherBlocks(doc, nil)
	}

	st.frag.Reset()
	for _, n := range nodes {
		forSummary(n)
		if err := m.renderNode(&st.frag, src, n); err != nil {
			return nil, false, err
		}
	}
	return st.frag.copy(), truncated, nil
}

// hasOtherBlocks tells whether the page holds a block that is not in
// nodes, the footnotes aside (they only follow their references).
func hasOtherBlocks(doc ast.Node, nodes []ast.Node) bool {
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		if _, ok := b.(*east.FootnoteList); ok || slices.Contains(nodes, b) {
			continue
		}
		return true
	}
	return false
}

// forSummary strips what makes no sense out of the page: footnote
// references (their notes are not in the summary) and heading ids (a list
// page shows many summaries, and ids must stay unique there).
func forSummary(n ast.Node) {
	var refs []ast.Node
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *east.FootnoteLink:
			refs = append(refs, c)
		case *ast.Heading:
			attrs := c.Attributes()
			c.RemoveAttributes()
			for _, a := range attrs {
				if string(a.Name) != "id" {
					c.SetAttribute(a.Name, a.Value)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, r := range refs {
		r.Parent().RemoveChild(r.Parent(), r)
	}
}

// firstParagraph returns the first paragraph with words in it: at the top
// level first, else anywhere (a page that is one list or one quote). A
// paragraph holding only an image or a badge is passed over. It leaves
// the paragraph's cut points in st.cps.
func firstParagraph(doc ast.Node, st *state) *ast.Paragraph {
	hasWords := func(p *ast.Paragraph) bool {
		st.cps = cutPoints(p, st.src, st.cps[:0])
		return len(st.cps) > 0
	}
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		if p, ok := b.(*ast.Paragraph); ok && hasWords(p) {
			return p
		}
	}
	var found *ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.FootnoteList:
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			if hasWords(n) {
				found = n
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// A cut point is the end of a word inside a paragraph.
type cutPoint struct {
	node     ast.Node // *ast.Text or *ast.String holding the word, or an atomic inline (code span)
	wordEnd  int      // offset in node's text after the word's last letter; -1: after the node
	punctEnd int      // offset after the closing punctuation that follows (", » ! ?")
	sentence bool     // the punctuation ends a sentence
}

// inlineText returns the text goldmark stores for a text-like node.
func inlineText(n ast.Node, src []byte) ([]byte, bool) {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Value(src), true
	case *ast.String:
		if n.IsCode() {
			return nil, false // raw HTML written by an extension
		}
		return n.Value, true
	}
	return nil, false
}

// cutPoints appends the word ends of a paragraph to cps, in reading
// order.
func cutPoints(p ast.Node, src []byte, cps []cutPoint) []cutPoint {
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *ast.CodeSpan, *ast.AutoLink:
				// Counted as one word, never cut inside.
				cps = append(cps, cutPoint{node: c, wordEnd: -1, punctEnd: -1})
				continue
			case *ast.Image, *ast.RawHTML, *east.FootnoteLink:
				continue
			}
			if t, ok := inlineText(c, src); ok {
				cps = appendWords(cps, c, t)
				continue
			}
			walk(c)
		}
	}
	walk(p)
	return cps
}

// appendWords adds a cut point for each word of t, a node's text.
func appendWords(cps []cutPoint, node ast.Node, t []byte) []cutPoint {
	for i := 0; i < len(t); {
		for i < len(t) && isSpaceAt(t, i) {
			i += runeLen(t, i)
		}
		start := i
		for i < len(t) && !isSpaceAt(t, i) {
			i += runeLen(t, i)
		}
		tok := t[start:i]
		if end := lastAlnumEnd(tok); end >= 0 {
			cps = append(cps, cutPoint{node: node, wordEnd: start + end, punctEnd: i, sentence: endsSentence(tok)})
			continue
		}
		// Punctuation standing alone belongs to the word before it,
		// as French sets « ; : ! ? » after a space.
		if len(tok) > 0 && len(cps) > 0 && cps[len(cps)-1].node == node && isClosing(tok) {
			cps[len(cps)-1].punctEnd = i
			cps[len(cps)-1].sentence = cps[len(cps)-1].sentence || endsSentence(tok)
		}
	}
	return cps
}

func runeLen(b []byte, i int) int {
	if b[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRune(b[i:])
	return n
}

func isSpaceAt(b []byte, i int) bool {
	if b[i] < utf8.RuneSelf {
		return asciiSpace[b[i]]
	}
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsSpace(r)
}

// lastAlnumEnd returns the offset after the last letter or digit of tok,
// or -1 if it has none.
func lastAlnumEnd(tok []byte) int {
	for i := len(tok); i > 0; {
		r, n := utf8.DecodeLastRune(tok[:i])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return i
		}
		i -= n
	}
	return -1
}

// endsSentence tells whether a token ends with . ! ? or …, possibly
// followed by closing quotes or brackets.
func endsSentence(tok []byte) bool {
	t := bytes.TrimRight(tok, "»”’\"')]\u202f\u00a0")
	r, _ := utf8.DecodeLastRune(t)
	switch r {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

// isClosing tells whether a punctuation token closes what comes before it
// (« ! », « ; », « » ») rather than opening what follows (« « », « ( »).
func isClosing(tok []byte) bool {
	r, _ := utf8.DecodeRune(tok)
	switch r {
	case '«', '“', '‘', '(', '[', '¿', '¡', '—', '–', '-':
		return false
	}
	return true
}

// cutParagraph shortens p, whose cut points are cps, to about words words
// and tells whether it cut.
// It prefers ending on a full sentence in the last third of the budget;
// otherwise it cuts after a word and adds "…". Raw HTML tags left open by
// the cut are closed, so the summary is well-formed.
func cutParagraph(p ast.Node, src []byte, cps []cutPoint, words int, unsafe bool) bool {
	if len(cps) <= words {
		return false
	}
	k, ellipsis := words-1, true
	minWords := (2*words + 2) / 3 // a sentence end in the last third: at least ⌈2/3⌉ of the budget
	for i := words - 1; i+1 >= minWords && i >= 0; i-- {
		if cps[i].sentence {
			k, ellipsis = i, false
			break
		}
	}
	cp := cps[k]
	end := cp.wordEnd
	if !ellipsis {
		end = cp.punctEnd
	}
	switch n := cp.node.(type) {
	case *ast.Text:
		// Value puts Padding spaces (from a tab) before the source bytes.
		n.Segment = n.Segment.WithStop(n.Segment.Start + max(end-n.Segment.Padding, 0))
		n.SetSoftLineBreak(false)
		n.SetHardLineBreak(false)
	case *ast.String:
		n.Value = n.Value[:end]
	}
	// Drop everything after the cut, up to the paragraph.
	for n := cp.node; n != p; n = n.Parent() {
		for c := n.NextSibling(); c != nil; {
			next := c.NextSibling()
			n.Parent().RemoveChild(n.Parent(), c)
			c = next
		}
	}
	if unsafe {
		closeTags(p, src)
	}
	if ellipsis {
		p.AppendChild(p, ast.NewString([]byte("…")))
	}
	return true
}

// closeTags appends to p the end tags of the raw inline HTML elements it
// opens and no longer closes once cut.
func closeTags(p ast.Node, src []byte) {
	for _, tag := range openTags(p, src) {
		s := ast.NewString([]byte("</" + tag + ">"))
		s.SetCode(true) // written as is: it is markup
		p.AppendChild(p, s)
	}
}

// openTags returns, innermost first, the raw inline HTML elements that p
// opens and does not close.
func openTags(p ast.Node, src []byte) []string {
	var open []string
	_ = ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		r, ok := n.(*ast.RawHTML)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		z := html.NewTokenizer(bytes.NewReader(rawText(r, src)))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			name, _ := z.TagName()
			switch tt {
			case html.StartTagToken:
				if !voidElements[atom.Lookup(name)] {
					open = append(open, string(name))
				}
			case html.EndTagToken:
				for i := len(open) - 1; i >= 0; i-- {
					if open[i] == string(name) {
						open = append(open[:i], open[i+1:]...)
						break
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for i, j := 0, len(open)-1; i < j; i, j = i+1, j-1 {
		open[i], open[j] = open[j], open[i]
	}
	return open
}

var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// isBlankInline tells whether an inline node shows nothing.
func isBlankInline(n ast.Node, src []byte) bool {
	if t, ok := inlineText(n, src); ok {
		return len(bytes.TrimSpace(t)) == 0
	}
	return false
}

// trimTrailing removes the space and line break left at the end of a
// paragraph cut at an inline divider.
func trimTrailing(p ast.Node, src []byte) {
	for {
		last := p.LastChild()
		if last == nil {
			return
		}
		t, ok := last.(*ast.Text)
		if !ok {
			return
		}
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		t.Segment = t.Segment.TrimRightSpace(src)
		if !t.Segment.IsEmpty() {
			return
		}
		p.RemoveChild(p, t)
	}
}
