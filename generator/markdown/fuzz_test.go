package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender feeds any bytes to Render: it must return without error or
// panic, give valid UTF-8 for valid UTF-8, unique non-empty heading ids,
// a summary no longer than the page, and warnings on lines of the input.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(5))
	}
	for _, s := range []string{
		"", "#", "# \n", "> [!NOTE]", "> [!note] x\n> y", "<!--more-->", "a <!-- more --> b",
		"```mermaid", "```yaml{hl_lines=[", "``` {", "[x](a.md#", "![](", "<img src=", "[^1]\n\n[^1]:",
		"## a {#}", "## a {#x}\n## b {#x}", "a\tb\n\n\tc", "\x00\xff\xfe", "<b>un deux trois quatre</b>",
		"*a **b c** d* e f g h", "un `deux` trois « quatre » cinq\u202f! six",
	} {
		f.Add([]byte(s), uint8(3))
	}
	m := New(site)
	f.Fuzz(func(t *testing.T, src []byte, words uint8) {
		lines := bytes.Count(src, []byte{'\n'}) + 1
		res, err := m.Render(Input{
			Source: src, Lang: "fr", ExtractTitle: true, SummaryWords: int(words),
			ResolveLink: func(d string) (string, bool) { return "/r/", strings.HasPrefix(d, "a") },
		})
		if err != nil {
			t.Fatalf("Render(%q): %v", src, err)
		}
		if utf8.Valid(src) {
			for name, b := range map[string][]byte{"HTML": res.HTML, "SummaryHTML": res.SummaryHTML, "TOC": res.TOC, "Summary": []byte(res.Summary), "Title": []byte(res.Title)} {
				if !utf8.Valid(b) {
					t.Errorf("Render(%q).%s is not valid UTF-8: %q", src, name, b)
				}
			}
		}
		seen := map[string]bool{}
		for _, h := range res.Headings {
			if h.ID == "" || seen[h.ID] {
				t.Errorf("Render(%q): heading id %q empty or repeated", src, h.ID)
			}
			seen[h.ID] = true
		}
		for _, w := range res.Warnings {
			if w.Line < 1 || w.Line > lines {
				t.Errorf("Render(%q): warning on line %d of %d", src, w.Line, lines)
			}
		}
		if res.ReadingTime < 1 {
			t.Errorf("Render(%q).ReadingTime = %d; want at least 1", src, res.ReadingTime)
		}
	})
}
