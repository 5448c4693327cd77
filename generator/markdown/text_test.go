package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// The plain-text scanner reads goldmark's own HTML without the tokenizer.
// Whatever it accepts, it must read as the tokenizer does.

// tokenized returns what the HTML tokenizer reads in frag.
func tokenized(frag []byte, opt textOptions) []byte {
	s := textSink{opt: opt}
	s.tokenize(frag)
	return s.out
}

// scanned returns what the scanner reads in frag, and whether it could.
func scanned(frag []byte, opt textOptions) ([]byte, bool) {
	s := textSink{opt: opt}
	ok := s.scan(frag)
	return s.out, ok
}

func TestTextScan(t *testing.T) {
	tests := []struct {
		frag string
		fast bool // the scanner reads it; else the tokenizer does
	}{
		{"<h2 id=\"reseaux\">Réseaux <em>sociaux</em>\u202f?</h2>\n", true},
		{"<p>a&amp;b &lt;c&gt; &quot;d&quot; &#233;t&eacute; &nbsp;</p>", true},
		{"<p>mot<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>", true},
		{"<li id=\"fn:1\">\n<p>Note.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>", true},
		{"<p>a<br>b<br />c<br/>d</p>", true},
		{"<p><img src=\"a.png\" alt=\"x\"> <input checked=\"\" disabled=\"\" type=\"checkbox\"> fait</p>", true},
		{"<pre class=\"chroma\"><code class=\"language-go\" data-lang=\"go\"><span class=\"line\"><span class=\"cl\">x</span></span></code></pre>", true},
		{"<table>\n<thead>\n<tr>\n<th style=\"text-align:right\">A</th>\n</tr></thead></table>", true},
		{"<p><a href=\"x\" class=\"a\" class=\"footnote-ref\">kept: the first class counts</a></p>", true},
		{"<p><A HREF=\"x\" CLASS=\"footnote-ref\">upper case</A></p>", true},
		{"<my-el>x</my-el><h2>y</h2>", true},
		{"<p>a<script>x<y</script>b</p>", false},
		{"<p>a <!-- comment --> b</p>", false},
		{"<p>a < b</p>", false},
		{"<p>a\r\nb</p>", false},
		{"<p title='x'>single quotes</p>", false},
		{"<details open>x</details>", false},
		{"<a href=\"a&amp;b\" class=\"footnote-ref\">1</a>", false},
		{"<p>unclosed <b", false},
		{"</>", false},
		{"<p>tab\tafter</p>", true},
		{"", true},
	}
	for _, tt := range tests {
		for _, opt := range []textOptions{{}, {skipCode: true}} {
			got, ok := scanned([]byte(tt.frag), opt)
			if ok != tt.fast {
				t.Errorf("scan(%q) = %v; want %v", tt.frag, ok, tt.fast)
			}
			want := tokenized([]byte(tt.frag), opt)
			if ok && !bytes.Equal(got, want) {
				t.Errorf("scan(%q, %+v) = %q; want %q, as the tokenizer reads it", tt.frag, opt, got, want)
			}
			if all := appendText(nil, []byte(tt.frag), opt); !bytes.Equal(all, want) {
				t.Errorf("appendText(%q, %+v) = %q; want %q", tt.frag, opt, all, want)
			}
		}
	}
}

// TestTextScanGoldens checks that the scanner reads the golden pages,
// which goldmark wrote, as the tokenizer does, and without it.
func TestTextScanGoldens(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	if len(files) == 0 {
		t.Fatal("no golden HTML in testdata")
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, page, _ := bytes.Cut(b, []byte("<!-- html -->\n"))
		for _, opt := range []textOptions{{}, {skipCode: true}} {
			got, ok := scanned(page, opt)
			if want := tokenized(page, opt); ok && !bytes.Equal(got, want) {
				t.Errorf("%s: scan and tokenizer read the page differently", file)
			}
		}
		if strings.HasPrefix(filepath.Base(file), "code") {
			if _, ok := scanned(page, textOptions{}); !ok {
				t.Errorf("%s: scan(page) = false; want goldmark's and chroma's HTML read without the tokenizer", file)
			}
		}
	}
}

