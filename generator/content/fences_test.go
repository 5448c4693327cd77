package content

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/adrg/frontmatter"

	"github.com/relais/relais/generator/site"
)

// fenceTests are the delimiters adrg/frontmatter introduced (---yaml,
// ---toml, ---json) and the lines where its rules and relais's differ: an
// indented or otherwise padded delimiter inside the front matter, and
// YAML's "..." document end. TestParseShapes, TestBodyLineMatchesFile and
// the fuzz targets run them.
var fenceTests = []shapeTest{
	{
		name:  "---yaml fences",
		in:    "---yaml\ntitle: Un\n---\nCorps\n",
		title: "Un", body: "Corps\n", bodyLine: 4,
	},
	{
		name:  "---toml fences",
		in:    "---toml\ntitle = \"Un\"\ndate = 2024-03-01\n---\nCorps\n",
		title: "Un", body: "Corps\n", bodyLine: 5,
		check: func(t *testing.T, p *site.Page) {
			wantDate(t, p.Date, time.Date(2024, 3, 1, 0, 0, 0, 0, paris))
		},
	},
	{
		name:  "---json fences",
		in:    "---json\n{\n  \"title\": \"Un\",\n  \"n\": 2\n}\n---\nCorps\n",
		title: "Un", body: "Corps\n", bodyLine: 7,
		check: func(t *testing.T, p *site.Page) {
			wantJSON(t, p.Params, `{"n":2}`)
		},
	},
	{
		name:  "---yaml closed by ...",
		in:    "---yaml\ntitle: Un\n...\nCorps\n",
		title: "Un", body: "Corps\n", bodyLine: 4,
	},
	{
		name: "empty +++ fences",
		in:   "+++\n+++\nCorps\n",
		body: "Corps\n", bodyLine: 3,
	},
	{
		name:  "closing line with trailing blanks",
		in:    "---\ntitle: x\n--- \t\nCorps\n",
		title: "x", body: "Corps\n", bodyLine: 4,
	},
	{
		name:  "opening line with trailing blanks",
		in:    "+++  \ntitle = \"x\"\n+++\nCorps\n",
		title: "x", body: "Corps\n", bodyLine: 4,
	},
	{
		name: "indented --- does not open front matter",
		in:   "  ---\ntitle: x\n---\nCorps\n",
		body: "  ---\ntitle: x\n---\nCorps\n", bodyLine: 1,
	},
	{
		name:  "TOML multi-line string holding an indented +++",
		in:    "+++\ntitle = \"x\"\nnotes = \"\"\"\n  +++\n\"\"\"\n+++\nCorps\n",
		title: "x", body: "Corps\n", bodyLine: 7,
		check: func(t *testing.T, p *site.Page) {
			wantJSON(t, p.Params, `{"notes":"  +++\n"}`)
		},
	},
	{
		name:  "YAML closed by ... with an indented --- inside",
		in:    "---\ntitle: x\ntext: |\n  ---\n  fin\n...\nCorps\n",
		title: "x", body: "Corps\n", bodyLine: 7,
		check: func(t *testing.T, p *site.Page) {
			wantJSON(t, p.Params, `{"text":"---\nfin\n"}`)
		},
	},
	{
		name:  "YAML holding a ... line closed by ---",
		in:    "---\ntitle: x\ntext: |\n  ...\n---\nCorps\n",
		title: "x", body: "Corps\n", bodyLine: 6,
		check: func(t *testing.T, p *site.Page) {
			wantJSON(t, p.Params, `{"text":"...\n"}`)
		},
	},
	{
		name: "YAML error after an indented ---",
		in:   "---\ntext: |\n  ---\ntags: [a,\ndate: 2024-01-01\n---\nCorps\n",
		err:  `content/posts/x.md:4: invalid YAML front matter: did not find expected ',' or ']'`,
	},
	{
		name: "YAML error on the last line before ...",
		in:   "---\ntitle: x\ntext: |\n  ---\nbad: a: b\n...\n",
		err:  `content/posts/x.md:5: invalid YAML front matter: mapping values are not allowed in this context; quote a value that contains ": "`,
	},
	{
		name: "---toml error line",
		in:   "---toml\ntitle = \"x\"\ntags = [\"a\"\n---\n",
		err:  `content/posts/x.md:3: invalid TOML front matter: expected a comma (',') or array terminator (']'), but got end of file`,
	},
	{
		name: "---json error line",
		in:   "\n---json\n{\n  \"title\": \"x\"\n  \"draft\": true\n}\n---\n",
		err:  `content/posts/x.md:5: invalid JSON front matter: invalid character '"' after object key:value pair`,
	},
	{
		name:  ";;; JSON with a repeated key",
		in:    ";;;\n{\"title\": \"Un\",\n \"title\": \"Deux\"}\n;;;\n",
		warn:  `content/posts/x.md:3: key "title" repeats the one on line 2: the last value is used`,
		title: "Deux", bodyLine: 5,
	},
	{
		name: "unterminated ---yaml",
		in:   "---yaml\ntitle: x\n",
		err:  `content/posts/x.md:1: front matter opened by "---yaml" is never closed (want a "---" line after it)`,
	},
	{
		name: "unterminated ;;; holding an indented ;;;",
		in:   ";;;\n{\"title\": \"x\"}\n  ;;;\nCorps\n",
		err:  `content/posts/x.md:1: front matter opened by ";;;" is never closed (want a ";;;" line after it)`,
	},
	{
		name: "opening line alone",
		in:   "\n---",
		err:  `content/posts/x.md:2: front matter opened by "---" is never closed (want a "---" line after it; to start the text with a thematic break, write "***")`,
	},
	{
		name:  "closing line is the whole rest",
		in:    "+++\ntitle = \"x\"\n+++",
		title: "x", body: "", bodyLine: 4,
	},
}

