package social

import (
	"fmt"
	"strings"
	"time"
)

// Post is what the output stage knows of one page, in plain text.
type Post struct {
	URL, Slug, Title, Lang string    // URL is absolute, without UTM
	Date                   time.Time // publication
	Image                  string    // absolute URL of the share image, "" if none

	Texts                map[string]string   // front matter social.<platform>: hand-written texts
	Text                 string              // front matter social.text: for every platform
	Description, Summary string              // plain text
	Paragraphs           []string            // plain-text paragraphs of the body, in order
	Tags                 []string            // the page's tags, used when Hashtags is empty
	Hashtags             []string            // front matter social.hashtags
	Mentions             map[string][]string // platform -> mentions, carried verbatim

	Source string // "content/posts/x.md", for warnings
	Line   int    // line of the front matter social block
}

// Options are [social] of config.toml. The zero value is the default relay.
type Options struct {
	Limits     map[string]int // platform -> limit override (a Mastodon instance's 1,000)
	HashtagMax map[string]int // platform -> hashtags at most (0 or less: none)
	UTM        UTM
	LinkInBio  string   // Instagram's line in place of the link; default by language
	Disabled   []string // platforms left out
	// Typography is applied to every piece of prose relais writes (never
	// to links, hashtags or mentions, which it could break); nil leaves
	// the text as it is. The caller passes the French pass.
	Typography func(lang, s string) string
}

// UTM holds the templates of the tracking parameters; {platform} and
// {slug} are replaced. Source, Medium and Campaign default to
// "{platform}", "social" and "{slug}"; an empty Content is left out.
type UTM struct {
	Source, Medium, Campaign, Content string
	Disabled                          bool // links go out as they are
}

// Excerpt is one platform's post for one article.
type Excerpt struct {
	Platform string
	Text     string   // the post, ready to send (Bluesky: with its display link and Facets)
	Length   int      // as the platform counts Text
	Limit    int      // the platform's limit
	Valid    bool     // within every rule of the platform
	Link     string   // the tracked link; for Instagram, the one to put in the bio
	Hashtags []string // the hashtags relais added, with "#"
	Title    string   // Pinterest's title
	Facets   []Facet  // Bluesky
	Problems []string // why it is not valid: "hand-written text is 312/280 with the link"
}

// Paste returns the text as a person pastes it in the platform's app: on
// Bluesky the full link in place of its display text, since the app
// shortens a pasted link itself and counts it short.
func (e Excerpt) Paste() string {
	if len(e.Facets) == 0 {
		return e.Text
	}
	var b strings.Builder
	last := 0
	for _, f := range e.Facets {
		if f.Type != "link" || f.ByteStart < last || f.ByteEnd > len(e.Text) {
			continue
		}
		b.WriteString(e.Text[last:f.ByteStart])
		b.WriteString(f.URI)
		last = f.ByteEnd
	}
	b.WriteString(e.Text[last:])
	return b.String()
}

// Warning is a problem of one page that does not stop the build.
type Warning struct {
	Path     string
	Line     int
	Platform string // "" when it is about every platform
	Msg      string
}

func (w Warning) String() string {
	pos := w.Path
	if w.Line > 0 {
		pos = fmt.Sprintf("%s:%d", w.Path, w.Line)
	}
	if w.Platform == "" {
		return pos + ": social: " + w.Msg
	}
	return pos + ": social." + w.Platform + ": " + w.Msg
}
