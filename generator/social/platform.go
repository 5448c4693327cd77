// Package social turns one article into the post each platform wants:
// within its limits as the platform counts them, with a tracked link back,
// hashtags in CamelCase, French typography kept. It also renders the
// exports the output stage writes (social/index.json, the schedulers' CSV
// files) and the terminal view of the CLI. It is pure: Post in, Excerpts
// and bytes out. Every number comes from shared/docs/social-platforms.md.
package social

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/relais/relais/generator/social/count"
)

// LinkMode says where a platform takes the link back to the article.
type LinkMode int

const (
	LinkInText LinkMode = iota // written in the post
	LinkField                  // a field of its own (a Pin's destination)
	LinkNone                   // links are not clickable: a "link in bio" line instead
)

// Platform is one row of the table below: adding a platform is one row
// (and its golden case). Nothing else in relais switches on a name.
type Platform struct {
	Name       string              // "x", "mastodon", …: front matter keys, UTM source, file names
	Label      string              // "X", "Mastodon", …: for people
	Limit      int                 // main text limit, in the platform's unit
	Count      func(string) int    // the platform's counter (Bluesky: graphemes)
	Check      func(string) error  // a further rule (Bluesky's 3,000 bytes, Threads' 5 links), nil if none
	Link       LinkMode            // where the link goes
	Hashtags   int                 // hashtags relais adds at most
	Fold       int                 // characters shown before "see more" (0: the whole post)
	Long       bool                // long-form layout: a hook within the fold, then paragraphs
	TitleLimit int                 // a separate title (Pinterest), 0 when none
	Display    func(string) string // how the link is written in the text; nil: as it is
	Facets     bool                // links and hashtags also given as AT Protocol facets
	Image      bool                // a post needs an image (relais warns when the page has none)
}

// Platforms is where relais relays, in the order of every output.
var Platforms = []Platform{
	// 280 weighted (§1.1); 1–2 hashtags recommended (§3.3).
	{Name: "x", Label: "X", Limit: count.XLimit, Count: count.X, Check: checkX, Hashtags: 2},
	// 500 on most instances, set yours in [social.platforms.mastodon];
	// hashtags are how Mastodon is searched (§1.2, §3.3).
	{Name: "mastodon", Label: "Mastodon", Limit: 500, Count: count.Mastodon, Hashtags: 4},
	// 300 graphemes and 3,000 bytes; the link is shown shortened and
	// carried whole in a facet, as the Bluesky app does (§1.3).
	{Name: "bluesky", Label: "Bluesky", Limit: 300, Count: blueskyGraphemes, Check: checkBluesky,
		Hashtags: 3, Display: ShortLink, Facets: true},
	// 500, emoji as their UTF-8 bytes, 5 links, 1 topic tag (§1.4).
	{Name: "threads", Label: "Threads", Limit: 500, Count: count.Threads, Check: checkThreads, Hashtags: 1},
	// 3,000; "see more" after ~140 characters on mobile; 3–5 hashtags (§1.5).
	{Name: "linkedin", Label: "LinkedIn", Limit: 3000, Count: count.UTF16, Hashtags: 3, Fold: 140, Long: true},
	// 63,206; "see more" after ~125 characters on mobile; 1–2 hashtags (§1.6).
	{Name: "facebook", Label: "Facebook", Limit: 63206, Count: count.UTF16, Hashtags: 2, Fold: 125, Long: true},
	// 2,200; 5 hashtags at most since December 2025; links do not work in
	// captions, so a "link in bio" line takes the link's place (§1.7).
	{Name: "instagram", Label: "Instagram", Limit: 2200, Count: count.UTF16, Check: checkInstagram,
		Link: LinkNone, Hashtags: 5, Fold: 125, Long: true, Image: true},
	// title 100, description 500, the link in its own field (§1.8).
	{Name: "pinterest", Label: "Pinterest", Limit: 500, Count: count.UTF16, Link: LinkField, TitleLimit: 100, Image: true},
}

// Lookup returns the table's row for a name.
func Lookup(name string) (Platform, bool) {
	i := slices.IndexFunc(Platforms, func(p Platform) bool { return p.Name == name })
	if i < 0 {
		return Platform{}, false
	}
	return Platforms[i], true
}

// Names lists the platforms' names, for messages.
func Names() string {
	names := make([]string, len(Platforms))
	for i, p := range Platforms {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// Enabled returns the table's rows with the options' overrides applied,
// without the disabled platforms, in table order.
func (o Options) Enabled() []Platform {
	var out []Platform
	for _, p := range Platforms {
		if p, ok := o.apply(p); ok {
			out = append(out, p)
		}
	}
	return out
}

// apply returns a row with the options' overrides, false when disabled.
func (o Options) apply(p Platform) (Platform, bool) {
	if slices.Contains(o.Disabled, p.Name) {
		return p, false
	}
	if n := o.Limits[p.Name]; n > 0 {
		p.Limit = n
	}
	if n, ok := o.HashtagMax[p.Name]; ok {
		p.Hashtags = max(n, 0)
	}
	return p, true
}

func blueskyGraphemes(s string) int {
	g, _ := count.Bluesky(s)
	return g
}

// BlueskyBytes is the lexicon's limit on a post's UTF-8 bytes.
const BlueskyBytes = 3000

func checkBluesky(s string) error {
	if b := len(s); b > BlueskyBytes { // count.Bluesky's bytes, without its graphemes
		return fmt.Errorf("%d bytes; Bluesky takes at most %d", b, BlueskyBytes)
	}
	return nil
}

// ThreadsLinks is the number of different links a Threads post may hold.
const ThreadsLinks = 5

func checkThreads(s string) error {
	if n := count.Links(s); n > ThreadsLinks {
		return fmt.Errorf("%d links; Threads takes at most %d", n, ThreadsLinks)
	}
	return nil
}

// InstagramHashtags is Instagram's cap on a caption's hashtags.
const InstagramHashtags = 5

func checkInstagram(s string) error {
	if n := len(hashtagsIn(s)); n > InstagramHashtags {
		return fmt.Errorf("%d hashtags; Instagram takes at most %d", n, InstagramHashtags)
	}
	return nil
}

func checkX(s string) error {
	// U+FEFF, U+FFFE and U+FFFF all start with the byte EF
	for i := strings.IndexByte(s, 0xEF); i >= 0 && i+2 < len(s); {
		if r, _ := utf8.DecodeRuneInString(s[i:]); r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("holds U+%04X, which X refuses", r)
		}
		j := strings.IndexByte(s[i+1:], 0xEF)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return nil
}
