package count

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// twitterText reads a file of shared/data/twitter-text, beside the
// repository (found by walking up to go.mod). It skips the test when the
// data is absent, but fails under CI, where shared/ is always there.
func twitterText(t *testing.T, name string) []byte {
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
			t.Fatal("go.mod not found above the test")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "data", "twitter-text", name)
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("twitter-text data missing under CI: %v", err)
		}
		t.Skipf("twitter-text data not found (%v): skipped outside CI", err)
	}
	return b
}

type weightedCase struct {
	Description string
	Text        string
	Expected    struct {
		WeightedLength int  `yaml:"weightedLength"`
		Valid          bool `yaml:"valid"`
	}
}

// TestXConformance runs every weighted case of twitter-text's own tests.
// WeightedTweetsWithDiscountedEmojiCounterTest and
// UnicodeDirectionalMarkerCounterTest are config v3, what X runs today;
// WeightedTweetsCounterTest is v2 (emoji weighed per code point) and runs
// against the same code with emoji parsing off, as a check of the ranges
// and links on their own.
func TestXConformance(t *testing.T) {
	var doc struct {
		Tests map[string]yaml.Node // the other sections hold booleans
	}
	if err := yaml.Unmarshal(twitterText(t, "conformance_validate.yml"), &doc); err != nil {
		t.Fatal(err)
	}
	sections := []struct {
		name  string
		emoji bool
	}{
		{"WeightedTweetsWithDiscountedEmojiCounterTest", true},
		{"UnicodeDirectionalMarkerCounterTest", true},
		{"WeightedTweetsCounterTest", false},
	}
	total := 0
	for _, sec := range sections {
		var cases []weightedCase
		node := doc.Tests[sec.name]
		if err := node.Decode(&cases); err != nil {
			t.Fatalf("section %s: %v", sec.name, err)
		}
		if len(cases) == 0 {
			t.Fatalf("section %s missing or empty", sec.name)
		}
		for _, c := range cases {
			total++
			t.Run(sec.name+"/"+c.Description, func(t *testing.T) {
				n, invalid := weighX(c.Text, sec.emoji)
				valid := !invalid && n > 0 && n <= XLimit
				if n != c.Expected.WeightedLength || valid != c.Expected.Valid {
					t.Errorf("weight(%.60q) = %d, valid %v; want %d, valid %v", c.Text, n, valid, c.Expected.WeightedLength, c.Expected.Valid)
				}
				if sec.emoji {
					if got := X(c.Text); got != c.Expected.WeightedLength {
						t.Errorf("X(%.60q) = %d; want %d", c.Text, got, c.Expected.WeightedLength)
					}
					if got := XValid(c.Text); got != c.Expected.Valid {
						t.Errorf("XValid(%.60q) = %v; want %v", c.Text, got, c.Expected.Valid)
					}
				}
			})
		}
	}
	if total != 44 {
		t.Errorf("ran %d weighted cases; the file has 44 (22 + 2 v3, 20 v2)", total)
	}
}

// TestURLConformance checks the link finder on twitter-text's extraction
// tests: the texts of the links found, and their positions in code points.
func TestURLConformance(t *testing.T) {
	var doc struct {
		Tests map[string][]struct {
			Description string
			Text        string
			Expected    yaml.Node
		}
	}
	if err := yaml.Unmarshal(twitterText(t, "conformance_extract.yml"), &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sec := range []string{"urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params"} {
		for _, c := range doc.Tests[sec] {
			n++
			t.Run(sec+"/"+c.Description, func(t *testing.T) {
				var want []string
				var wantIdx [][2]int
				if err := c.Expected.Decode(&want); err != nil {
					var ws []struct {
						URL     string
						Indices [2]int
					}
					if err := c.Expected.Decode(&ws); err != nil {
						t.Fatal(err)
					}
					for _, w := range ws {
						want = append(want, w.URL)
						wantIdx = append(wantIdx, w.Indices)
					}
				}
				var got []string
				var gotIdx [][2]int
				for _, u := range URLs(c.Text) {
					got = append(got, c.Text[u.Start:u.End])
					gotIdx = append(gotIdx, [2]int{len([]rune(c.Text[:u.Start])), len([]rune(c.Text[:u.End]))})
				}
				if !equal(got, want) {
					t.Errorf("URLs(%q) = %q; want %q", c.Text, got, want)
				}
				if wantIdx != nil && !equal(gotIdx, wantIdx) {
					t.Errorf("URLs(%q) at %v; want %v", c.Text, gotIdx, wantIdx)
				}
			})
		}
	}
	if n < 100 {
		t.Errorf("ran %d extraction cases; want the 100 or so of the file", n)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
