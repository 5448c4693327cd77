package watch_test

import (
	"fmt"
	"path/filepath"

	"github.com/relais/relais/generator/publish"
	"github.com/relais/relais/generator/watch"
)

// relais serve watches the site's inputs, rebuilds as soon as a batch
// comes, and shows the result once the batch is Final.
// (No Output: it watches until stopped.)
func ExampleNew() {
	site := "/home/me/blog"
	public := filepath.Join(site, "public")
	w, err := watch.New([]string{
		filepath.Join(site, "content"),
		filepath.Join(site, "static"),
		filepath.Join(site, "themes"),
		filepath.Join(site, "config.toml"),
	}, watch.Options{
		// relais' own output, and the folders it writes it through.
		Ignore: func(p string) bool { return publish.Owns(public, p) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer w.Close()
	for {
		select {
		case b, ok := <-w.Batches:
			if !ok {
				return
			}
			if len(b.Paths) > 0 {
				fmt.Println("rebuild for", b.Paths)
			}
			if b.Final {
				fmt.Println("show the rebuilt site")
			}
		case err := <-w.Errors:
			fmt.Println(err)
		}
	}
}
