package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestStatic(t *testing.T) {
	fsys := mapFS(
		"static/robots.txt", "User-agent: *",
		"static/img/logo.png", "png",
		"static/.well-known/security.txt", "contact",
		"static/.DS_Store", "junk",
		"content/posts/voyage/index.md", "---\ntitle: Voyage\n---\n",
		"content/posts/voyage/index.en.md", "---\ntitle: Journey\n---\n",
		"content/posts/voyage/cover.jpg", "jpg",
		"content/posts/voyage/images/carte.png", "png",
		"content/posts/brouillon/index.md", "---\ndraft: true\n---\n",
		"content/posts/brouillon/secret.png", "png",
		"content/posts/fichier/index.md", "---\nurl: /fichier.html\n---\n",
		"content/posts/fichier/joint.pdf", "pdf",
		"content/posts/_index.md", "---\ntitle: Articles\n---\n",
		"content/posts/banniere.jpg", "jpg",
		"content/favicon.ico", "ico",
		// Editors' files beside an article, mid-save: never published.
		"content/posts/voyage/index.md.tmp", "half a save",
		"content/posts/.index.md.swp", "vim",
		"content/posts/article.md~", "backup",
		"content/posts/index.md___jb_tmp___", "JetBrains",
		"content/posts/sed3xK9pQ", "sed -i",
	)
	pages, _, err := Load(fsys, bilingual(), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Static(fsys, pages)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"robots.txt":                       "static/robots.txt",
		"img/logo.png":                     "static/img/logo.png",
		".well-known/security.txt":         "static/.well-known/security.txt",
		"posts/voyage/cover.jpg":           "content/posts/voyage/cover.jpg",
		"posts/voyage/images/carte.png":    "content/posts/voyage/images/carte.png",
		"en/posts/voyage/cover.jpg":        "content/posts/voyage/cover.jpg",
		"en/posts/voyage/images/carte.png": "content/posts/voyage/images/carte.png",
		"joint.pdf":                        "content/posts/fichier/joint.pdf",
		"posts/banniere.jpg":               "content/posts/banniere.jpg",
		"favicon.ico":                      "content/favicon.ico",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Static =\n%v\nwant\n%v", sortedOutputs(got), sortedOutputs(want))
	}
}

func TestStaticConflicts(t *testing.T) {
	fsys := mapFS(
		"static/posts/x/cover.jpg", "jpg",
		"static/a-propos/index.html", "<p>",
		"static/ancien/index.html", "<p>",
		"content/posts/x/index.md", "---\ntitle: X\n---\n",
		"content/posts/x/cover.jpg", "jpg",
		"content/a-propos.md", "---\naliases: [/ancien/]\n---\n",
	)
	pages, _, err := Load(fsys, frenchSite(), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Static(fsys, pages)
	want := strings.Join([]string{
		"content/posts/x/cover.jpg: is copied to posts/x/cover.jpg, as static/posts/x/cover.jpg is (rename or move one)",
		"static/a-propos/index.html: is copied to a-propos/index.html, where relais writes the page content/a-propos.md (URL /a-propos/)",
		"static/ancien/index.html: is copied to ancien/index.html, where relais writes an alias of content/a-propos.md (URL /ancien/)",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("Static error =\n%v\nwant\n%s", err, want)
	}
}

func TestStaticNothing(t *testing.T) {
	got, err := Static(mapFS(), nil)
	if err != nil || len(got) != 0 {
		t.Errorf("Static(empty) = %v, %v; want nothing", got, err)
	}
}
