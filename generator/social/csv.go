package social

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The schedulers' bulk-import formats, social-platforms.md §4.1. Every
// file is UTF-8 with RFC 4180 quoting (encoding/csv), rows newest first,
// dates the article's publication in the site's time zone, 24-hour clock.
var schedulers = []struct {
	name   string
	render func(items []Item, site SiteInfo, platform string) ([]byte, error)
	whole  bool // every article has a row
	max    int  // the rows kept, newest first; 0: all
}{
	// Each file keeps the newest rows a tool takes in one import
	// (maxRows): a longer file is refused, and a 10,000-article blog
	// would otherwise write hundreds of megabytes nobody can upload.
	// Hootsuite's Bulk Composer: no header row; "date time" as dd/mm/yyyy
	// hh:mm (choose that order when uploading), message, URL. The link
	// goes in the URL column, which Hootsuite appends to the message; a
	// link written inside a hand-written sentence stays there instead.
	{"hootsuite", hootsuite, false, hootsuiteMax},
	// Sprout Social: the required, case-sensitive headers date
	// (dd/mm/yyyy, choose that order when importing), time_24hr and
	// message_text. The link stays in the message: the names of Sprout's
	// optional columns are not published.
	{"sprout", sprout, false, sproutMax},
	// Publer: its twelve columns, all kept. Date as YYYY-MM-DD HH:MM.
	// Link(s) makes a link post (a card) where the network has them; for
	// Instagram it is the link-in-bio call to action and for Pinterest the
	// Pin's link, with the share image in Media URL(s).
	{"publer", publer, true, 0},
}

// The most rows each tool takes in one file (social-platforms.md §4.1).
// Publer publishes no such limit, so its files keep every article.
const (
	hootsuiteMax = 350
	sproutMax    = 350
	pinterestMax = 100
)

// rows writes the header, then row's record for each valid excerpt of one
// platform, the newest max of them (0: all; row returns false to leave one out); it returns nil when no
// item has an excerpt of that platform at all, or when nothing is written.
// Records are appended to one buffer sized up front from size, a record's
// length or a little more (0 for one left out): a build writes thousands
// of rows to each of these files.
//
// key names the export for the items' Caches (see Item.part); "" when a
// row depends on other rows and cannot be kept.
func rows(items []Item, platform, key string, max int, header []string, row func(b []byte, it Item, e Excerpt) ([]byte, bool), size func(Item, Excerpt) int) ([]byte, error) {
	found := false
	n := 256 // a little more than the file takes: quotes may be doubled
	counted := 0
	for i := range items { // by index: an Item is large, and most are only looked at
		it := &items[i]
		if max > 0 && counted == max {
			break // found, and the file is full
		}
		if e, ok := it.excerptFor(platform); ok {
			found = true
			if e.Valid {
				counted++
				k := size(*it, e)
				n += k + k/32
			}
		}
	}
	if !found {
		return nil, nil
	}
	b := make([]byte, 0, n)
	if header != nil {
		b = appendRecord(b, header...)
	}
	written := 0
	for i := range items {
		it := &items[i]
		if max > 0 && written == max {
			break
		}
		e, ok := it.excerptFor(platform)
		if !ok || !e.Valid {
			continue
		}
		if it.Cache == nil || key == "" {
			if r, ok := row(b, *it, e); ok {
				b = r
				written++
			}
			continue
		}
		part, ok, _ := it.part(key, func(b []byte) ([]byte, bool, error) {
			b, ok := row(b, *it, e)
			return b, ok, nil
		})
		if ok {
			b = append(b, part...)
			written++
		}
	}
	if len(b) == 0 {
		return nil, nil
	}
	return b, nil
}

// pasteLen is len(e.Paste()), for Bluesky's links at least.
func pasteLen(e Excerpt) int {
	n := len(e.Text)
	for _, f := range e.Facets {
		if f.Type == "link" {
			n += len(f.URI)
		}
	}
	return n
}

// appendRecord appends a record as encoding/csv's Writer writes it with
// its defaults: fields separated by commas, quoted when needed, "\n" at
// the end.
func appendRecord(b []byte, fields ...string) []byte {
	return append(appendFields(b, fields...), '\n')
}

// appendFields appends fields separated by commas: a record, or its start.
func appendFields(b []byte, fields ...string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendField(b, f)
	}
	return b
}

// appendField appends one field: in quotes, its quotes doubled, when it
// holds a comma, a quote or a line break, starts with a space or is `\.`.
func appendField(b []byte, f string) []byte {
	return appendField2(b, f, "")
}

