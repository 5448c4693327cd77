package social

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Item is one article and its excerpts, as the exports take them.
type Item struct {
	Post     Post
	Excerpts []Excerpt
	// Cache, when set, keeps what the exports wrote for this item, so
	// that the exports written again after another article changed copy
	// this one's part instead of writing it anew (relais serve, where
	// index.json alone is a hundred megabytes on a large site). An Item
	// must not change once it has a Cache.
	Cache *Cache
}

// Cache holds an Item's parts of the exports, by export. Its zero value
// is empty; it is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	parts map[string]cachedPart
}

type cachedPart struct {
	b  []byte
	ok bool // false: the export leaves the item out
}

// part returns it's part of the export key: written by write (which
// appends to the slice it is given) the first time, copied from its Cache
// afterwards. Without a Cache or a key, it is written each time.
func (it *Item) part(key string, write func(b []byte) ([]byte, bool, error)) ([]byte, bool, error) {
	c := it.Cache
	if c == nil || key == "" {
		return write(nil)
	}
	c.mu.Lock()
	p, ok := c.parts[key]
	c.mu.Unlock()
	if ok {
		return p.b, p.ok, nil
	}
	b, ok, err := write(nil)
	if err != nil {
		return nil, false, err
	}
	c.mu.Lock()
	if c.parts == nil {
		c.parts = map[string]cachedPart{}
	}
	c.parts[key] = cachedPart{slices.Clip(b), ok}
	c.mu.Unlock()
	return b, ok, nil
}

// key names one export's parts written for site: the parts differ with
// the site's title, address, time zone or board.
func (s SiteInfo) key(export string) string {
	return export + "\x00" + s.Title + "\x00" + s.BaseURL + "\x00" + s.loc().String() + "\x00" + s.Board
}

// SiteInfo is what the exports need of the site.
type SiteInfo struct {
	Title, BaseURL string
	Location       *time.Location // dates are written in the site's time zone; nil is UTC
	Board          string         // Pinterest board; default the site's title
}

func (s SiteInfo) loc() *time.Location {
	if s.Location == nil {
		return time.UTC
	}
	return s.Location
}

// Export is one file of public/social/, rendered from the items (newest
// first). File is relative to that folder. A per-network file has its
// Platform, and Render returns nil for it when no item has an excerpt for
// that platform (the platform is disabled): there is nothing to write.
type Export struct {
	Name     string
	File     string
	Platform string
	Render   func(items []Item, site SiteInfo) ([]byte, error)
	// Whole exports hold every article (index.json, Publer's files): the
	// large ones, which relais serve renders only when asked for.
	Whole bool

	reach func(items []Item) int // see Reach; nil: every item
}

// Reach is how many of items (newest first) Render reads: the file
// depends on those alone, so relais serve need not write it again after
// an edit further down the list. Files of at most so many rows stop at
// their last row.
func (e Export) Reach(items []Item) int {
	if e.reach == nil {
		return len(items)
	}
	return e.reach(items)
}

// Writes reports whether Render writes a file for items, without
// rendering it. It answers for Whole exports only: index.json is always
// written, a Publer file when some item has an excerpt for its network.
func (e Export) Writes(items []Item) bool {
	if e.Platform == "" {
		return true
	}
	for i := range items {
		if _, ok := items[i].excerptFor(e.Platform); ok {
			return true
		}
	}
	return false
}

// Exports is every file relais writes for the relay, one row each:
//
//   - index.json: every excerpt of every article, for scripts and APIs.
//   - pinterest.csv: Pinterest's own bulk upload of Pins.
//   - hootsuite/<platform>.csv, sprout/<platform>.csv, publer/<platform>.csv:
//     the bulk imports of Hootsuite, Sprout Social and Publer, one file per
//     network. These schedulers post every row of an import to the
//     accounts picked when uploading, and their formats have no column
//     naming a network; one file per network keeps each network's own
//     text, within its own limit, with its own UTM link, instead of sending
//     the LinkedIn text to X. Upload the file of the network you pick.
//
// Invalid excerpts (the build warned about them) are left out of the CSV
// files, which a scheduler would refuse or cut; index.json has them all.
var Exports = exports()

func exports() []Export {
	out := []Export{
		{Name: "json", File: "index.json", Render: JSON, Whole: true},
		{Name: "pinterest", File: "pinterest.csv", Platform: "pinterest", Render: PinterestCSV,
			reach: func(items []Item) int { return reach(items, "pinterest", pinterestMax, pinRow) }},
	}
	for _, s := range schedulers {
		for _, p := range Platforms {
			out = append(out, Export{
				Name: s.name + "-" + p.Name, File: s.name + "/" + p.Name + ".csv", Platform: p.Name,
				Render: func(items []Item, site SiteInfo) ([]byte, error) { return s.render(items, site, p.Name) },
				Whole:  s.whole,
				reach:  func(items []Item) int { return reach(items, p.Name, s.max, validRow) },
			})
		}
	}
	return out
}

