package social

import (
	"slices"
	"strings"
)

// draft is a post in pieces, joined by blank lines.
type draft struct {
	head     string   // the hook of a long post
	body     []string // prose
	link     string   // the link as written, or Instagram's line; "" for none
	inline   bool     // the link replaces LinkPlaceholder in the body
	mentions []string
	tags     []string
}

// render joins the pieces; at is where the link starts, -1 when absent.
func (d draft) render() (text string, at int) {
	if d.inline {
		return d.renderInline()
	}
	// head, body, link and tail, each after a blank line but the first;
	// the tail is the mentions and hashtags on one line
	size, tail, tails := 0, -1, 0
	for _, p := range d.body {
		size += len(p) + 2
	}
	for _, t := range d.mentions {
		tail += len(t) + 1
		tails++
	}
	for _, t := range d.tags {
		tail += len(t) + 1
		tails++
	}
	size += len(d.head) + len(d.link) + tail + 6
	var b strings.Builder
	b.Grow(size)
	gap := func() {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
	}
	b.WriteString(d.head)
	for _, p := range d.body {
		if p != "" {
			gap()
			b.WriteString(p)
		}
	}
	at = -1
	if d.link != "" {
		gap()
		at = b.Len()
		b.WriteString(d.link)
	}
	if tails > 0 && tail > 0 {
		gap()
		sep := ""
		for _, t := range d.mentions {
			b.WriteString(sep)
			b.WriteString(t)
			sep = " "
		}
		for _, t := range d.tags {
			b.WriteString(sep)
			b.WriteString(t)
			sep = " "
		}
	}
	return b.String(), at
}

// renderInline renders a hand-written text holding LinkPlaceholder.
func (d draft) renderInline() (text string, at int) {
	var parts []string
	if d.head != "" {
		parts = append(parts, d.head)
	}
	for _, b := range d.body {
		if b != "" {
			parts = append(parts, b)
		}
	}
	s := strings.Join(parts, "\n\n")
	at = -1
	if d.link == "" { // a Pin's link has a field of its own
		s = strings.Join(strings.Fields(strings.Replace(s, LinkPlaceholder, "", 1)), " ")
	}
	if d.link != "" {
		if i := strings.Index(s, LinkPlaceholder); i >= 0 {
			s = s[:i] + d.link + s[i+len(LinkPlaceholder):]
			at = i
		}
	}
	if tail := strings.Join(append(slices.Clone(d.mentions), d.tags...), " "); tail != "" {
		if s != "" {
			s += "\n\n"
		}
		s += tail
	}
	return s, at
}

// same reports whether two drafts render the same.
func (d draft) same(o draft) bool {
	return d.head == o.head && slices.Equal(d.body, o.body) && d.link == o.link && d.inline == o.inline &&
		slices.Equal(d.mentions, o.mentions) && slices.Equal(d.tags, o.tags)
}

// meter renders drafts and counts texts as one platform does, remembering
// the last draft and text: the draft that fits last is the excerpt,
// rendered again for its text and measured again for its length and
// problems.
type meter struct {
	pl       Platform
	draft    draft  // the last draft rendered, once rendered is true
	out      string // its text
	at       int    // where its link starts
	rendered bool
	text     string // the last text counted, once counted is true
	n        int    // its count
	err      error  // its Check's error, once checked is true
	counted  bool
	checked  bool
}

// render is d.render(), remembered.
func (m *meter) render(d draft) string {
	if !m.rendered || !d.same(m.draft) {
		m.out, m.at = d.render()
		// copied, in case a caller changes the draft's pieces in place
		body, mentions, tags := m.draft.body[:0], m.draft.mentions[:0], m.draft.tags[:0]
		m.draft = d
		m.draft.body, m.draft.mentions, m.draft.tags = append(body, d.body...), append(mentions, d.mentions...), append(tags, d.tags...)
		m.rendered = true
	}
	return m.out
}

func (m *meter) count(s string) int {
	if !m.counted || s != m.text {
		m.text, m.n, m.err, m.counted, m.checked = s, m.pl.Count(s), nil, true, false
	}
	return m.n
}

func (m *meter) check(s string) error {
	m.count(s)
	if !m.checked {
		if m.pl.Check != nil {
			m.err = m.pl.Check(s)
		}
		m.checked = true
	}
	return m.err
}

// fits reports whether s passes the platform's limit and extra rule.
func (m *meter) fits(s string) bool {
	return m.count(s) <= m.pl.Limit && m.check(s) == nil
}

// fitTags returns as many of tags (up to n) as fit after the rest of d.
func fitTags(d draft, tags []string, n int, fits func(draft) bool) []string {
	n = max(min(n, len(tags)), 0)
	for k := n; k > 0; k-- {
		d.tags = tags[:k]
		if fits(d) {
			return d.tags
		}
	}
	return nil
}
