// Package config reads config.toml into a site.Config, the first step of
// the pipeline. Defaults are filled here so every later stage can trust
// the values it reads.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/relais/relais/generator/site"
)

// File is the name of the configuration file at the site root.
const File = "config.toml"

// Default returns the configuration a site gets for every key it leaves out.
func Default() *site.Config {
	return &site.Config{
		LanguageCode: "en-US",
		Paginate:     10,
		Permalinks:   map[string]string{},
		Taxonomies:   map[string]string{"tag": "tags", "category": "categories"},
		Markup: site.Markup{
			Unsafe:      true, // authors are trusted, and real blogs embed iframes
			Highlight:   site.Highlight{Enabled: true, Style: "github"},
			TOCMinWords: 400,
		},
		Feeds:  site.Feeds{Content: "full", Limit: 20},
		Cards:  site.Cards{Format: "png", CacheDir: ".relais/cache/cards"},
		Params: map[string]any{},
	}
}

// Load reads config.toml at the root of fsys. Unknown keys come back as
// warnings; a missing file says how to create one.
func Load(fsys fs.FS) (*site.Config, []*site.Error, error) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, &site.Error{Path: File, Err: errors.New("not found: run this in a site folder, or create one with `relais init DIR`")}
	}
	if err != nil {
		return nil, nil, &site.Error{Path: File, Err: err}
	}
	return Parse(File, data)
}

// Parse decodes config text; name is used in messages.
func Parse(name string, data []byte) (*site.Config, []*site.Error, error) {
	cfg := Default()
	text := strings.TrimPrefix(string(data), "\ufeff")
	md, err := toml.Decode(text, cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, nil, &site.Error{Path: name, Line: pe.Position.Line, Err: errors.New(pe.Message)}
		}
		// Type mismatches come back as plain text with the line inside.
		if m := typeErr.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, nil, &site.Error{Path: name, Line: n, Err: fmt.Errorf("%s: %s", m[2], m[3])}
		}
		return nil, nil, &site.Error{Path: name, Err: err}
	}
	var warns site.Errors
	for _, k := range md.Undecoded() {
		if len(k) > 0 && freeTables[k[0]] {
			continue
		}
		warns.Add(name, keyLine(text, k), "unknown key %q (ignored)", k.String())
	}
	if cfg.BaseURL == "" {
		warns.Add(name, 0, "baseURL is not set: feeds, the sitemap and link previews need absolute URLs (baseURL = \"https://example.org/\")")
	}
	var errs site.Errors
	check(cfg, name, text, &errs)
	if err := errs.Err(); err != nil {
		return nil, warns, err
	}
	return cfg, warns, nil
}

// freeTables hold keys for themes and are never warned about.
var freeTables = map[string]bool{"params": true}

