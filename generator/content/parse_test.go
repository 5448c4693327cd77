package content

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/relais/relais/generator/site"
)

// frenchSite is the configuration most tests use: a French site in Paris
// time, with no [languages] table.
func frenchSite() *site.Config {
	return &site.Config{LanguageCode: "fr-FR", Location: paris}
}

// shapeTest names what Parse must return for one file.
type shapeTest struct {
	name     string
	in       string
	err      string // the whole error, "" for none
	warn     string // the whole first warning, "" for none
	title    string
	body     string
	bodyLine int
	check    func(t *testing.T, p *site.Page)
}

// shapeTests are the front-matter shapes of corpora-survey §8 and the
// traps of real files.
var shapeTests = []shapeTest{
	{
		name:  "BOM and YAML",
		in:    "\ufeff---\ntitle: Café\ndate: 2024-03-01\n---\nCorps\n",
		title: "Café", body: "Corps\n", bodyLine: 5,
		check: func(t *testing.T, p *site.Page) {
			wantDate(t, p.Date, time.Date(2024, 3, 1, 0, 0, 0, 0, paris))
		},
	},
	{
		name:  "CRLF and TOML",
		in:    "+++\r\ntitle = \"Été\"\r\ndate = 2024-03-01\r\ntags = [\"a\", \"b\"]\r\n[extra]\r\nteam = \"x\"\r\n+++\r\nCorps\r\nSuite\r\n",
		title: "Été", body: "Corps\nSuite\n", bodyLine: 8,
		check: func(t *testing.T, p *site.Page) {
			// A TOML local date is in the site's zone, not the machine's.
			wantDate(t, p.Date, time.Date(2024, 3, 1, 0, 0, 0, 0, paris))
			wantList(t, "tags", p.Terms["tags"], "a", "b")
			wantJSON(t, p.Params, `{"extra":{"team":"x"}}`)
		},
	},
	{
		name:  "JSON followed by a blank line",
		in:    "{\n  \"title\": \"Bonjour\",\n  \"tags\": [\"x\"],\n  \"weight\": 3\n}\n\nCorps\n",
		title: "Bonjour", body: "\nCorps\n", bodyLine: 6,
		check: func(t *testing.T, p *site.Page) {
			wantList(t, "tags", p.Terms["tags"], "x")
			if p.Weight != 3 {
				t.Errorf("Weight = %d; want 3", p.Weight)
			}
		},
	},
	{
		name:  "JSON directly followed by the body",
		in:    "{\n  \"title\": \"Bonjour\"\n}\nCorps\n",
		title: "Bonjour", body: "Corps\n", bodyLine: 4,
	},
	{
		name:  "JSON on one line",
		in:    "{\"title\": \"Bonjour\", \"draft\": true, \"n\": 1.5}\nCorps\n",
		title: "Bonjour", body: "Corps\n", bodyLine: 2,
		check: func(t *testing.T, p *site.Page) {
			if !p.Draft {
				t.Error("Draft = false; want true")
			}
			wantJSON(t, p.Params, `{"n":1.5}`)
		},
	},
	{
		name:  "JSON with a repeated key",
		in:    "{\n  \"title\": \"Un\",\n  \"list\": [{\"a\": 1}, {\"a\": 2}],\n  \"title\": \"Deux\"\n}\n",
		warn:  `content/posts/x.md:4: key "title" repeats the one on line 2: the last value is used`,
		title: "Deux", bodyLine: 6,
	},
	{
		name:  "JSON between ;;; fences",
		in:    ";;;\n{\"title\": \"Un\"}\n;;;\nCorps\n",
		title: "Un", body: "Corps\n", bodyLine: 4,
	},
	{
		name:     "empty ;;; fences",
		in:       ";;;\n;;;\n",
		bodyLine: 3,
	},
	{
		name: "JSON with text after the brace",
		in:   "{\"title\": \"Bonjour\"} Corps\n",
		err:  `content/posts/x.md:1: text " Corps" after the JSON front matter on the same line (want the body on the next line)`,
	},
	{
		name: "JSON never closed",
		in:   "{\n  \"title\": \"Bonjour\",\n  \"tags\": [\n",
		err:  `content/posts/x.md:1: JSON front matter opened by "{" is never closed (want a matching "}")`,
	},
	{
		name: "JSON brace never closed before the body",
		in:   "{\n  \"title\": \"Bonjour\",\n\nCorps\n",
		err:  `content/posts/x.md:4: invalid JSON front matter: invalid character 'C' looking for beginning of object key string`,
	},
	{
		name: "JSON syntax error",
		in:   "{\n  \"title\": \"Bonjour\"\n  \"draft\": true\n}\nCorps\n",
		err:  `content/posts/x.md:3: invalid JSON front matter: invalid character '"' after object key:value pair`,
	},
	{
		name: "shortcode first, not JSON",
		in:   "{{< notice info >}}\nTexte\n{{< /notice >}}\n",
		body: "{{< notice info >}}\nTexte\n{{< /notice >}}\n", bodyLine: 1,
	},
	{
		name: "empty front matter",
		in:   "---\n---\nCorps\n",
		body: "Corps\n", bodyLine: 3,
	},
	{
		name: "front matter with only comments",
		in:   "---\n# rien\n---\nCorps\n",
		body: "Corps\n", bodyLine: 4,
	},
	{
		name: "no front matter",
		in:   "# Titre\n\nCorps\n",
		body: "# Titre\n\nCorps\n", bodyLine: 1,
	},
	{
		name: "empty file",
		in:   "",
		body: "", bodyLine: 1,
	},
	{
		name:  "blank lines before the front matter",
		in:    "\n\n---\ntitle: x\n---\nCorps",
		title: "x", body: "Corps", bodyLine: 6,
	},
	{
		name:  "YAML closed by ...",
		in:    "---\ntitle: x\n...\nCorps\n",
		title: "x", body: "Corps\n", bodyLine: 4,
	},
	{
		name:  "front matter and no body",
		in:    "---\ntitle: x\n---",
		title: "x", body: "", bodyLine: 4,
	},
	{
		name: "unterminated",
		in:   "---\ntitle: x\n\nCorps\n",
		err:  `content/posts/x.md:1: front matter opened by "---" is never closed (want a "---" line after it; to start the text with a thematic break, write "***")`,
	},
	{
		name: "unterminated TOML",
		in:   "\n+++\ntitle = \"x\"\n",
		err:  `content/posts/x.md:2: front matter opened by "+++" is never closed (want a "+++" line after it)`,
	},
	{
		name: "thematic break on the first line",
		in:   "---\n\nUn texte qui commence par un filet.\n\n---\n\nSuite.\n",
		err:  `content/posts/x.md:3: YAML front matter is a single value "Un texte qui commence par un filet." (want key: value lines; to start the text with a thematic break, write "***")`,
	},
	{
		name: "draft as a string",
		in:   "---\ndraft: \"true\"\n---\n",
		body: "", bodyLine: 4,
		check: func(t *testing.T, p *site.Page) {
			if !p.Draft {
				t.Error(`Draft = false for draft: "true"; want true`)
			}
		},
	},
	{
		name: "draft not a boolean",
		in:   "---\ntitle: x\ndraft: peut-être\n---\n",
		err:  `content/posts/x.md:3: draft: got "peut-être" (want true or false)`,
	},
	{
		name:     "Jekyll published: false",
		in:       "---\npublished: false\n---\n",
		bodyLine: 4,
		check: func(t *testing.T, p *site.Page) {
			if !p.Draft {
				t.Error("Draft = false for published: false; want true")
			}
		},
	},
	{
		name:     "comma-separated tags",
		in:       "---\ntags: \"a, b\"\ncategories: Réseaux sociaux\n---\n",
		bodyLine: 5,
		check: func(t *testing.T, p *site.Page) {
			wantList(t, "tags", p.Terms["tags"], "a", "b")
			wantList(t, "categories", p.Terms["categories"], "Réseaux sociaux")
		},
	},
	{
		name:     "space in a tag is kept",
		in:       "---\ntags: a b\n---\n",
		bodyLine: 4,
		check: func(t *testing.T, p *site.Page) {
			wantList(t, "tags", p.Terms["tags"], "a b")
		},
	},
	{
		name:     "null, [null] and singular taxonomies",
		in:       "---\ntags:\ncategories:\n  -\ncategory: release\ntag: [Go, go, Rust]\n---\n",
		bodyLine: 8,
		check: func(t *testing.T, p *site.Page) {
			wantList(t, "categories", p.Terms["categories"], "release")
			wantList(t, "tags", p.Terms["tags"], "Go", "Rust")
			if len(p.Params) != 0 {
				t.Errorf("Params = %v; want none", p.Params)
			}
		},
	},
	{
		name:  "duplicate keys",
		in:    "---\ntitle: Premier\ndate: 2024-01-01\ntitle: Second\n---\n",
		warn:  `content/posts/x.md:4: key "title" repeats the one on line 2: the last value is used`,
		title: "Second", bodyLine: 6,
	},
	{
		name:  "one key in two cases",
		in:    "---\nTitle: Premier\ntitle: Second\n---\n",
		warn:  `content/posts/x.md:3: key "title" is read as "Title", already set on line 2: it is ignored`,
		title: "Premier", bodyLine: 5,
	},
	{
		name: "colon in an unquoted value",
		in:   "---\ntitle: a: b\n---\n",
		err:  `content/posts/x.md:2: invalid YAML front matter: mapping values are not allowed in this context; quote a value that contains ": "`,
	},
	{
		name: "YAML error further down",
		in:   "---\ntitle: x\ntags: [a,\ndate: 2024-01-01\n---\n",
		err:  `content/posts/x.md:3: invalid YAML front matter: did not find expected ',' or ']'`,
	},
	{
		name: "YAML error in a text that starts with a thematic break",
		in:   "---\n\nIl était une fois : un filet : voilà.\n\n---\n",
		err:  `content/posts/x.md:3: invalid YAML front matter: mapping values are not allowed in this context; quote a value that contains ": " (to start the text with a thematic break, write "***")`,
	},
	{
		// French typography puts a space before ":", which YAML reads
		// as a key.
		name: "text after a thematic break that reads as YAML",
		in:   "---\n\nIl était une fois : un filet.\n\n---\nSuite\n",
		warn: `content/posts/x.md:1: front matter starts with a blank line (if this "---" is a thematic break, write "***" instead)`,
		body: "Suite\n", bodyLine: 6,
	},
	{
		name: "YAML tab indentation",
		in:   "---\ntitle: x\n\tb: 2\n---\n",
		err:  `content/posts/x.md:3: invalid YAML front matter: found a tab character that violates indentation`,
	},
	{
		name: "YAML unclosed flow map",
		in:   "---\ntitle: x\nb: {a: 1\nc: 2\n---\n",
		err:  `content/posts/x.md:3: invalid YAML front matter: did not find expected ',' or '}'`,
	},
	{
		name: "YAML unknown anchor",
		in:   "---\na: 1\nb: 2\nc: *nope\n---\n",
		err:  `content/posts/x.md:4: invalid YAML front matter: unknown anchor 'nope' referenced`,
	},
	{
		name: "February 30",
		in:   "---\ntitle: x\ndate: 2024-02-30\n---\n",
		err:  `content/posts/x.md:3: date "2024-02-30": day out of range (want YYYY-MM-DD or RFC 3339)`,
	},
	{
		name: "month 13",
		in:   "---\ntitle: x\n\ndate: 2024-13-01\n---\n",
		err:  `content/posts/x.md:4: date "2024-13-01": month out of range (want YYYY-MM-DD or RFC 3339)`,
	},
	{
		name: "several bad fields at once",
		in:   "---\ndate: 2024-13-01\nlastmod: hier\nweight: 2.5\n---\n",
		err: `content/posts/x.md:2: date "2024-13-01": month out of range (want YYYY-MM-DD or RFC 3339)` + "\n" +
			`content/posts/x.md:3: lastmod "hier": unknown format (want YYYY-MM-DD or RFC 3339)` + "\n" +
			`content/posts/x.md:4: weight: got 2.5 (want a whole number)`,
	},
	{
		name: "TOML error line",
		in:   "+++\ntitle = \"x\"\ndate = 2024-01-01\ntags = [\"a\"\n+++\n",
		err:  `content/posts/x.md:4: invalid TOML front matter: expected a comma (',') or array terminator (']'), but got end of file`,
	},
	{
		name:  "TOML bad date line",
		in:    "+++\ntitle = \"x\"\n[extra]\nteam = \"t\"\n+++\n",
		title: "x", bodyLine: 6,
	},
	{
		name:  "Latin-1 bytes",
		in:    "---\ntitle: Caf\xe9\n---\nL'\xe9t\xe9 \xab chaud \xbb\n",
		warn:  "content/posts/x.md:2: file is not UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8",
		title: "Café", body: "L'été « chaud »\n", bodyLine: 4,
	},
	{
		name:  "BOM and Latin-1 bytes",
		in:    "\ufeff---\ntitle: Caf\xe9\n---\nCorps\n",
		warn:  "content/posts/x.md:2: file is not UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8",
		title: "Café", body: "Corps\n", bodyLine: 4,
	},
	{
		name:  "a value containing ---",
		in:    "---\ntitle: \"a --- b\"\ndescription: |\n  ---\n  texte\n---\nCorps\n",
		title: "a --- b", body: "Corps\n", bodyLine: 7,
		check: func(t *testing.T, p *site.Page) {
			if p.Description != "---\ntexte\n" {
				t.Errorf("Description = %q; want %q", p.Description, "---\ntexte\n")
			}
		},
	},
}