// TestFenceTable checks the table relais hands adrg/frontmatter: every
// opening line is recognised once, by the format that decodes it.
func TestFenceTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range fences {
		if seen[f.Start] {
			t.Errorf("opening line %q is in the table twice", f.Start)
		}
		seen[f.Start] = true
		if f.Unmarshal == nil || f.UnmarshalDelims || f.RequiresNewLine {
			t.Errorf("fence %q: want a decoder, no delimiters passed to it and no blank line required", f.Start)
		}
		if got := fenceFor([]byte(f.Start + " \t")); got != f {
			t.Errorf("fenceFor(%q) = %v; want %v", f.Start+" \t", got, f)
		}
		if got := fenceFor([]byte(" " + f.Start)); got != nil {
			t.Errorf("fenceFor(%q) = %v; want none (an indented line opens nothing)", " "+f.Start, got)
		}
	}
	if strings.Join(formatStarts(), " ") != "--- +++ ---yaml ---toml ---json ;;;" {
		t.Errorf("formats = %q; want the fences in order", formatStarts())
	}
}

// formatStarts lists the opening lines of the formats given to
// adrg/frontmatter.
func formatStarts() []string {
	var s []string
	for _, f := range formats {
		s = append(s, f.Start)
	}
	return s
}

// TestClosing checks where split closes front matter, and that it rewrites
// the closing line exactly when adrg/frontmatter, left alone, would cut
// somewhere else.
func TestClosing(t *testing.T) {
	tests := []struct {
		in        string
		n         int // closing line, counted from the opening one; 0 when never closed
		ambiguous bool
	}{
		{"---\ntitle: x\n---\nCorps\n", 2, false},
		{"---\ntitle: x\n---  \nCorps\n", 2, false},
		{"---\ntext: |\n  ---\n---\n", 3, true},
		{"---\ntext: |\n\t---\n---\n", 3, true},
		{"---\ntitle: x\n...\n", 2, true},
		{"---\ntext: |\n  ...\n---\n", 3, false},
		{"---yaml\ntitle: x\n...\n", 2, true},
		{"+++\ntitle = \"x\"\n...\n+++\n", 3, false},
		{"+++\nnotes = \"\"\"\n +++\n\"\"\"\n+++\n", 4, true},
		{";;;\n{}\n  ;;;\n", 0, false},
		{"---\n", 0, false},
		{"---", 0, false},
	}
	for _, tt := range tests {
		data := []byte(tt.in)
		first := lineAt(data, 0)
		f := fenceFor(first)
		end, n, ambiguous := f.closing(data, len(first)+1)
		if n != tt.n || ambiguous != tt.ambiguous || (end < 0) != (tt.n == 0) {
			t.Errorf("closing(%q) = %d, %d, %v; want line %d, %v", tt.in, end, n, ambiguous, tt.n, tt.ambiguous)
			continue
		}
		if end < 0 {
			continue
		}
		// What the library finds in the data as it is: the same
		// front matter exactly when split calls the cut unambiguous.
		var got []byte
		record := func(raw []byte, v any) error { got = raw; return nil }
		g := *f.Format
		g.Unmarshal = record
		_, err := frontmatter.Parse(bytes.NewReader(data), new(int), &g)
		want := data[len(first)+1 : end]
		if err != nil || bytes.Equal(got, want) == tt.ambiguous {
			t.Errorf("frontmatter.Parse(%q) reads %q, %v; want %q only when unambiguous", tt.in, got, err, want)
		}
		// Rewritten, the library reads exactly the front matter.
		in, fs := f.unambiguous(data, len(first)+1, end)
		h := *fs[0]
		h.Unmarshal = record
		got = nil
		body, err := frontmatter.Parse(bytes.NewReader(in), new(int), &h)
		if err != nil || !bytes.Equal(got, want) || !bytes.HasSuffix(data, body) {
			t.Errorf("frontmatter.Parse(unambiguous(%q)) = %q, body %q, %v; want %q and the end of the file", tt.in, got, body, err, want)
		}
	}
}

