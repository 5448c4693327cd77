package typography

import (
	"os"
	"testing"
)

func TestDiag(t *testing.T) {
	b, _ := os.ReadFile("../../../shared/corpora/jamstatic-fr/content/post/les-collections-dans-eleventy.md")
	src := string(body(b))
	base := codeElements.FindAllString(render(t, newMarkdown(nil), src, "fr"), -1)
	out := codeElements.FindAllString(render(t, newMarkdown(&Options{Quotes: true, NarrowNBSP: true, ColonNBSP: true}), src, "fr"), -1)
	for i := range base {
		if i < len(out) && base[i] != out[i] {
			t.Logf("base %q\nout  %q", base[i], visible(out[i]))
		}
	}
}
