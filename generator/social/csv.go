package social

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The schedulers' bulk-import formats, social-platforms.md §4.1. Every
// file is UTF-8 with RFC 4180 quoting (encoding/csv), rows newest first,
// dates the article's publication in the site's time zone, 24-hour clock.
var schedulers = []struct {
	name   string
	render func(items []Item, site SiteInfo, platform string) ([]byte, error)
}{
	// Hootsuite's Bulk Composer: no header row; "date time" as dd/mm/yyyy
	// hh:mm (choose that order when uploading), message, URL. The link
	// goes in the URL column, which Hootsuite appends to the message; a
	// link written inside a hand-written sentence stays there instead.
	{"hootsuite", hootsuite},
	// Sprout Social: the required, case-sensitive headers date
	// (dd/mm/yyyy, choose that order when importing), time_24hr and
	// message_text. The link stays in the message: the names of Sprout's
	// optional columns are not published.
	{"sprout", sprout},
	// Publer: its twelve columns, all kept. Date as YYYY-MM-DD HH:MM.
	// Link(s) makes a link post (a card) where the network has them; for
	// Instagram it is the link-in-bio call to action and for Pinterest the
	// Pin's link, with the share image in Media URL(s).
	{"publer", publer},
}

// rows runs row over the valid excerpts of one platform; it returns nil
// when no item has an excerpt of that platform at all.
func rows(items []Item, platform string, header []string, row func(Item, Excerpt) []string) ([]byte, error) {
	var recs [][]string
	if header != nil {
		recs = append(recs, header)
	}
	found := false
	for _, it := range items {
		e, ok := it.excerptFor(platform)
		if !ok {
			continue
		}
		found = true
		if !e.Valid {
			continue
		}
		if r := row(it, e); r != nil {
			recs = append(recs, r)
		}
	}
	if !found {
		return nil, nil
	}
	return writeCSV(recs)
}

func writeCSV(recs [][]string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(recs); err != nil {
		return nil, fmt.Errorf("social: csv: %w", err)
	}
	return b.Bytes(), nil
}

func hootsuite(items []Item, site SiteInfo, platform string) ([]byte, error) {
	pl, _ := Lookup(platform)
	return rows(items, platform, nil, func(it Item, e Excerpt) []string {
		msg, link := splitLink(e)
		if pl.Link == LinkNone {
			link = "" // Instagram's link is for the bio, not the caption
		}
		return []string{it.Post.Date.In(site.loc()).Format("02/01/2006 15:04"), msg, link}
	})
}

func sprout(items []Item, site SiteInfo, platform string) ([]byte, error) {
	return rows(items, platform, []string{"date", "time_24hr", "message_text"}, func(it Item, e Excerpt) []string {
		d := it.Post.Date.In(site.loc())
		return []string{d.Format("02/01/2006"), d.Format("15:04"), e.Paste()}
	})
}

// PublerColumns is Publer's CSV template.
var PublerColumns = []string{"Date", "Text", "Link(s)", "Media URL(s)", "Title", "Label(s)",
	"Alt text(s)", "Comment(s)", "Board/Album", "Post subtype", "CTA", "Reminder"}

func publer(items []Item, site SiteInfo, platform string) ([]byte, error) {
	pl, _ := Lookup(platform)
	return rows(items, platform, PublerColumns, func(it Item, e Excerpt) []string {
		if pl.Image && it.Post.Image == "" {
			return nil // an Instagram post or a Pin without an image is refused
		}
		r := make([]string, len(PublerColumns))
		r[0] = it.Post.Date.In(site.loc()).Format("2006-01-02 15:04")
		r[1], r[2] = splitLink(e)
		switch pl.Link {
		case LinkInText:
			r[2] = e.Link // a link post: Publer builds the card
		case LinkNone:
			r[2], r[3] = e.Link, it.Post.Image
		case LinkField:
			r[2], r[3], r[4], r[8] = e.Link, it.Post.Image, e.Title, site.board()
		}
		return r
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
	return rows(items, pl.Name, PinterestColumns, func(it Item, e Excerpt) []string {
		if it.Post.Image == "" {
			return nil
		}
		title := e.Title
		seen[strings.ToLower(title)]++
		if n := seen[strings.ToLower(title)]; n > 1 {
			suffix := fmt.Sprintf(" (%d)", n)
			for utf8.RuneCountInString(title+suffix) > pl.TitleLimit && title != "" {
				_, size := utf8.DecodeLastRuneInString(title)
				title = title[:len(title)-size]
			}
			title += suffix
		}
		return []string{
			title, it.Post.Image, site.board(), "", e.Text, e.Link,
			it.Post.Date.In(site.loc()).Format("2006-01-02T15:04:05"), strings.Join(keywords(it.Post), ","),
		}
	})
}

// splitLink returns an excerpt's text without the paragraph that is its
// link, and the link, for formats with a link column. A link written
// inside a sentence stays in the text, and the column is left empty.
func splitLink(e Excerpt) (text, link string) {
	text = e.Paste()
	if e.Link == "" {
		return text, ""
	}
	paras := strings.Split(text, "\n\n")
	for i, p := range paras {
		if p == e.Link {
			return strings.Join(append(paras[:i:i], paras[i+1:]...), "\n\n"), e.Link
		}
	}
	if strings.Contains(text, e.Link) {
		return text, ""
	}
	return text, e.Link
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
		if k := tagKey(t); t != "" && !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}