// JSON renders social/index.json:
//
//	{"version": 1, "site": {"title", "url"}, "items": [{"url", "path", "title",
//	 "date", "lang", "image", "excerpts": {"<platform>": {"text", "length",
//	 "limit", "valid", "link", "hashtags", "title"?, "facets"?, "problems"?}}}]}
//
// "path" is the article's path on the site, "date" RFC 3339 in the site's
// time zone. Bluesky's "text" holds the shortened link its "facets" point
// from, ready for com.atproto.repo.createRecord. Field names are stable;
// keys are sorted, so the file changes only when an excerpt does.
//
// The file is what encoding/json writes with two spaces of indent and no
// HTML escaping (TestJSONEncoding holds it to that), but written item by
// item into one buffer sized up front: for thousands of articles it is a
// hundred megabytes, which encoding/json would build in a tree of values
// and then copy through growing buffers three times.
func JSON(items []Item, site SiteInfo) ([]byte, error) {
	loc := site.loc()
	// Items with a Cache give their parts first (kept, or written now),
	// so that the buffer is sized exactly.
	var parts [][]byte
	size := 0
	if len(items) > 0 && items[0].Cache != nil {
		key := site.key("json")
		parts = make([][]byte, len(items))
		size = 128 + 2*len(site.Title) + 2*len(site.BaseURL)
		for i := range items {
			it := &items[i]
			part, _, err := it.part(key, func(b []byte) ([]byte, bool, error) {
				b, err := appendJSONItem(b, *it, loc)
				return b, true, err
			})
			if err != nil {
				return nil, err
			}
			parts[i] = part
			size += len(part) + 1
		}
	} else {
		size = jsonSize(items, site)
	}
	b := make([]byte, 0, size)
	b = append(b, "{\n  \"version\": 1,\n  \"site\": {\n    \"title\": "...)
	b = appendJSONString(b, site.Title)
	b = append(b, ",\n    \"url\": "...)
	b = appendJSONString(b, site.BaseURL)
	b = append(b, "\n  },\n  \"items\": ["...)
	var err error
	for i, it := range items {
		if i > 0 {
			b = append(b, ',')
		}
		if parts != nil {
			b = append(b, parts[i]...)
		} else if b, err = appendJSONItem(b, it, loc); err != nil {
			return nil, err
		}
	}
	if len(items) > 0 {
		b = append(b, "\n  "...)
	}
	return append(b, "]\n}\n"...), nil
}

// jsonSize is a little more than JSON writes for items.
func jsonSize(items []Item, site SiteInfo) int {
	n := 128 + len(site.Title) + len(site.BaseURL)
	for _, it := range items {
		p := it.Post
		n += 256 + 2*len(p.URL) + len(p.Title) + len(p.Lang) + len(p.Image)
		for _, e := range it.Excerpts {
			// a line break or a quote takes two bytes, other escapes are rare
			n += 200 + len(e.Platform) + len(e.Text) + strings.Count(e.Text, "\n") + strings.Count(e.Text, `"`) + len(e.Link) + len(e.Title)
			for _, h := range e.Hashtags {
				n += 16 + len(h)
			}
			for _, f := range e.Facets {
				n += 300 + len(f.URI) + len(f.Tag)
			}
			for _, p := range e.Problems {
				n += 16 + len(p)
			}
		}
	}
	return n
}

