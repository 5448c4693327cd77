package typography

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpus returns the folder of a real blog's content from the shared
// corpora, skipping the test when it is absent (but not on CI).
func corpus(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpora", name)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus %s: %v", name, err)
		}
		t.Skipf("corpus %s not found at %s: skipping", name, dir)
	}
	return dir
}

// body returns a Markdown file without its YAML or TOML front matter.
func body(b []byte) []byte {
	for _, delim := range []string{"---", "+++"} {
		d := []byte(delim + "\n")
		if !bytes.HasPrefix(b, d) {
			continue
		}
		if end := bytes.Index(b[len(d):], []byte("\n"+delim)); end >= 0 {
			rest := b[len(d)+end+1+len(delim):]
			return bytes.TrimLeft(rest, "\r\n")
		}
	}
	return b
}

// TestCorpusFrench runs the pass over every page of Jamstatic FR, a real
// French blog about the web: it must not change code, must change nothing
// but spaces and glyphs, must not put two spaces side by side, and String
// must be idempotent on each line.
func TestCorpusFrench(t *testing.T) {
	dir := corpus(t, "jamstatic-fr")
	plain := newMarkdown(nil)
	typo := newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true})
	var files, narrow, colons, guillemets int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || filepath.Base(path) == "SOURCE.md" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src := string(body(b))
		base := render(t, plain, src, "fr")
		out := render(t, typo, src, "fr")
		files++
		if got, want := codeElements.FindAllString(out, -1), codeElements.FindAllString(base, -1); !slices.Equal(got, want) {
			t.Errorf("%s: code changed", path)
		}
		if skeleton(out) != skeleton(base) {
			t.Errorf("%s: changed more than spaces and glyphs", path)
		}
		if got, was := len(fixedSpacePairs.FindAllString(out, -1)), len(fixedSpacePairs.FindAllString(base, -1)); got > was {
			t.Errorf("%s: %d no-break spaces next to a space; want at most %d", path, got, was)
		}
		narrow += strings.Count(out, nnbsp) - strings.Count(base, nnbsp)
		colons += strings.Count(out, nbsp) - strings.Count(base, nbsp)
		guillemets += strings.Count(out, "«") - strings.Count(base, "«")
		for line := range strings.SplitSeq(src, "\n") {
			once := String("fr", line, Defaults())
			if twice := String("fr", once, Defaults()); twice != once {
				t.Errorf("%s: String(String(%q)) = %q; want %q", path, line, visible(twice), visible(once))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Errorf("read %d pages of jamstatic-fr; want at least 50", files)
	}
	// Jamstatic FR is typed with plain spaces: the pass must have work to do.
	if narrow < 100 || colons < 100 {
		t.Errorf("added %d U+202F and %d U+00A0 over %d pages; want at least 100 of each", narrow, colons, files)
	}
	t.Logf("%d pages: %d U+202F, %d U+00A0 and %d « added", files, narrow, colons, guillemets)
}
