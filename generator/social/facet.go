package social

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/relais/relais/generator/social/count"
)

// Facet marks a range of an excerpt's text for the AT Protocol: a link
// whose full address is URI, or a hashtag Tag (without "#"). ByteStart is
// inclusive and ByteEnd exclusive, in UTF-8 bytes.
type Facet struct {
	ByteStart, ByteEnd int
	Type               string // "link" or "tag"
	URI, Tag           string
}

type facetJSON struct {
	Index struct {
		ByteStart int `json:"byteStart"`
		ByteEnd   int `json:"byteEnd"`
	} `json:"index"`
	Features []map[string]string `json:"features"`
}

// MarshalJSON writes the facet as an app.bsky.richtext.facet record, so
// that a client can post the excerpt's text and facets as they are.
func (f Facet) MarshalJSON() ([]byte, error) {
	var j facetJSON
	j.Index.ByteStart, j.Index.ByteEnd = f.ByteStart, f.ByteEnd
	switch f.Type {
	case "link":
		j.Features = []map[string]string{{"$type": "app.bsky.richtext.facet#link", "uri": f.URI}}
	case "tag":
		j.Features = []map[string]string{{"$type": "app.bsky.richtext.facet#tag", "tag": f.Tag}}
	default:
		return nil, fmt.Errorf("facet type %q (want link or tag)", f.Type)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // a link's "&" stays readable
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Facet) UnmarshalJSON(b []byte) error {
	var j facetJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if len(j.Features) != 1 {
		return fmt.Errorf("facet with %d features (want 1)", len(j.Features))
	}
	*f = Facet{ByteStart: j.Index.ByteStart, ByteEnd: j.Index.ByteEnd}
	switch ft := j.Features[0]; ft["$type"] {
	case "app.bsky.richtext.facet#link":
		f.Type, f.URI = "link", ft["uri"]
	case "app.bsky.richtext.facet#tag":
		f.Type, f.Tag = "tag", ft["tag"]
	default:
		return fmt.Errorf("facet feature %q", ft["$type"])
	}
	return nil
}

// facets marks, for Bluesky, the link relais wrote (its display text
// pointing to the full link), the links of a hand-written text, and every
// hashtag, with UTF-8 byte offsets.
func facets(text string, at int, display, link string) []Facet {
	var out []Facet
	linkEnd := -1
	if at >= 0 {
		linkEnd = at + len(display)
		out = append(out, Facet{ByteStart: at, ByteEnd: linkEnd, Type: "link", URI: link})
	}
	overlaps := func(a, b int) bool { return at >= 0 && a < linkEnd && b > at }
	for _, u := range count.URLs(text) {
		if overlaps(u.Start, u.End) {
			continue
		}
		uri := text[u.Start:u.End]
		if !u.Scheme {
			uri = "https://" + uri
		}
		out = append(out, Facet{ByteStart: u.Start, ByteEnd: u.End, Type: "link", URI: uri})
	}
	for _, t := range hashtagsIn(text) {
		if overlaps(t.start, t.end) {
			continue
		}
		out = append(out, Facet{ByteStart: t.start, ByteEnd: t.end, Type: "tag", Tag: t.tag})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ByteStart < out[j].ByteStart })
	return out
}