// TestUnambiguousMark checks that the mark never matches a line of the
// front matter, even one that holds it.
func TestUnambiguousMark(t *testing.T) {
	data := []byte("---\ntext: |\n  relais:end\n  ---\n  relais:end:end\n...\nCorps\n")
	f := fenceFor(lineAt(data, 0))
	end, _, _ := f.closing(data, 4)
	in, fs := f.unambiguous(data, 4, end)
	if want := "relais:end:end:end"; fs[0].End != want {
		t.Errorf("mark = %q; want %q", fs[0].End, want)
	}
	if want := "---\ntext: |\n  relais:end\n  ---\n  relais:end:end\nrelais:end:end:end\nCorps\n"; string(in) != want {
		t.Errorf("unambiguous data = %q; want %q", in, want)
	}
	p, _, err := Parse("content/x.md", data, nil)
	if err != nil || p.Params["text"] != "relais:end\n---\nrelais:end:end\n" || string(p.Body) != "Corps\n" || p.BodyLine != 7 {
		t.Errorf("Parse = %v, %q, line %d, %v", p.Params, p.Body, p.BodyLine, err)
	}
}

// FuzzSplit checks that split and adrg/frontmatter always agree on where
// front matter ends, and that the body is the rest of the file.
func FuzzSplit(f *testing.F) {
	for _, tt := range append(append(shapeTests, fieldTests...), fenceTests...) {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data, _ = normalize("x.md", data)
		fm, _, err := split("x.md", data, time.UTC)
		if errors.Is(err, errCut) {
			t.Fatalf("split(%q): %v", data, err)
		}
		if err != nil {
			return
		}
		if !bytes.HasSuffix(data, fm.body) {
			t.Fatalf("split(%q) body %q is not the end of the file", data, fm.body)
		}
		if fm.format != "" && fm.bodyLine != fm.close+1 {
			t.Fatalf("split(%q) body line %d after closing line %d", data, fm.bodyLine, fm.close)
		}
	})
}
