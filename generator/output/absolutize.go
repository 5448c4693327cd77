package output

import (
	"net/url"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes whose values are URLs in content HTML.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true, "srcset": true, "data": true, "cite": true}

// Absolutize rewrites every relative URL in an HTML fragment against base
// (the page's absolute URL), so feed readers and e-mail tools that show the
// content away from the site still load its images and follow its links.
// Everything else is copied byte for byte.
func Absolutize(fragment, base string) string {
	if !strings.ContainsAny(fragment, "=") {
		return fragment
	}
	b, err := url.Parse(base)
	if err != nil {
		return fragment
	}
	var out strings.Builder
	out.Grow(len(fragment) + 256)
	z := html.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if !urlAttrs[a.Key] || a.Namespace != "" {
				continue
			}
			var v string
			if a.Key == "srcset" {
				v = absSrcset(b, a.Val)
			} else {
				v = absRef(b, a.Val)
			}
			if v != a.Val {
				tok.Attr[i].Val = v
				changed = true
			}
		}
		if changed {
			out.WriteString(tok.String())
		} else {
			out.Write(raw)
		}
	}
	return out.String()
}

func absRef(base *url.URL, ref string) string {
	r := strings.TrimSpace(ref)
	if r == "" || strings.HasPrefix(r, "data:") || strings.HasPrefix(r, "mailto:") || strings.HasPrefix(r, "tel:") || strings.HasPrefix(r, "javascript:") {
		return ref
	}
	u, err := url.Parse(r)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

func absSrcset(base *url.URL, set string) string {
	parts := strings.Split(set, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		f[0] = absRef(base, f[0])
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}

// parallelFor runs f(i) for i in [0, n) on GOMAXPROCS goroutines.
func parallelFor(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	ch := make(chan int, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range ch {
				f(i)
			}
		})
	}
	for i := range n {
		ch <- i
	}
	close(ch)
	wg.Wait()
}
