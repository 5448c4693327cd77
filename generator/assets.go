package generator

import (
	"io/fs"
	"maps"

	"github.com/relais/relais/generator/content"
	"github.com/relais/relais/generator/markdown"
	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// assets gathers the files copied as they are, by increasing priority:
// the theme's static files, the highlighting stylesheet, the site's
// static/ folder, then page-bundle resources.
func assets(src fs.FS, cfg *site.Config, pages []*site.Page, th *theme.Theme, md *markdown.Markdown) (map[string][]byte, []*site.Error, error) {
	files := map[string][]byte{}
	var errs site.Errors
	if th != nil {
		st, err := th.Static()
		if err != nil {
			return nil, nil, err
		}
		maps.Copy(files, st)
	}
	if cfg.Markup.Highlight.Enabled {
		files["css/highlight.css"] = md.CSS()
	}
	copies, err := content.Static(src, pages)
	if err != nil {
		return nil, nil, err
	}
	for out, in := range copies {
		b, err := fs.ReadFile(src, in)
		if err != nil {
			errs.Add(in, 0, "%v", err)
			continue
		}
		files[out] = b
	}
	return files, nil, errs.Err()
}
