package card

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// corpora holds real blogs' content, beside the repository.
var corpora = filepath.Join("..", "..", "..", "shared", "corpora")

// TestCorpusTitles lays out the title of every article of six real blogs,
// French and English, and checks each card against the rules of
// checkPlan. No title of a length real people write should be cut.
func TestCorpusTitles(t *testing.T) {
	if _, err := os.Stat(corpora); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpora missing in CI: %v", err)
		}
		t.Skipf("corpora not found at %s: %v", corpora, err)
	}
	var titles []string
	filepath.WalkDir(corpora, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			if title := frontTitle(t, path); title != "" {
				titles = append(titles, title)
			}
		}
		return nil
	})
	if len(titles) < 1000 {
		t.Fatalf("found %d titles in %s; want the corpora's 1,000 and more", len(titles), corpora)
	}
	sizes := map[float64]int{}
	var cut []string
	for _, title := range titles {
		s := standard(title)
		p := makePlan(s, palette{}, nil)
		checkPlan(t, s, p)
		sizes[p.title.fc.size]++
		if p.title.cut {
			cut = append(cut, title)
			if n := utf8.RuneCountInString(title); n < 120 {
				t.Errorf("title of %d characters cut: %q", n, title)
			}
		}
	}
	keys := make([]float64, 0, len(sizes))
	for k := range sizes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range slices.Backward(keys) {
		t.Logf("%3.0f px: %4d titles", k, sizes[k])
	}
	t.Logf("%d titles, %d ellipsized: %q", len(titles), len(cut), cut)
}

// frontTitle reads the title from a file's front matter, YAML (title: x)
// or TOML (title = "x"): enough for a layout test, not a parser.
func frontTitle(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Error(err)
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 0; sc.Scan() && n < 60; n++ {
		line := sc.Text()
		if n > 0 && (line == "---" || line == "+++") {
			return ""
		}
		v, ok := strings.CutPrefix(line, "title:")
		if !ok {
			v, ok = strings.CutPrefix(line, "title =")
		}
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch {
		case strings.HasPrefix(v, `"`):
			if u, err := strconv.Unquote(v); err == nil {
				return u
			}
			return strings.Trim(v, `"`)
		case strings.HasPrefix(v, "'"):
			return strings.ReplaceAll(strings.Trim(v, "'"), "''", "'")
		}
		return v
	}
	return ""
}