func FuzzTextScan(f *testing.F) {
	for _, s := range []string{
		"<p>a <em>b</em></p>", "<a class=\"footnote-ref\">1</a>", "<sup><a role=\"doc-noteref x\">1</a></sup>b",
		"<pre>x</pre>y", "<br/>", "<p>&amp;&#xe9;&bogus;</p>", "<a b=\"c\" />d", "<x-y z=\"1\">w</x-y>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, frag []byte) {
		for _, opt := range []textOptions{{}, {skipCode: true}} {
			if got, ok := scanned(frag, opt); ok {
				if want := tokenized(frag, opt); !bytes.Equal(got, want) {
					t.Errorf("scan(%q, %+v) = %q; want %q, as the tokenizer reads it", frag, opt, got, want)
				}
			}
		}
	})
}

// wordsRef is the plain definition wordsIn implements with tables.
func wordsRef(s []byte) int {
	n := 0
	inWord, hasAlnum := false, false
	for _, r := range string(s) {
		switch {
		case unicode.IsSpace(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			if inWord && hasAlnum {
				n++
			}
			if !unicode.IsSpace(r) {
				n++
			}
			inWord, hasAlnum = false, false
		default:
			inWord = true
			hasAlnum = hasAlnum || unicode.IsLetter(r) || unicode.IsDigit(r)
		}
	}
	if inWord && hasAlnum {
		n++
	}
	return n
}

func TestWordsIn(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"un deux  trois\n", 3},
		{"Bonjour\u202f! Ça va\u00a0?", 3},
		{"« guillemets » — tiret", 2},
		{"l’œuvre d'art 3,5 %", 3},
		{"日本語のテキスト", 8},
		{"Ελληνικά кириллица", 2},
		{"x\xc3", 1},
		{"\xc3\xa9t\xc3", 1},
		{"\xff\xfe", 0},
		{"a\u2028b\u0085c", 3},
		{"e-mail @ x", 2},
	}
	for _, tt := range tests {
		if got := wordsIn([]byte(tt.in)); got != tt.want {
			t.Errorf("wordsIn(%q) = %d; want %d", tt.in, got, tt.want)
		}
		if ref := wordsRef([]byte(tt.in)); ref != tt.want {
			t.Errorf("wordsRef(%q) = %d; want %d", tt.in, ref, tt.want)
		}
	}
}

func FuzzWordsIn(f *testing.F) {
	for _, s := range []string{"un deux", "Bonjour\u202f!", "日本語", "\xc3", "a\xc3\xa9b \xe2\x80"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		if got, want := wordsIn(s), wordsRef(s); got != want {
			t.Errorf("wordsIn(%q) = %d; want %d", s, got, want)
		}
	})
}

// imgSrcRef is imgSrc with the quick test it was first written with: a
// lowercased copy of the fragment.
func imgSrcRef(frag []byte) string {
	if !bytes.Contains(bytes.ToLower(frag), []byte("<img")) {
		return ""
	}
	return tokenizeImgSrc(frag)
}

func TestImgSrc(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<img src="a.png">`, "a.png"},
		{`<p>x <IMG SRC="b.png" alt=""></p>`, "b.png"},
		{`<ImG src='c.png'/>`, "c.png"},
		{`<img alt="no src">`, ""},
		{`<İmg src="a.png">`, ""}, // ToLower folds U+0130 to "i"; tag names fold ASCII only
		{`<<img src="d.png">`, "d.png"},
		{`<im`, ""},
		{``, ""},
	}
	for _, tt := range tests {
		if got := imgSrc([]byte(tt.in)); got != tt.want {
			t.Errorf("imgSrc(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if ref := imgSrcRef([]byte(tt.in)); ref != tt.want {
			t.Errorf("imgSrcRef(%q) = %q; want %q", tt.in, ref, tt.want)
		}
	}
}

func FuzzImgSrc(f *testing.F) {
	for _, s := range []string{`<img src="a">`, `<IMG src=x>`, `<İmg src=y>`, `x<im`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, frag []byte) {
		if got, want := imgSrc(frag), imgSrcRef(frag); got != want {
			t.Errorf("imgSrc(%q) = %q; want %q", frag, got, want)
		}
	})
}
