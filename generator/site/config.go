package site

import "time"

// Config is config.toml, with defaults filled in by config.Load.
type Config struct {
	BaseURL      string `toml:"baseURL"` // always ends with "/"
	Title        string `toml:"title"`
	Description  string `toml:"description"`
	LanguageCode string `toml:"languageCode"` // "fr-FR"
	TimeZone     string `toml:"timeZone"`     // IANA name, "Europe/Paris"
	Copyright    string `toml:"copyright"`
	Theme        string `toml:"theme"`    // themes/<theme>; "" or "default": the embedded theme
	Paginate     int    `toml:"paginate"` // pages per list page

	Author     Author            `toml:"author"`
	Permalinks map[string]string `toml:"permalinks"` // section -> pattern, "/:section/:slug/"
	Taxonomies map[string]string `toml:"taxonomies"` // singular -> plural, "tag" -> "tags"
	Markup     Markup            `toml:"markup"`
	Feeds      Feeds             `toml:"feeds"`
	Social     SocialConfig      `toml:"social"`
	Cards      Cards             `toml:"cards"`
	Typography Typography        `toml:"typography"`

	DefaultLanguage string                    `toml:"defaultLanguage"`
	DefaultInSubdir bool                      `toml:"defaultContentLanguageInSubdir"`
	Languages       map[string]LanguageConfig `toml:"languages"`

	Params map[string]any `toml:"params"` // free map for themes

	Location *time.Location `toml:"-"` // TimeZone, loaded

	// PublishURL is config.toml's baseURL even when a build overrides
	// BaseURL (relais serve uses the local address): social excerpts link
	// to the published site, since they are copied from a preview too.
	PublishURL string `toml:"-"`
}

// Author is the site's default author.
type Author struct {
	Name      string `toml:"name"`
	Email     string `toml:"email"`
	URL       string `toml:"url"`
	X         string `toml:"x"`         // "@handle", for twitter:creator
	Fediverse string `toml:"fediverse"` // "@user@instance", for fediverse:creator
}

// Markup configures goldmark.
type Markup struct {
	Unsafe      bool      `toml:"unsafe"` // raw HTML kept (default true)
	Highlight   Highlight `toml:"highlight"`
	TOCMinWords int       `toml:"tocMinWords"` // show the TOC from this many words (default 400)
}

// Highlight configures build-time code highlighting.
type Highlight struct {
	Enabled     bool   `toml:"enabled"` // default true
	Style       string `toml:"style"`   // chroma style for the generated CSS, default "github"
	LineNumbers bool   `toml:"lineNumbers"`
}

// Feeds configures RSS, Atom and JSON Feed.
type Feeds struct {
	Content string `toml:"content"` // "full" (default) or "summary"
	Limit   int    `toml:"limit"`   // items per feed, default 20; 0 in config.toml means all (see LimitSet)
}

// SocialConfig configures the relay to social platforms.
type SocialConfig struct {
	Accounts  map[string]string         `toml:"accounts"`  // platform -> handle or profile URL
	Platforms map[string]PlatformConfig `toml:"platforms"` // per-platform overrides
	UTM       UTM                       `toml:"utm"`
	LinkInBio string                    `toml:"linkInBio"` // Instagram line, default per language
	Board     string                    `toml:"board"`     // Pinterest board for the CSV
	Disabled  []string                  `toml:"disabled"`  // platforms left out
}

// PlatformConfig overrides one platform's row.
type PlatformConfig struct {
	Limit    int  `toml:"limit"`
	Hashtags *int `toml:"hashtags"` // nil: the platform's own; 0: none
}

// UTM holds the templates of the tracking parameters; {platform} and
// {slug} are replaced. Empty values are left out of the URL.
type UTM struct {
	Source   string `toml:"source"`   // default "{platform}"
	Medium   string `toml:"medium"`   // default "social"
	Campaign string `toml:"campaign"` // default "{slug}"
	Content  string `toml:"content"`
	Disabled bool   `toml:"disabled"`
}

// Cards configures the generated social images.
type Cards struct {
	Disabled   bool   `toml:"disabled"`
	Format     string `toml:"format"`     // "png" (default) or "jpeg"
	Background string `toml:"background"` // "#RRGGBB"
	Foreground string `toml:"foreground"`
	Accent     string `toml:"accent"`
	Logo       string `toml:"logo"`     // path in the site folder (static/logo.png)
	CacheDir   string `toml:"cacheDir"` // default ".relais/cache/cards", outside public/
}

// Typography configures the French typography pass.
type Typography struct {
	French     *bool `toml:"french"`     // default true for French pages
	NarrowNBSP *bool `toml:"narrowNBSP"` // U+202F before ; ! ? and inside « » (default true)
	ColonNBSP  *bool `toml:"colonNBSP"`  // U+00A0 before : (default true)
	Quotes     *bool `toml:"quotes"`     // "…" -> « … » (default true)
}

// LanguageConfig is one [languages.xx] table.
type LanguageConfig struct {
	Title        string  `toml:"title"`
	Description  string  `toml:"description"`
	Weight       int     `toml:"weight"`
	LanguageCode string  `toml:"languageCode"` // "en-US"; default the key
	Prefix       *string `toml:"prefix"`       // URL prefix; default "" for the default language, "/<key>" otherwise
}
