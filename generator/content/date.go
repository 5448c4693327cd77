package content

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DateError is a date that ParseDate could not read. Its message names the
// value, the reason and the formats relais reads:
// `"2024-13-01": month out of range (want YYYY-MM-DD or RFC 3339)`.
type DateError struct {
	Value  string
	Reason string
}

func (e *DateError) Error() string {
	return fmt.Sprintf("%q: %s (want YYYY-MM-DD or RFC 3339)", e.Value, e.Reason)
}

// dateLayouts are the shapes real blogs write, most common first. Layouts
// without a zone are read in the site's zone.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,                      // 2018-04-06T18:10:03+02:00, with or without fractions
	"2006-01-02 15:04:05.999999999 -0700", // Jekyll
	"2006-01-02 15:04:05.999999999 -07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02T15:04:05.999999999", // no zone
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04 -07:00",
	time.RFC1123Z, // Mon, 02 Jan 2006 15:04:05 -0700: RSS and e-mail exports
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
}

// zoneNames are the zone abbreviations that mean one offset everywhere.
// Others ("CET", "EST", "IST") are ambiguous, and Go would silently read
// them as UTC, so relais asks for a numeric offset instead.
var zoneNames = map[string]bool{"UTC": true, "GMT": true, "UT": true, "Z": true}

// ParseDate reads a date as written in front matter. A date without a zone
// is in loc (UTC when loc is nil). Invalid calendar dates (2024-02-30) are
// errors. Time zone abbreviations other than UTC and GMT are refused, since
// "CET" or "IST" name different offsets in different places. Go's own
// time.String form, "2006-01-02 15:04:05 -0700 MST", is read by its offset.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, &DateError{Value: s, Reason: "empty date"}
	}
	v := trimZoneName(s)
	var best *time.ParseError
	bestLen := -1
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, v, loc)
		if err == nil {
			// Go reads an abbreviation the zone does not know as UTC.
			if name, _ := t.Zone(); strings.HasSuffix(layout, "MST") && t.Location() != loc && !zoneNames[name] {
				return time.Time{}, &DateError{Value: s, Reason: fmt.Sprintf("time zone %q is ambiguous: write a numeric offset such as +0100", name)}
			}
			return t, nil
		}
		var pe *time.ParseError
		if !errors.As(err, &pe) {
			continue
		}
		// The most telling failure is a range error ("month out of
		// range"), else the layout that read furthest into the value.
		n := len(v) - len(pe.ValueElem)
		if pe.Message != "" && !strings.HasPrefix(pe.Message, ": extra text") {
			n += len(v) + 1
		}
		if n > bestLen {
			best, bestLen = pe, n
		}
	}
	if bestLen < 4 { // not even a year: no layout is close
		best = nil
	}
	return time.Time{}, &DateError{Value: s, Reason: reason(best)}
}

// trimZoneName drops the abbreviation of Go's time.String form
// ("2019-07-02 11:21:02 -0400 EDT"): the offset before it already says
// everything, and the abbreviation is ambiguous.
func trimZoneName(s string) string {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 || i+1 == len(s) {
		return s
	}
	name := s[i+1:]
	for _, r := range name {
		if r < 'A' || r > 'Z' {
			return s
		}
	}
	head := strings.TrimSpace(s[:i])
	j := strings.LastIndexByte(head, ' ')
	if j < 0 {
		return s
	}
	off := head[j+1:]
	if len(off) >= 5 && (off[0] == '+' || off[0] == '-') && off[1] >= '0' && off[1] <= '9' {
		return head
	}
	return s
}

// reason turns Go's parse error into a short phrase for the user.
func reason(pe *time.ParseError) string {
	if pe == nil {
		return "unknown format"
	}
	if m := strings.TrimPrefix(pe.Message, ": "); m != "" {
		if rest, ok := strings.CutPrefix(m, "extra text: "); ok {
			return "unexpected text " + rest + " at the end"
		}
		return m
	}
	if pe.ValueElem == "" {
		return "incomplete date"
	}
	if len(pe.ValueElem) == len(pe.Value) {
		return "unknown format"
	}
	return fmt.Sprintf("unexpected %q", pe.ValueElem)
}

// localDate returns the date of a Jekyll-style file name
// ("2024-03-01-bonjour.md") and the name without it. ok is false when the
// name has no such prefix; err is set when it has one that is not a real
// date (2024-02-30).
func localDate(name string, loc *time.Location) (t time.Time, rest string, ok bool, err error) {
	if len(name) < 12 || name[10] != '-' && name[10] != '_' {
		return time.Time{}, name, false, nil
	}
	for i, c := range []byte(name[:10]) {
		if i == 4 || i == 7 {
			if c != '-' {
				return time.Time{}, name, false, nil
			}
		} else if c < '0' || c > '9' {
			return time.Time{}, name, false, nil
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	t, err = ParseDate(name[:10], loc)
	if err != nil {
		return time.Time{}, name, false, err
	}
	return t, name[11:], true, nil
}
