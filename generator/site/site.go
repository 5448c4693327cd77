// Package site is the model every stage of the pipeline reads and fills:
// Config, Site, Page, Taxonomy, Term, Error. Plain data, no I/O.
package site

import (
	"html/template"
	"time"
)

// Site is one language's view of the whole site: its pages newest first,
// its sections and taxonomies. A monolingual site has exactly one.
// A zero Site renders an empty site.
type Site struct {
	Config     *Config
	Lang       *Language   // the language of this view
	Languages  []*Language // every language of the site, default first
	Pages      []*Page     // published regular pages, newest first
	Sections   []*Section  // sorted by name
	Taxonomies []*Taxonomy // in the order of Config.Taxonomies
	Home       *Page       // content/_index.md when present, else nil
	Now        time.Time   // the build's clock

	listed []*Page // cache of Listed
}

// Page is one Markdown file (or a page bundle's index.md).
type Page struct {
	Path     string // "content/posts/hello.md": every error about it starts here
	Dir      string // "content/posts/hello" for a bundle, "" otherwise
	BodyLine int    // file line of Body's first byte

	Section string // "posts"; "" for pages at the content root
	Kind    string // KindPage or KindSection (an _index.md)
	Bundle  bool   // posts/x/index.md: its sibling files are Resources

	URL            string   // "/posts/hello/" (site-relative, with the language prefix)
	Slug           string   // "hello"
	Aliases        []string // extra URLs redirecting here, normalised "/old/path/"
	Lang           string   // "fr"
	TranslationKey string   // pages with the same key are translations of each other
	Translations   []*Page  // the other languages' versions, by language weight

	Title       string
	TitleFromH1 bool // the title was the body's first "# H1" (removed from the body)
	Description string
	Date        time.Time // publication date; zero when unknown
	Lastmod     time.Time // zero when unknown (templates fall back to Date)
	ExpiryDate  time.Time // zero when none
	Draft       bool
	Weight      int
	Authors     []string
	Images      []string            // as written: relative to the page, site-absolute or external
	Terms       map[string][]string // taxonomy plural name -> terms as written
	Params      map[string]any      // the rest of the front matter, for themes
	Social      Social              // front matter "social:" block
	Resources   []string            // bundle files, relative to Dir ("cover.jpg")

	Body []byte // markdown after the front matter

	// Filled in by build.go from markdown.
	HTML        template.HTML
	TOC         template.HTML // nested <ul>, empty when fewer than two headings
	Summary     string        // plain text, for feeds and social excerpts
	SummaryHTML template.HTML // HTML of the summary, for lists
	Truncated   bool          // the summary is shorter than the content ("read more")
	FirstImage  string        // src of the first image in the body, as written
	WordCount   int
	ReadingTime int // minutes, at least 1

	// Filled in by site.New.
	Prev, Next *Page   // newer and older neighbours in the same section
	Pages      []*Page // for a section page: its pages, newest first
	Image      *Image  // the share image (own image or generated card), nil if none
}

// Image is a page's share image, resolved by build.go.
type Image struct {
	URL    string // absolute
	Path   string // output path in public/ ("posts/x/cover.jpg"), "" when external
	Alt    string
	Width  int // 0 when unknown (external image)
	Height int
	Type   string // "image/png", "image/jpeg"…
	Length int    // bytes, 0 when unknown
	Card   bool   // drawn by relais
}

// Page kinds.
const (
	KindPage    = "page"
	KindSection = "section"
)

// Social is a page's own instructions for the relay, from front matter:
//
//	social:
//	  text: "…"            # for every platform
//	  x: "…"               # for one platform
//	  hashtags: [a, b]
//	  mentions: {x: ["@a"]}
type Social struct {
	Text     string
	Texts    map[string]string   // platform -> hand-written text
	Hashtags []string            // overrides the tags
	Mentions map[string][]string // platform -> mentions carried verbatim
	Line     int                 // file line of the "social:" key, for warnings; 0 when absent
}

// Section is a first-level folder of content/.
type Section struct {
	Name  string  // "posts"
	URL   string  // "/posts/"
	Page  *Page   // its _index.md, nil when absent
	Pages []*Page // newest first
}

// Taxonomy is a classification (tags, categories) and its terms.
type Taxonomy struct {
	Name     string  // plural, as in URLs: "tags"
	Singular string  // "tag"
	URL      string  // "/tags/"
	Terms    []*Term // sorted by slug
}

// Term is one value of a taxonomy and the pages that carry it.
type Term struct {
	Name  string  // as first written: "Réseaux sociaux"
	Slug  string  // "reseaux-sociaux"
	URL   string  // "/tags/reseaux-sociaux/"
	Pages []*Page // newest first
}

// Language is one language of the site.
type Language struct {
	Code        string // "fr"
	Locale      string // "fr-FR"
	Title       string
	Description string
	Weight      int
	Prefix      string // "" for the default language when served at "/", else "/en"
	Default     bool
}
