package theme

import (
	"fmt"
	"testing"
)

func TestPager(t *testing.T) {
	tests := []struct {
		number, total int
		prev, next    string
		links         string
	}{
		{1, 1, "", "", ""},
		{1, 3, "", "/posts/page/2/", "[1] 2 3"},
		{2, 3, "/posts/", "/posts/page/3/", "1 [2] 3"},
		{3, 3, "/posts/page/2/", "", "1 2 [3]"},
		{1, 100, "", "/posts/page/2/", "[1] 2 3 … 100"},
		{50, 100, "/posts/page/49/", "/posts/page/51/", "1 … 48 49 [50] 51 52 … 100"},
		{4, 100, "/posts/page/3/", "/posts/page/5/", "1 2 3 [4] 5 6 … 100"},
		{99, 100, "/posts/page/98/", "/posts/page/100/", "1 … 97 98 [99] 100"},
	}
	for _, tt := range tests {
		p := &Pager{Number: tt.number, Total: tt.total, Base: "/posts/"}
		if got := p.Prev(); got != tt.prev {
			t.Errorf("Pager{%d/%d}.Prev() = %q; want %q", tt.number, tt.total, got, tt.prev)
		}
		if got := p.Next(); got != tt.next {
			t.Errorf("Pager{%d/%d}.Next() = %q; want %q", tt.number, tt.total, got, tt.next)
		}
		got := ""
		for i, l := range p.Links() {
			if i > 0 {
				got += " "
			}
			switch {
			case l.Number == 0:
				got += "…"
			case l.Current:
				got += fmt.Sprintf("[%d]", l.Number)
			default:
				got += fmt.Sprint(l.Number)
			}
			if l.Number > 0 && l.URL != p.URL(l.Number) {
				t.Errorf("link %d URL = %q; want %q", l.Number, l.URL, p.URL(l.Number))
			}
		}
		if got != tt.links {
			t.Errorf("Pager{%d/%d}.Links() = %q; want %q", tt.number, tt.total, got, tt.links)
		}
	}
}
