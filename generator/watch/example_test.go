package watch_test

import (
	"fmt"
	"path/filepath"

	"github.com/relais/relais/generator/publish"
	"github.com/relais/relais/generator/watch"
)

// relais serve watches the site's inputs and rebuilds once per batch.
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
		case changed, ok := <-w.Batches:
			if !ok {
				return
			}
			fmt.Println("rebuild for", changed)
		case err := <-w.Errors:
			fmt.Println(err)
		}
	}
}
