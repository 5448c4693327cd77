package theme

import "strconv"

// Pager is one page of a paginated list: the home page, a section, a term.
// Page 1 is at the list's URL, page n at URL+"page/n/".
type Pager struct {
	Number int    // this page, from 1
	Total  int    // number of pages, at least 1
	Items  int    // entries in the whole list
	Base   string // site-relative URL of the list (its page 1)
}

// PageURL is the URL of page n of the list at base.
func PageURL(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// URL is the URL of page n of this list.
func (p *Pager) URL(n int) string { return PageURL(p.Base, n) }

// Prev is the URL of the previous (newer) page, "" on the first.
func (p *Pager) Prev() string {
	if p.Number <= 1 {
		return ""
	}
	return p.URL(p.Number - 1)
}

// Next is the URL of the next (older) page, "" on the last.
func (p *Pager) Next() string {
	if p.Number >= p.Total {
		return ""
	}
	return p.URL(p.Number + 1)
}

// PagerLink is one entry of the numbered pagination; Number 0 is a gap ("…").
type PagerLink struct {
	Number  int
	URL     string
	Current bool
}

// Links are the numbered links: the first and last pages, and two on each
// side of the current one, with gaps between, so that a list of a thousand
// pages still fits on a phone.
func (p *Pager) Links() []PagerLink {
	if p.Total <= 1 {
		return nil
	}
	const side = 2
	nums := []int{1}
	for n := max(2, p.Number-side); n <= min(p.Total-1, p.Number+side); n++ {
		nums = append(nums, n)
	}
	nums = append(nums, p.Total)
	out := make([]PagerLink, 0, len(nums)+2)
	for i, n := range nums {
		if i > 0 && n > nums[i-1]+1 {
			out = append(out, PagerLink{})
		}
		out = append(out, PagerLink{Number: n, URL: p.URL(n), Current: n == p.Number})
	}
	return out
}
