package count

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// TestTLDConformance checks each top-level domain of twitter-text's list
// (2021): "https://twitter.<tld>" is a link whenever the Public Suffix List
// knows the TLD. The others were brands and unassigned codes (xperia,
// statoil, .an, .tp) since removed from the root; they are logged, and
// their number is bounded so that a broken lookup cannot pass unseen.
func TestTLDConformance(t *testing.T) {
	var doc struct {
		Tests map[string][]struct {
			Description string
			Text        string
			Expected    []string
		}
	}
	if err := yaml.Unmarshal(twitterText(t, "conformance_tlds.yml"), &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	var retired []string
	for _, sec := range []string{"country", "generic"} {
		for _, c := range doc.Tests[sec] {
			n++
			tld := c.Text[len("https://twitter."):]
			var got []string
			for _, u := range URLs(c.Text) {
				got = append(got, c.Text[u.Start:u.End])
			}
			if !isTLD(tld) {
				if len(got) != 0 {
					t.Errorf("URLs(%q) = %q; want none, %s is unknown", c.Text, got, tld)
				}
				retired = append(retired, tld)
				continue
			}
			if !equal(got, c.Expected) {
				t.Errorf("URLs(%q) = %q; want %q", c.Text, got, c.Expected)
			}
		}
	}
	t.Logf("%d TLDs, %d no longer in the root: %v", n, len(retired), retired)
	if n < 1500 || len(retired) > n/10 {
		t.Errorf("%d of %d TLDs unknown; want at most a tenth", len(retired), n)
	}
}
