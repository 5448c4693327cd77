package social

import (
	"fmt"
	"slices"
	"strings"
)

// Format shows an article's excerpts in a terminal, for `relais social`:
// per platform its name, length against limit, a mark for valid or not,
// the text as it is pasted, and the link where it does not show in the
// text. platforms chooses and orders them; none means all.
func Format(item Item, platforms []string) string {
	var b strings.Builder
	b.WriteString(item.Post.Title)
	if item.Post.URL != "" {
		fmt.Fprintf(&b, "\n%s", item.Post.URL)
	}
	b.WriteString("\n")
	for _, e := range chosen(item.Excerpts, platforms) {
		label := e.Platform
		pl, known := Lookup(e.Platform)
		if known {
			label = pl.Label
		}
		mark := "✓"
		if !e.Valid {
			mark = "✗"
		}
		head := fmt.Sprintf("── %s · %d/%d %s ", label, e.Length, e.Limit, mark)
		fmt.Fprintf(&b, "\n%s%s\n", head, strings.Repeat("─", max(0, 48-len([]rune(head)))))
		for _, p := range e.Problems {
			fmt.Fprintf(&b, "✗ %s\n", p)
		}
		if e.Title != "" {
			fmt.Fprintf(&b, "title: %s\n", e.Title)
		}
		text := e.Paste()
		b.WriteString(text)
		b.WriteString("\n")
		switch {
		case e.Link == "" || strings.Contains(text, e.Link):
		case known && pl.Link == LinkNone:
			fmt.Fprintf(&b, "bio link: %s\n", e.Link)
		default:
			fmt.Fprintf(&b, "link: %s\n", e.Link)
		}
	}
	return b.String()
}

// chosen returns the excerpts named in platforms, in that order, or all.
func chosen(ex []Excerpt, platforms []string) []Excerpt {
	if len(platforms) == 0 {
		return ex
	}
	var out []Excerpt
	for _, name := range platforms {
		if i := slices.IndexFunc(ex, func(e Excerpt) bool { return e.Platform == name }); i >= 0 {
			out = append(out, ex[i])
		}
	}
	return out
}
