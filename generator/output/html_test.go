package output

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// htmlHead collects what a page's <head> says: metas by property or name
// (in order, as some repeat), links by rel (+hreflang or type), the
// title and the JSON-LD payloads.
type htmlHead struct {
	title  string
	meta   map[string][]string
	links  map[string][]string // "canonical", "alternate hreflang=fr-FR", "alternate application/rss+xml"
	jsonld []string
	lang   string
	doc    *html.Node
}

func parseHTMLHead(t *testing.T, b []byte) htmlHead {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("HTML does not parse: %v", err)
	}
	h := htmlHead{meta: map[string][]string{}, links: map[string][]string{}, doc: doc}
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		if n.Type == html.ElementNode {
			a := attrsOf(n)
			switch n.Data {
			case "html":
				h.lang = a["lang"]
			case "head":
				inHead = true
			case "title":
				if inHead {
					h.title = textOf(n)
				}
			case "meta":
				key := cmp.Or(a["property"], a["name"], a["http-equiv"])
				if key != "" {
					h.meta[key] = append(h.meta[key], a["content"])
				}
			case "link":
				key := a["rel"]
				if a["hreflang"] != "" {
					key += " hreflang=" + a["hreflang"]
				} else if a["type"] != "" {
					key += " " + a["type"]
				}
				h.links[key] = append(h.links[key], a["href"])
			case "script":
				if a["type"] == "application/ld+json" {
					h.jsonld = append(h.jsonld, textOf(n))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(doc, false)
	return h
}

func attrsOf(n *html.Node) map[string]string {
	m := map[string]string{}
	for _, a := range n.Attr {
		m[a.Key] = a.Val
	}
	return m
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// findAll returns the elements matching a tag and, if given, a class.
func findAll(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || slices.Contains(strings.Fields(attrsOf(n)["class"]), class)) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func oneMeta(t *testing.T, h htmlHead, key string) string {
	t.Helper()
	v := h.meta[key]
	if len(v) != 1 {
		t.Errorf("meta %s = %q; want exactly one", key, v)
		return ""
	}
	return v[0]
}