// appendJSONItem appends one item of "items", indented at its depth.
func appendJSONItem(b []byte, it Item, loc *time.Location) ([]byte, error) {
	p := it.Post
	b = append(b, "\n    {\n      \"url\": "...)
	b = appendJSONString(b, p.URL)
	b = append(b, ",\n      \"path\": "...)
	b = appendJSONString(b, urlPath(p.URL))
	b = append(b, ",\n      \"title\": "...)
	b = appendJSONString(b, p.Title)
	b = append(b, ",\n      \"date\": \""...)
	if !p.Date.IsZero() {
		b = p.Date.In(loc).AppendFormat(b, time.RFC3339) // nothing to escape
	}
	b = append(b, "\",\n      \"lang\": "...)
	b = appendJSONString(b, p.Lang)
	b = append(b, ",\n      \"image\": "...)
	b = appendJSONString(b, p.Image)
	b = append(b, ",\n      \"excerpts\": {"...)
	// keyed by platform as a map would be: sorted, the last of a name kept
	order := make([]int, 0, len(it.Excerpts))
	for i, e := range it.Excerpts {
		if j := slices.IndexFunc(order, func(j int) bool { return it.Excerpts[j].Platform == e.Platform }); j >= 0 {
			order[j] = i
			continue
		}
		order = append(order, i)
	}
	slices.SortFunc(order, func(i, j int) int { return strings.Compare(it.Excerpts[i].Platform, it.Excerpts[j].Platform) })
	var err error
	for k, i := range order {
		if k > 0 {
			b = append(b, ',')
		}
		if b, err = appendJSONExcerpt(b, it.Excerpts[i]); err != nil {
			return nil, err
		}
	}
	if len(order) > 0 {
		b = append(b, "\n      "...)
	}
	return append(b, "}\n    }"...), nil
}

// appendJSONExcerpt appends one entry of "excerpts".
func appendJSONExcerpt(b []byte, e Excerpt) ([]byte, error) {
	b = append(b, "\n        "...)
	b = appendJSONString(b, e.Platform)
	b = append(b, ": {\n          \"text\": "...)
	b = appendJSONString(b, e.Text)
	b = append(b, ",\n          \"length\": "...)
	b = strconv.AppendInt(b, int64(e.Length), 10)
	b = append(b, ",\n          \"limit\": "...)
	b = strconv.AppendInt(b, int64(e.Limit), 10)
	b = append(b, ",\n          \"valid\": "...)
	b = strconv.AppendBool(b, e.Valid)
	b = append(b, ",\n          \"link\": "...)
	b = appendJSONString(b, e.Link)
	b = append(b, ",\n          \"hashtags\": "...)
	b = appendJSONStrings(b, e.Hashtags, "\n          ")
	if e.Title != "" {
		b = append(b, ",\n          \"title\": "...)
		b = appendJSONString(b, e.Title)
	}
	if len(e.Facets) > 0 {
		b = append(b, ",\n          \"facets\": ["...)
		for i, f := range e.Facets {
			if i > 0 {
				b = append(b, ',')
			}
			var key, val string
			switch f.Type {
			case "link":
				key, val = "uri", f.URI
			case "tag":
				key, val = "tag", f.Tag
			default:
				return nil, fmt.Errorf("social: index.json: %s facet type %q (want link or tag)", e.Platform, f.Type)
			}
			b = append(b, "\n            {\n              \"index\": {\n                \"byteStart\": "...)
			b = strconv.AppendInt(b, int64(f.ByteStart), 10)
			b = append(b, ",\n                \"byteEnd\": "...)
			b = strconv.AppendInt(b, int64(f.ByteEnd), 10)
			b = append(b, "\n              },\n              \"features\": [\n                {\n                  \"$type\": \"app.bsky.richtext.facet#"...)
			b = append(b, f.Type...)
			b = append(b, "\",\n                  \""...)
			b = append(b, key...)
			b = append(b, "\": "...)
			b = appendJSONString(b, val)
			b = append(b, "\n                }\n              ]\n            }"...)
		}
		b = append(b, "\n          ]"...)
	}
	if len(e.Problems) > 0 {
		b = append(b, ",\n          \"problems\": "...)
		b = appendJSONStrings(b, e.Problems, "\n          ")
	}
	return append(b, "\n        }"...), nil
}

// appendJSONStrings appends an array of strings, one a line under indent.
func appendJSONStrings(b []byte, ss []string, indent string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, indent...)
		b = append(b, "  "...)
		b = appendJSONString(b, s)
	}
	if len(ss) > 0 {
		b = append(b, indent...)
	}
	return append(b, ']')
}

// appendJSONString appends s quoted as encoding/json quotes it without
// HTML escaping: quotes, backslashes and control characters escaped,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped for JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonPlain[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			default:
				i += size
				continue
			}
			i += size
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '\\', '"':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonPlain holds the bytes written as they are in a JSON string:
// printable ASCII but the quote and the backslash. Other characters are
// decoded one by one.
var jsonPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= ' ' && c < utf8.RuneSelf && c != '"' && c != '\\'
	}
	return t
}()

func urlPath(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return pu.EscapedPath()
}

// excerptFor returns an item's excerpt for a platform.
func (it *Item) excerptFor(platform string) (Excerpt, bool) {
	for i := range it.Excerpts {
		if it.Excerpts[i].Platform == platform {
			return it.Excerpts[i], true
		}
	}
	return Excerpt{}, false
}
