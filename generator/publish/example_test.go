package publish_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/relais/relais/generator/publish"
)

func ExampleWrite() {
	site, _ := os.MkdirTemp("", "blog")
	defer os.RemoveAll(site)
	dest := filepath.Join(site, "public")
	files := map[string][]byte{
		"index.html":               []byte("<p>« Bonjour »</p>"),
		"posts/reseaux/index.html": []byte("<p>Réseaux sociaux</p>"),
	}
	if err := publish.Write(dest, files, publish.Options{Source: site}); err != nil {
		fmt.Println(err)
		return
	}
	fs.WalkDir(os.DirFS(dest), ".", func(p string, d fs.DirEntry, err error) error {
		fmt.Println(p)
		return err
	})
	// Publishing over the inputs is refused.
	err := publish.Write(filepath.Join(site, "content"), files, publish.Options{Source: site})
	fmt.Println(err != nil)
	// Output:
	// .
	// index.html
	// posts
	// posts/reseaux
	// posts/reseaux/index.html
	// true
}
