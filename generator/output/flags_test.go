package output

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// The flags of this package's tests. Other outputs' tests share them:
// the flag package allows one -update per test binary.
var (
	update  = flag.Bool("update", false, "rewrite golden files")
	preview = flag.String("preview", "", "also write the rendered test site, with the theme's static files, into this folder (to look at it in a browser)")
)

// writePreview writes files and the theme's static files under dir.
func writePreview(t *testing.T, files Files) {
	t.Helper()
	if *preview == "" {
		return
	}
	th := defaultTheme(t, pagesConfig())
	static, err := th.Static()
	if err != nil {
		t.Fatal(err)
	}
	all := Files{"posts/guillemets/schema.svg": []byte(previewSVG)}
	for p, b := range static {
		all[p] = b
	}
	for p, b := range files {
		all[p] = b
	}
	for p, b := range all {
		out := filepath.Join(*preview, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("preview written to %s", *preview)
}

// previewSVG stands for the image of the test article.
const previewSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630"><rect width="1200" height="630" fill="#eef3fb"/><circle cx="600" cy="315" r="120" fill="#1f5ea8"/><text x="600" y="325" font-family="sans-serif" font-size="40" fill="#fff" text-anchor="middle">site</text><g fill="#5c5a56" font-family="sans-serif" font-size="32" text-anchor="middle"><text x="220" y="140">Mastodon</text><text x="980" y="140">Bluesky</text><text x="220" y="520">LinkedIn</text><text x="980" y="520">X</text></g><g stroke="#1f5ea8" stroke-width="6"><line x1="500" y1="250" x2="300" y2="160"/><line x1="700" y1="250" x2="900" y2="160"/><line x1="500" y1="380" x2="300" y2="490"/><line x1="700" y1="380" x2="900" y2="490"/></g></svg>`
