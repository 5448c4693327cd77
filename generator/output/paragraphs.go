package output

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// paragraphs returns the plain text of the first top-level <p> elements
// of an article, for the long-form platforms: entities decoded, footnote
// references left out, white space collapsed.
func paragraphs(fragment string) []string {
	if out, ok := scanParagraphs(fragment); ok {
		return out
	}
	return tokenizeParagraphs(fragment)
}

// paraSink gathers the paragraphs as the tokens of a fragment come.
type paraSink struct {
	out   []string
	b     []byte
	depth int
	inP   bool
	skip  int // depth of a footnote reference being skipped, 0 when none
	size  int
}

func (s *paraSink) full() bool { return len(s.out) >= maxParagraphs || s.size >= maxParagraphBytes }

func (s *paraSink) start(name []byte, noteRef bool) {
	if string(name) == "p" && s.depth == 0 {
		s.inP = true
		s.b = s.b[:0]
	}
	if !voidElement(string(name)) {
		s.depth++
	}
	if string(name) == "sup" && noteRef && s.skip == 0 {
		s.skip = s.depth
	}
}

func (s *paraSink) end(name []byte) {
	if s.skip == s.depth {
		s.skip = 0
	}
	s.depth--
	if string(name) == "p" && s.inP && s.depth == 0 {
		s.inP = false
		if t := collapseFields(s.b); t != "" {
			s.out = append(s.out, t)
			s.size += len(t)
		}
	}
}

func (s *paraSink) text(t string) {
	if s.inP && s.skip == 0 {
		s.b = append(s.b, t...)
	}
}

// tokenizeParagraphs reads any HTML, as a browser would.
func tokenizeParagraphs(fragment string) []string {
	var s paraSink
	z := html.NewTokenizer(strings.NewReader(fragment))
	for !s.full() {
		switch z.Next() {
		case html.ErrorToken:
			return s.out
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			name = bytes.Clone(name) // reading the attributes reuses it
			s.start(name, string(name) == "sup" && hasAttr && isFootnoteRef(z))
		case html.EndTagToken:
			name, _ := z.TagName()
			s.end(name)
		case html.TextToken:
			s.text(string(z.Text()))
		}
	}
	return s.out
}

// scanParagraphs reads HTML as goldmark writes it, without the tokenizer
// and its allocations (a large site has tens of thousands of articles):
// text with character references, and tags written <name key="value"…>,
// </name> or <name … />. On anything else (a comment, a stray "<", a raw
// <script>, a "&" in an attribute, a carriage return, a NUL) it reports
// false and the tokenizer reads the fragment: its rules for those are many.
func scanParagraphs(frag string) ([]string, bool) {
	if strings.IndexByte(frag, '\r') >= 0 || strings.IndexByte(frag, 0) >= 0 {
		return nil, false
	}
	var s paraSink
	var lower [16]byte
	for i := 0; i < len(frag) && !s.full(); {
		lt := strings.IndexByte(frag[i:], '<')
		if lt < 0 {
			lt = len(frag) - i
		}
		if lt > 0 {
			t := frag[i : i+lt]
			if strings.IndexByte(t, '&') >= 0 {
				t = html.UnescapeString(t)
			}
			s.text(t)
			if i += lt; i == len(frag) {
				break
			}
		}
		// A tag: i is at '<'.
		j := i + 1
		closing := j < len(frag) && frag[j] == '/'
		if closing {
			j++
		}
		n := tagName(frag[j:])
		if n == 0 || n > len(lower) || j+n == len(frag) {
			return nil, false
		}
		name := lower[:n]
		for k := range n {
			name[k] = frag[j+k] | 0x20
		}
		j += n
		if closing {
			if frag[j] != '>' {
				return nil, false
			}
			s.end(name)
			i = j + 1
			continue
		}
		if rawText(name) {
			return nil, false
		}
		noteRef, self := false, false
		for {
			if j >= len(frag) {
				return nil, false
			}
			if frag[j] == '>' {
				break
			}
			if frag[j] == '/' || frag[j] == ' ' && j+1 < len(frag) && frag[j+1] == '/' {
				if frag[j] == ' ' {
					j++
				}
				if j+1 >= len(frag) || frag[j+1] != '>' {
					return nil, false
				}
				self = true
				j++
				break
			}
			if frag[j] != ' ' {
				return nil, false
			}
			// key="value"
			k := j + 1
			kn := attrName(frag[k:])
			if kn == 0 || k+kn+1 >= len(frag) || frag[k+kn] != '=' || frag[k+kn+1] != '"' {
				return nil, false
			}
			v := k + kn + 2
			e := strings.IndexByte(frag[v:], '"')
			if e < 0 || strings.IndexByte(frag[v:v+e], '&') >= 0 {
				return nil, false
			}
			if equalFold(frag[k:k+kn], "id") && strings.HasPrefix(frag[v:v+e], "fnref") {
				noteRef = true
			}
			j = v + e + 1
		}
		if !self { // a self-closing tag opens nothing
			s.start(name, noteRef)
		}
		i = j + 1
	}
	return s.out, true
}

// tagName is the length of the tag name at the start of b.
func tagName(b string) int {
	n := 0
	for n < len(b) && (isLetter(b[n]) || n > 0 && (b[n] >= '0' && b[n] <= '9' || b[n] == '-')) {
		n++
	}
	return n
}

// attrName is the length of the attribute name at the start of b.
func attrName(b string) int {
	n := 0
	for n < len(b) && (isLetter(b[n]) || n > 0 && (b[n] >= '0' && b[n] <= '9' || b[n] == '-' || b[n] == '_' || b[n] == ':')) {
		n++
	}
	return n
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func equalFold(b, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range len(b) {
		if b[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// rawText tells the elements whose content the tokenizer does not read as
// markup.
func rawText(name []byte) bool {
	switch string(name) {
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp":
		return true
	}
	return false
}

// collapseFields is strings.Join(strings.Fields(string(b)), " ").
func collapseFields(b []byte) string {
	out := make([]byte, 0, len(b))
	space := false
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && len(out) > 0 {
				out = append(out, ' ')
			}
			space = false
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return string(out)
}

// isFootnoteRef tells goldmark's <sup id="fnref:1"> from other superscripts.
func isFootnoteRef(z *html.Tokenizer) bool {
	for {
		k, v, more := z.TagAttr()
		if string(k) == "id" && strings.HasPrefix(string(v), "fnref") {
			return true
		}
		if !more {
			return false
		}
	}
}

func voidElement(name string) bool {
	switch name {
	case "br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "track":
		return true
	}
	return false
}