// appendField2 appends the field x+y, without joining them first.
func appendField2(b []byte, x, y string) []byte {
	if !needsQuotes(x, y) {
		return append(append(b, x...), y...)
	}
	b = append(b, '"')
	for _, f := range [2]string{x, y} {
		for {
			i := strings.IndexByte(f, '"')
			if i < 0 {
				break
			}
			b = append(b, f[:i+1]...)
			b = append(b, '"')
			f = f[i+1:]
		}
		b = append(b, f...)
	}
	return append(b, '"')
}

// needsQuotes is encoding/csv's rule for the field x+y.
func needsQuotes(x, y string) bool {
	switch {
	case x == "" && y == "":
		return false
	case len(x)+len(y) == 2 && x+y == `\.`:
		return true
	case special(x) || special(y):
		return true
	}
	f := x
	if f == "" {
		f = y
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

// special reports a comma, a quote or a line break: one fast search each,
// the line break first, which most excerpts have.
func special(s string) bool {
	return strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '"') >= 0 ||
		strings.IndexByte(s, ',') >= 0 || strings.IndexByte(s, '\r') >= 0
}

// appendDate appends a date as a field: no layout of these files writes
// a character that needs quotes.
func appendDate(b []byte, t time.Time, layout string) []byte {
	return t.AppendFormat(b, layout)
}

func hootsuite(items []Item, site SiteInfo, platform string) ([]byte, error) {
	pl, _ := Lookup(platform)
	loc := site.loc()
	return rows(items, platform, site.key("hootsuite/"+platform), hootsuiteMax, nil, func(b []byte, it Item, e Excerpt) ([]byte, bool) {
		msg1, msg2, link := splitLinkParts(e)
		if pl.Link == LinkNone {
			link = "" // Instagram's link is for the bio, not the caption
		}
		b = append(appendDate(b, it.Post.Date.In(loc), "02/01/2006 15:04"), ',')
		b = append(appendField2(b, msg1, msg2), ',')
		return appendRecord(b, link), true
	}, func(_ Item, e Excerpt) int {
		if pl.Link == LinkField { // the link is not in the text
			return pasteLen(e) + len(e.Link) + 24
		}
		return pasteLen(e) + 24
	})
}

func sprout(items []Item, site SiteInfo, platform string) ([]byte, error) {
	loc := site.loc()
	return rows(items, platform, site.key("sprout/"+platform), sproutMax, []string{"date", "time_24hr", "message_text"}, func(b []byte, it Item, e Excerpt) ([]byte, bool) {
		d := it.Post.Date.In(loc)
		b = append(appendDate(b, d, "02/01/2006"), ',')
		b = append(appendDate(b, d, "15:04"), ',')
		return appendRecord(b, e.Paste()), true
	}, func(_ Item, e Excerpt) int { return pasteLen(e) + 24 })
}

// PublerColumns is Publer's CSV template.
var PublerColumns = []string{"Date", "Text", "Link(s)", "Media URL(s)", "Title", "Label(s)",
	"Alt text(s)", "Comment(s)", "Board/Album", "Post subtype", "CTA", "Reminder"}

func publer(items []Item, site SiteInfo, platform string) ([]byte, error) {
	pl, _ := Lookup(platform)
	loc := site.loc()
	return rows(items, platform, site.key("publer/"+platform), 0, PublerColumns, func(b []byte, it Item, e Excerpt) ([]byte, bool) {
		if pl.Image && it.Post.Image == "" {
			return b, false // an Instagram post or a Pin without an image is refused
		}
		var r [12]string // PublerColumns
		var text2 string // the text is r[1]+text2
		r[1], text2, r[2] = splitLinkParts(e)
		switch pl.Link {
		case LinkInText:
			r[2] = e.Link // a link post: Publer builds the card
		case LinkNone:
			r[2], r[3] = e.Link, it.Post.Image
		case LinkField:
			r[2], r[3], r[4], r[8] = e.Link, it.Post.Image, e.Title, site.board()
		}
		b = append(appendDate(b, it.Post.Date.In(loc), "2006-01-02 15:04"), ',')
		b = append(appendField2(b, r[1], text2), ',')
		return appendRecord(b, r[2:]...), true
	}, func(it Item, e Excerpt) int {
		switch {
		case pl.Image && it.Post.Image == "":
			return 0
		case pl.Link == LinkInText:
			return pasteLen(e) + 40
		}
		return pasteLen(e) + len(e.Link) + len(it.Post.Image) + len(e.Title) + len(site.board()) + 40
	})
}

func (s SiteInfo) board() string {
	if s.Board != "" {
		return s.Board
	}
	return s.Title
}

// PinterestColumns is Pinterest's bulk-upload template.
var PinterestColumns = []string{"Title", "Media URL", "Pinterest board", "Thumbnail", "Description", "Link", "Publish date", "Keywords"}

// PinterestCSV renders social/pinterest.csv, Pinterest's own bulk upload
// (up to 100 rows a file). A Pin needs an image, so articles without a
// share image are left out; titles must be unique, so a repeated title
// gets " (2)"; keywords are the tags as written; the board is
// [social] board, else the site's title.
func PinterestCSV(items []Item, site SiteInfo) ([]byte, error) {
	pl, ok := Lookup("pinterest")
	if !ok {
		return nil, nil
	}
	seen := map[string]int{}
	loc := site.loc()
	// No key: a row's title depends on the rows before it.
	return rows(items, pl.Name, "", pinterestMax, PinterestColumns, func(b []byte, it Item, e Excerpt) ([]byte, bool) {
		if it.Post.Image == "" {
			return b, false
		}
		title := e.Title
		key := strings.ToLower(title)
		seen[key]++
		if n := seen[key]; n > 1 {
			suffix := fmt.Sprintf(" (%d)", n)
			for utf8.RuneCountInString(title+suffix) > pl.TitleLimit && title != "" {
				_, size := utf8.DecodeLastRuneInString(title)
				title = title[:len(title)-size]
			}
			title += suffix
		}
		b = append(appendFields(b, title, it.Post.Image, site.board(), "", e.Text, e.Link), ',')
		b = append(appendDate(b, it.Post.Date.In(loc), "2006-01-02T15:04:05"), ',')
		return appendRecord(b, strings.Join(keywords(it.Post), ",")), true
	}, func(it Item, e Excerpt) int {
		if it.Post.Image == "" {
			return 0
		}
		n := len(e.Title) + len(it.Post.Image) + len(site.board()) + len(e.Text) + len(e.Link) + 48
		for _, t := range it.Post.Tags {
			n += len(t) + 1
		}
		for _, t := range it.Post.Hashtags {
			n += len(t) + 1
		}
		return n
	})
}

// splitLink returns an excerpt's text without the paragraph that is its
// link, and the link, for formats with a link column. A link written
// inside a sentence stays in the text, and the column is left empty.
func splitLink(e Excerpt) (text, link string) {
	x, y, link := splitLinkParts(e)
	return x + y, link
}

// splitLinkParts is splitLink with the text in two parts, x+y, so that
// the exports write it without joining them.
func splitLinkParts(e Excerpt) (x, y, link string) {
	text := e.Paste()
	if e.Link == "" {
		return text, "", ""
	}
	// the paragraphs as strings.Split(text, "\n\n") gives them: the first
	// that is the link goes, with one of the blank lines around it
	for start := 0; ; {
		n := strings.Index(text[start:], "\n\n")
		end := start + n
		if n < 0 {
			end = len(text)
		}
		if text[start:end] == e.Link {
			switch {
			case start > 0:
				return text[:start-2], text[end:], e.Link
			case end < len(text):
				return text[end+2:], "", e.Link
			}
			return "", "", e.Link
		}
		if n < 0 {
			break
		}
		start = end + 2
	}
	if strings.Contains(text, e.Link) {
		return text, "", ""
	}
	return text, "", e.Link
}

// keywords are a Pin's search terms: the tags as written (or
// social.hashtags), without "#", each once.
func keywords(p Post) []string {
	terms := p.Tags
	if len(terms) == 0 {
		terms = p.Hashtags
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range terms {
		t = strings.TrimSpace(strings.TrimLeft(t, "#＃"))
		if k := tagKeyMemo.get(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// reach is how many of items a file of at most max rows (0: all) reads
// for platform, counting the items keep takes: up to the max-th.
func reach(items []Item, platform string, max int, keep func(it *Item, e Excerpt) bool) int {
	if max <= 0 {
		return len(items)
	}
	n := 0
	for i := range items {
		if e, ok := items[i].excerptFor(platform); ok && keep(&items[i], e) {
			if n++; n == max {
				return i + 1
			}
		}
	}
	return len(items)
}

func validRow(_ *Item, e Excerpt) bool { return e.Valid }

// pinRow is a row of pinterest.csv: a Pin needs an image.
func pinRow(it *Item, e Excerpt) bool { return e.Valid && it.Post.Image != "" }
