package content

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/slug"
)

// DefaultPermalink is the pattern of a section without one in config.toml:
// the page's folders under content/, then its slug. Building on the full
// folder path keeps posts/2023/kubecon.md and posts/2024/kubecon.md apart.
const DefaultPermalink = "/:sections/:slug/"

// place is what a page's path tells about it.
type place struct {
	rel      string // path under content/: "posts/2024/hello.en.md"
	dir      string // its folder: "posts/2024"
	stem     string // file name without extension and language: "hello"
	fileLang string // "en" from hello.en.md, when "en" is a site language
	kind     string
	section  string
	bundle   bool
	sections string // folders above the page: "posts/2024" (a bundle's parent folder)
	name     string // the name the slug comes from: the stem, or a bundle's folder
}

// locate reads a page's path ("content/posts/x/index.en.md").
func locate(name string, cfg *site.Config) place {
	var pl place
	pl.rel = strings.TrimPrefix(path.Clean(name), "content/")
	dir, file := path.Split(pl.rel)
	pl.dir = strings.Trim(dir, "/")
	pl.stem = strings.TrimSuffix(file, path.Ext(file))
	if i := strings.LastIndexByte(pl.stem, '.'); i > 0 {
		code := strings.ToLower(pl.stem[i+1:])
		for _, l := range cfg.Langs() {
			if strings.EqualFold(l.Code, code) {
				pl.fileLang, pl.stem = l.Code, pl.stem[:i]
				break
			}
		}
	}
	pl.kind, pl.sections, pl.name = site.KindPage, pl.dir, pl.stem
	switch {
	case pl.stem == "_index" || pl.stem == "index" && pl.dir == "":
		pl.kind = site.KindSection
	case pl.stem == "index":
		pl.bundle = true
		pl.sections, pl.name = path.Dir(pl.dir), path.Base(pl.dir)
		if pl.sections == "." {
			pl.sections = ""
		}
	}
	pl.section, _, _ = strings.Cut(pl.sections, "/")
	if pl.kind == site.KindSection {
		pl.section, _, _ = strings.Cut(pl.dir, "/")
	}
	return pl
}

// translationKey is the path under content/ without language and
// extension, so hello.md and hello.en.md pair up.
func (pl place) translationKey() string {
	return path.Join(pl.dir, pl.stem)
}

// segment makes a folder or file name usable in a URL: lowercased, as
// slugs are, and through slug.Make when it holds anything but letters,
// digits and "-_.~".
func segment(s string) string {
	if safeSegment(s) {
		return strings.ToLower(s)
	}
	return slug.Make(s)
}

// safeSegment reports whether s needs no escaping in a URL path segment.
func safeSegment(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
		case r == '-' || r == '_' || r == '.' || r == '~':
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
		default:
			return false
		}
	}
	return true
}

// segments applies segment to each folder of a slash path.
func segments(p string) string {
	if p == "" {
		return ""
	}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = segment(s)
	}
	return strings.Join(parts, "/")
}

// fileExts are the URL endings that name a file, not a folder: a URL
// ending so gets no trailing slash.
var fileExts = map[string]bool{".html": true, ".htm": true, ".xml": true, ".json": true, ".txt": true}

// cleanURL makes a site path absolute and clean: "/a/b/", or "/a/b.html"
// when it names a file.
func cleanURL(p string) string {
	p = path.Clean("/" + p)
	if p == "/" {
		return p
	}
	if fileExts[strings.ToLower(path.Ext(p))] {
		return p
	}
	return p + "/"
}

// userPath checks and cleans a path written in front matter (url, path,
// aliases): a path on this site, without scheme, query or fragment.
func userPath(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fmt.Errorf("empty path")
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") {
		return "", fmt.Errorf("%q is a full URL (want a path on this site, like /old/path/)", s)
	}
	if strings.ContainsAny(s, "?#") {
		return "", fmt.Errorf("%q has a query or fragment (want a plain path)", s)
	}
	if strings.ContainsAny(s, " \t\\") {
		return "", fmt.Errorf("%q has a space or backslash (want a URL path)", s)
	}
	if u, err := url.PathUnescape(s); err != nil || strings.Contains(u, "\x00") {
		return "", fmt.Errorf("%q has a bad %% escape", s)
	}
	return cleanURL(s), nil
}

// withPrefix puts a path under a language prefix ("/en"), unless the
// writer already included it.
func withPrefix(prefix, p string) string {
	if prefix == "" || p == prefix+"/" || strings.HasPrefix(p, prefix+"/") {
		return p
	}
	return prefix + p
}

// permalinkTokens are the words a permalink pattern may use.
var permalinkTokens = map[string]bool{
	"year": true, "month": true, "day": true, "section": true, "sections": true,
	"slug": true, "title": true, "filename": true, "contentbasename": true,
	"slugorfilename": true, "slugorcontentbasename": true,
}

// CheckPermalink reports an unknown token in a permalink pattern, for the
// config stage to check config.toml before any page is read.
func CheckPermalink(pattern string) error {
	_, err := expand(pattern, func(string) string { return "x" })
	return err
}

// expand replaces ":token"s through value.
func expand(pattern string, value func(token string) string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(pattern); {
		c := pattern[i]
		if c != ':' {
			b.WriteByte(c)
			i++
			continue
		}
		j := i + 1
		for j < len(pattern) && pattern[j] >= 'a' && pattern[j] <= 'z' {
			j++
		}
		tok := pattern[i+1 : j]
		if !permalinkTokens[tok] {
			return "", fmt.Errorf("permalink %q: unknown token \":%s\" (want :year :month :day :section :sections :slug :title :filename :contentbasename)", pattern, tok)
		}
		b.WriteString(value(tok))
		i = j
	}
	return b.String(), nil
}

// needsDate reports whether a pattern uses the page's date.
func needsDate(pattern string) bool {
	return strings.Contains(pattern, ":year") || strings.Contains(pattern, ":month") || strings.Contains(pattern, ":day")
}

// permalink builds a regular page's URL (without language prefix) from its
// section's pattern.
func permalink(pattern string, p *site.Page, pl place) (string, error) {
	date := p.Date
	title := slug.Make(p.Title)
	if title == "" {
		title = p.Slug
	}
	_, noDate, _, _ := localDate(pl.name, time.UTC)
	s, err := expand(pattern, func(tok string) string {
		switch tok {
		case "year":
			return fmt.Sprintf("%04d", date.Year())
		case "month":
			return fmt.Sprintf("%02d", int(date.Month()))
		case "day":
			return fmt.Sprintf("%02d", date.Day())
		case "section":
			return segment(pl.section)
		case "sections":
			return segments(pl.sections)
		case "title":
			return title
		case "filename":
			return segment(pl.name)
		case "contentbasename":
			return segment(noDate)
		}
		return p.Slug
	})
	if err != nil {
		return "", err
	}
	return cleanURL(s), nil
}
