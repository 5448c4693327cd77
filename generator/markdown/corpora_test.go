package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// corporaDir finds ../shared/corpora beside the repository root (the
// folder holding go.mod). The corpora are real blogs' content, read-only.
func corporaDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	corpora := filepath.Join(dir, "..", "shared", "corpora")
	if _, err := os.Stat(corpora); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpora missing in CI: %v", err)
		}
		t.Skipf("real-blog corpora not found at %s (they live beside the repository); skipping", corpora)
	}
	return corpora
}

// body drops a file's front matter (--- YAML or +++ TOML), which the
// content stage removes before the Markdown stage sees the body.
func body(b []byte) []byte {
	for _, delim := range []string{"---", "+++"} {
		if !bytes.HasPrefix(b, []byte(delim+"\n")) && !bytes.HasPrefix(b, []byte(delim+"\r\n")) {
			continue
		}
		rest := b[len(delim)+1:]
		for off := 0; off < len(rest); {
			line := rest[off:]
			if i := bytes.IndexByte(line, '\n'); i >= 0 {
				line = line[:i+1]
			}
			if string(bytes.TrimRight(line, "\r\n")) == delim {
				return rest[off+len(line):]
			}
			off += len(line)
		}
	}
	return b
}

// TestCorpora renders every post of six real blogs (1,300 files, Hugo,
// Zola, Jekyll, Eleventy and Hexo content, one French) as a site would:
// no error, no panic, and sane results.
func TestCorpora(t *testing.T) {
	root := corporaDir(t)
	m := New(site)
	var seen, files, warnings, truncated, withTOC int
	var elapsed time.Duration
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		if d.IsDir() || ext != ".md" && ext != ".markdown" || d.Name() == "SOURCE.md" {
			return nil
		}
		seen++
		if raceEnabled && seen%10 != 0 {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src := body(raw)
		rel, _ := filepath.Rel(root, path)
		lang := "en"
		if strings.HasPrefix(rel, "jamstatic-fr") {
			lang = "fr"
		}
		start := time.Now()
		res, err := m.Render(Input{
			Source: src, Lang: lang, ExtractTitle: true,
			ResolveLink: func(dest string) (string, bool) { return "", false },
		})
		elapsed += time.Since(start)
		files++
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		checkResult(t, rel, src, res)
		warnings += len(res.Warnings)
		if res.Truncated {
			truncated++
		}
		if len(res.TOC) > 0 {
			withTOC++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 1000 {
		t.Errorf("found %d corpus files; want the 1,300 or so of shared/corpora", seen)
	}
	t.Logf("%d files in %v (%v per file), %d link warnings, %d truncated summaries, %d with a TOC",
		files, elapsed.Round(time.Millisecond), (elapsed / time.Duration(max(files, 1))).Round(time.Microsecond), warnings, truncated, withTOC)
}

// checkResult asserts what must hold for any page.
func checkResult(t *testing.T, name string, src []byte, res Result) {
	t.Helper()
	if utf8.Valid(src) && !utf8.Valid(res.HTML) {
		t.Errorf("%s: HTML is not valid UTF-8", name)
	}
	seen := map[string]bool{}
	for _, h := range res.Headings {
		if h.ID == "" || seen[h.ID] {
			t.Errorf("%s: heading id %q empty or repeated", name, h.ID)
		}
		seen[h.ID] = true
	}
	lines := bytes.Count(src, []byte{'\n'}) + 1
	for _, w := range res.Warnings {
		if w.Line < 1 || w.Line > lines {
			t.Errorf("%s: warning %q on line %d of %d", name, w.Msg, w.Line, lines)
		}
	}
	if strings.Contains(res.Summary, "raw HTML omitted") || strings.ContainsAny(res.Summary, "\n\t") || res.Summary != strings.TrimSpace(res.Summary) {
		t.Errorf("%s: Summary has markup or raw white space: %q", name, res.Summary)
	}
	if len(bytes.TrimSpace(src)) > 0 && res.ReadingTime < 1 {
		t.Errorf("%s: ReadingTime %d", name, res.ReadingTime)
	}
}

// TestCorporaDividers checks the two real posts that mark their summary
// with <!--more--> (Zola's and Hugo's spellings), and a French post that
// shows the divider inside a ```markdown example, where it is code.
func TestCorporaDividers(t *testing.T) {
	root := corporaDir(t)
	tests := []struct {
		path   string
		ends   string // the summary's last words; "" when the divider is code
		inCode bool
	}{
		{"rust-blog/content/MIR/index.md", "why MIR does not currently use SSA.)", false},
		{"jamstatic-fr/content/post/contenus-relatifs-dans-hugo/index.md", "relations dans Hugo !", false},
		{"jamstatic-fr/content/post/mettre-en-place-son-premier-site-sous-hugo.md", "", true},
	}
	m := New(site)
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(tt.path)))
			if err != nil {
				t.Fatal(err)
			}
			res, err := m.Render(Input{Source: body(raw), Lang: "fr"})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Truncated || !strings.HasSuffix(res.Summary, tt.ends) {
				t.Errorf("Summary = %q, truncated %v; want it to end %q, truncated", res.Summary, res.Truncated, tt.ends)
			}
			if tt.inCode && len(res.Summary) > 200 {
				t.Errorf("Summary = %q; want the first paragraph, not everything before the divider in the code", res.Summary)
			}
			if got := bytes.Contains(res.HTML, []byte("&lt;!--more--&gt;")); got != tt.inCode {
				t.Errorf("divider shown as code in the page: %v; want %v", got, tt.inCode)
			}
			if bytes.Contains(res.HTML, []byte("<!-- more -->")) || bytes.Contains(res.HTML, []byte("<!--more-->")) {
				t.Errorf("the divider is left in the page")
			}
		})
	}
}
