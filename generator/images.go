package generator

import (
	"bytes"
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"strings"

	_ "golang.org/x/image/webp"

	"github.com/relais/relais/generator/card"
	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// shareImages gives every page its share image: the first image named in
// its front matter, else a card drawn from its title. Cards are added to
// files. Measuring the page's own image lets og:image carry width and
// height, which Facebook needs to show the first share with a picture.
func shareImages(src fs.FS, cfg *site.Config, pages []*site.Page, files map[string][]byte, cache card.Cache) ([]*site.Error, error) {
	var warns site.Errors
	var todo []*site.Page
	var specs []card.Spec
	for _, p := range pages {
		if len(p.Images) > 0 {
			img, warn := ownImage(cfg, p, p.Images[0], files)
			if warn != "" {
				warns.Add(p.Path, 0, "%s", warn)
			}
			p.Image = img
			continue
		}
		if cfg.Cards.Disabled || p.Kind != site.KindPage {
			continue
		}
		todo = append(todo, p)
		specs = append(specs, cardSpec(cfg, p))
	}
	if len(todo) == 0 {
		return warns, nil
	}
	logo, err := readLogo(src, cfg)
	if err != nil {
		return warns, err
	}
	for i := range specs {
		specs[i].Logo = logo
	}
	images, errs := card.DrawAll(specs, cache)
	for i, p := range todo {
		if errs[i] != nil {
			warns.Add(p.Path, 0, "social card: %v", errs[i])
			continue
		}
		ext := card.Ext(images[i]) // a PNG too large for Bluesky comes back as JPEG
		out := cardPath(p.URL, ext)
		files[out] = images[i]
		p.Image = &site.Image{
			URL: absURL(cfg, "/"+out), Path: out, Alt: p.Title,
			Width: card.Width, Height: card.Height, Type: mime.TypeByExtension("." + ext),
			Length: len(images[i]), Card: true,
		}
	}
	return warns, nil
}

func cardSpec(cfg *site.Config, p *site.Page) card.Spec {
	lang := cfg.Lang(p.Lang)
	kicker := p.Section
	if cs := p.Terms["categories"]; len(cs) > 0 {
		kicker = cs[0]
	}
	date := ""
	if !p.Date.IsZero() {
		date = theme.FormatDate(p.Date.In(cfg.Location), p.Lang, "long")
	}
	return card.Spec{
		Title: p.Title, Site: lang.Title, Date: date, Kicker: kicker,
		Background: cfg.Cards.Background, Foreground: cfg.Cards.Foreground, Accent: cfg.Cards.Accent,
		Format: cfg.Cards.Format,
	}
}

// cardPath puts the card beside the page: /posts/x/ -> posts/x/card.png,
// /x.html -> x.card.png.
func cardPath(u, ext string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "card." + ext
	}
	return strings.TrimSuffix(p, path.Ext(p)) + ".card." + ext
}

func readLogo(src fs.FS, cfg *site.Config) ([]byte, error) {
	if cfg.Cards.Logo == "" {
		return nil, nil
	}
	b, err := fs.ReadFile(src, strings.TrimPrefix(path.Clean("/"+cfg.Cards.Logo), "/"))
	if err != nil {
		return nil, &site.Error{Path: "config.toml", Err: err}
	}
	return b, nil
}

// ownImage resolves a front-matter image: relative to the page (a bundle
// file), site-absolute (static/), or external. Local files are measured.
func ownImage(cfg *site.Config, p *site.Page, ref string, files map[string][]byte) (*site.Image, string) {
	alt, _ := p.Params["imageAlt"].(string)
	if alt == "" {
		alt = p.Title
	}
	u, err := url.Parse(ref)
	if err != nil {
		return nil, "image " + ref + ": " + err.Error()
	}
	img := &site.Image{Alt: alt, Type: mime.TypeByExtension(strings.ToLower(path.Ext(u.Path)))}
	if u.IsAbs() || strings.HasPrefix(ref, "//") {
		img.URL = ref
		return img, ""
	}
	var out string
	if strings.HasPrefix(ref, "/") {
		out = strings.TrimPrefix(path.Clean(u.Path), "/")
	} else {
		base := p.URL
		if !strings.HasSuffix(base, "/") {
			base = path.Dir(base) + "/"
		}
		out = strings.TrimPrefix(path.Join(base, u.Path), "/")
	}
	img.URL, img.Path = absURL(cfg, "/"+out), out
	b, ok := files[out]
	if !ok {
		return img, "image " + ref + " not found (looked for " + out + " in static/ and the page bundle)"
	}
	img.Length = len(b)
	if c, _, err := image.DecodeConfig(bytes.NewReader(b)); err == nil {
		img.Width, img.Height = c.Width, c.Height
	}
	return img, ""
}

// absURL joins a site-relative path to baseURL.
func absURL(cfg *site.Config, p string) string {
	return strings.TrimSuffix(cfg.BaseURL, "/") + p
}