func TestParseShapes(t *testing.T) {
	for _, tt := range append(append(shapeTests, fieldTests...), fenceTests...) {
		t.Run(tt.name, func(t *testing.T) {
			p, warns, err := Parse("content/posts/x.md", []byte(tt.in), frenchSite())
			if tt.err != "" {
				if err == nil {
					t.Fatalf("Parse error = nil; want %s", tt.err)
				}
				if err.Error() != tt.err {
					t.Errorf("Parse error =\n%s\nwant\n%s", err, tt.err)
				}
				for _, e := range flatten(err) {
					if e.Path != "content/posts/x.md" || e.Line < 1 {
						t.Errorf("error %q has no file line", e)
					}
				}
				if p != nil {
					t.Errorf("Parse returned a page with an error")
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse error: %v", err)
			}
			if tt.warn != "" {
				if len(warns) == 0 || warns[0].Error() != tt.warn {
					t.Errorf("Parse warnings = %v; want %s", warns, tt.warn)
				}
			} else if len(warns) > 0 {
				t.Errorf("Parse warnings = %v; want none", warns)
			}
			if p.Title != tt.title {
				t.Errorf("Title = %q; want %q", p.Title, tt.title)
			}
			if string(p.Body) != tt.body {
				t.Errorf("Body = %q; want %q", p.Body, tt.body)
			}
			if p.BodyLine != tt.bodyLine {
				t.Errorf("BodyLine = %d; want %d", p.BodyLine, tt.bodyLine)
			}
			if _, err := json.Marshal(p.Params); err != nil {
				t.Errorf("Params cannot be encoded as JSON: %v", err)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

// BodyLine points at the body's first byte, so a later stage can turn an
// offset in Body into a file line.
func TestBodyLineMatchesFile(t *testing.T) {
	for _, tt := range append(shapeTests, fenceTests...) {
		if tt.err != "" || tt.body == "" {
			continue
		}
		p, _, err := Parse("content/x.md", []byte(tt.in), frenchSite())
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		norm, _ := normalize("x", []byte(tt.in))
		lines := strings.Split(string(norm), "\n")
		first, _, _ := strings.Cut(string(p.Body), "\n")
		if got := lines[p.BodyLine-1]; got != first {
			t.Errorf("%s: file line %d = %q; want the body's first line %q", tt.name, p.BodyLine, got, first)
		}
	}
}

func TestParseUTF16(t *testing.T) {
	// "---\ntitle: Été\n---\nCorps\n" as Notepad's "Unicode" (UTF-16 LE).
	var b []byte
	b = append(b, 0xff, 0xfe)
	for _, r := range "---\r\ntitle: Été\r\n---\r\nCorps\r\n" {
		b = append(b, byte(r), byte(r>>8))
	}
	p, warns, err := Parse("content/x.md", b, frenchSite())
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Été" || string(p.Body) != "Corps\n" {
		t.Errorf("Parse(UTF-16) = %q, %q; want %q, %q", p.Title, p.Body, "Été", "Corps\n")
	}
	if len(warns) != 1 || !strings.Contains(warns[0].Error(), "UTF-16") {
		t.Errorf("warnings = %v; want one about UTF-16", warns)
	}
}

func TestParseAliasBomb(t *testing.T) {
	in := "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n"
	_, _, err := Parse("content/x.md", []byte(in), nil)
	var se *site.Error
	if !errors.As(err, &se) || !strings.Contains(se.Error(), "expands to more than 100000 values") {
		t.Errorf("Parse(alias bomb) error = %v; want a positioned error about expansion", err)
	}
}

func wantDate(t *testing.T, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("date = %v; want %v", got, want)
	}
}

func wantList(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %q; want %q", what, got, want)
	}
}

func wantJSON(t *testing.T, v any, want string) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("json.Marshal(%v): %v", v, err)
	}
	if string(b) != want {
		t.Errorf("JSON = %s; want %s", b, want)
	}
}

func TestTOMLKeyLines(t *testing.T) {
	raw := "title = \"x\"\nmatrix = [\n  [1, 2],\n  [3],\n]\nnotes = \"\"\"\nfake = 1\n\"\"\"\n[social]\nx = \"a\"\n\"quoted.key\" = 1\n[[extra.see_also]]\nurl = \"u\"\n"
	got := tomlKeyLines(raw, 1)
	want := map[string]int{"title": 2, "matrix": 3, "notes": 7, "social": 10, "social.x": 11, "social.quoted.key": 12, "extra.see_also": 13, "extra.see_also.url": 14}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tomlKeyLines = %v; want %v", got, want)
	}
}