func check(cfg *site.Config, name, text string, errs *site.Errors) {
	line := func(k ...string) int { return keyLine(text, toml.Key(k)) }
	if cfg.BaseURL == "" {
		cfg.BaseURL = "/"
	} else {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || (u.Scheme != "" && u.Host == "") {
			errs.Add(name, line("baseURL"), "baseURL %q: want an absolute URL like https://example.org/", cfg.BaseURL)
		}
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
	}
	tz := cfg.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		errs.Add(name, line("timeZone"), "timeZone %q: unknown zone (want an IANA name like Europe/Paris)", cfg.TimeZone)
		loc = time.UTC
	}
	cfg.Location = loc
	if cfg.Paginate <= 0 {
		errs.Add(name, line("paginate"), "paginate = %d: want a number of pages per list, at least 1", cfg.Paginate)
	}
	switch cfg.Feeds.Content {
	case "full", "summary":
	default:
		errs.Add(name, line("feeds", "content"), "feeds.content = %q: want \"full\" or \"summary\"", cfg.Feeds.Content)
	}
	if cfg.Feeds.Limit < 0 {
		errs.Add(name, line("feeds", "limit"), "feeds.limit = %d: want 0 (all) or more", cfg.Feeds.Limit)
	}
	switch cfg.Cards.Format {
	case "png", "jpeg":
	default:
		errs.Add(name, line("cards", "format"), "cards.format = %q: want \"png\" or \"jpeg\"", cfg.Cards.Format)
	}
	for _, c := range []struct{ key, v string }{{"background", cfg.Cards.Background}, {"foreground", cfg.Cards.Foreground}, {"accent", cfg.Cards.Accent}} {
		if c.v != "" && !hexColor.MatchString(c.v) {
			errs.Add(name, line("cards", c.key), "cards.%s = %q: want a color like \"#1d3557\"", c.key, c.v)
		}
	}
	if st := cfg.Markup.Highlight.Style; st != "" && styles.Registry[st] == nil {
		errs.Add(name, line("markup", "highlight", "style"), "markup.highlight.style = %q: unknown style (want a chroma style name such as \"github\", \"monokai\", \"dracula\")", st)
	}
	for sec, pat := range cfg.Permalinks {
		if !strings.Contains(pat, ":slug") && !strings.Contains(pat, ":title") && !strings.Contains(pat, ":filename") && !strings.Contains(pat, ":contentbasename") {
			errs.Add(name, line("permalinks", sec), "permalinks.%s = %q: want a pattern with :slug, :title or :filename, or every page of the section gets the same URL", sec, pat)
		}
	}
	for sing, plural := range cfg.Taxonomies {
		if plural == "" || strings.ContainsAny(plural, "/ ") {
			errs.Add(name, line("taxonomies", sing), "taxonomies.%s = %q: want a plural name usable in URLs, like \"tags\"", sing, plural)
		}
	}
	if def := cfg.DefaultLanguage; def != "" && len(cfg.Languages) > 0 {
		if _, ok := cfg.Languages[def]; !ok {
			errs.Add(name, line("defaultLanguage"), "defaultLanguage %q has no [languages.%s] table", def, def)
		}
	}
	if len(cfg.Languages) > 0 && cfg.DefaultLanguage == "" {
		if _, ok := cfg.Languages[cfg.DefaultLang()]; !ok {
			errs.Add(name, line("languages"), "[languages] has no table for the default language %q: set defaultLanguage", cfg.DefaultLang())
		}
	}
	seen := map[string]string{}
	for _, l := range cfg.Langs() {
		if other, dup := seen[l.Prefix]; dup {
			errs.Add(name, line("languages", l.Code), "languages %q and %q share the URL prefix %q", other, l.Code, l.Prefix+"/")
		}
		seen[l.Prefix] = l.Code
	}
}

var typeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "(.*?)"\): (.*)$`)

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// keyLine finds the line where key k is set: BurntSushi/toml reports
// positions only in errors, so unknown keys are located in the text.
// It returns 0 when the key cannot be found.
func keyLine(text string, k toml.Key) int {
	if len(k) == 0 {
		return 0
	}
	table := ""
	lines := strings.Split(text, "\n")
	for i, raw := range lines {
		l := strings.TrimSpace(raw)
		if strings.HasPrefix(l, "[") {
			table = strings.Trim(strings.SplitN(l, "#", 2)[0], "[] \t")
			if tableMatches(table, k) {
				return i + 1
			}
			continue
		}
		name, _, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		full := strings.Trim(strings.TrimSpace(name), `"'`)
		if table != "" {
			full = table + "." + full
		}
		if normKey(full) == normKey(strings.Join(k, ".")) {
			return i + 1
		}
	}
	return 0
}

func tableMatches(table string, k toml.Key) bool {
	return normKey(table) == normKey(strings.Join(k, "."))
}

func normKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// String returns the effective configuration, for `relais config`-style
// debugging and for tests.
func String(cfg *site.Config) string {
	var b strings.Builder
	if err := toml.NewEncoder(&b).Encode(cfg); err != nil {
		return fmt.Sprint(err)
	}
	return b.String()
}
