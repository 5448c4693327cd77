package content

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// paris is a fixed +01:00 zone: tests must not depend on the machine's
// tz database.
var paris = time.FixedZone("CET", 3600)

func TestParseDate(t *testing.T) {
	utc := time.UTC
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time
	}{
		{"2023-11-14", paris, time.Date(2023, 11, 14, 0, 0, 0, 0, paris)},
		{"  2023-11-14\n", nil, time.Date(2023, 11, 14, 0, 0, 0, 0, utc)},
		{"2018-04-06T18:10:03+02:00", paris, time.Date(2018, 4, 6, 16, 10, 3, 0, utc)},
		{"2018-04-06T18:10:03.25+02:00", paris, time.Date(2018, 4, 6, 16, 10, 3, 250_000_000, utc)},
		{"2024-01-02T10:00:00Z", paris, time.Date(2024, 1, 2, 10, 0, 0, 0, utc)},
		{"2024-01-02 10:00:00Z", paris, time.Date(2024, 1, 2, 10, 0, 0, 0, utc)},
		{"2024-01-02T15:04", paris, time.Date(2024, 1, 2, 15, 4, 0, 0, paris)},
		{"2019-06-01 15:40", paris, time.Date(2019, 6, 1, 15, 40, 0, 0, paris)},
		{"2019-06-01 15:40:12", paris, time.Date(2019, 6, 1, 15, 40, 12, 0, paris)},
		{"2019-06-01T15:40:12", paris, time.Date(2019, 6, 1, 15, 40, 12, 0, paris)},
		{"2019-06-01T15:40:12.5", utc, time.Date(2019, 6, 1, 15, 40, 12, 500_000_000, utc)},
		{"2019-07-02 11:21:02 -0400", paris, time.Date(2019, 7, 2, 15, 21, 2, 0, utc)},
		{"2019-07-02 11:21:02 -04:00", paris, time.Date(2019, 7, 2, 15, 21, 2, 0, utc)},
		{"2019-07-02 11:21:02 -0400 EDT", paris, time.Date(2019, 7, 2, 15, 21, 2, 0, utc)},
		{"2019-07-02T11:21:02-0400", paris, time.Date(2019, 7, 2, 15, 21, 2, 0, utc)},
		{"2019-07-02 11:21 +0200", utc, time.Date(2019, 7, 2, 9, 21, 0, 0, utc)},
		{"Tue, 02 Jul 2019 11:21:02 -0400", paris, time.Date(2019, 7, 2, 15, 21, 2, 0, utc)},
		{"Tue, 2 Jul 2019 11:21:02 +0000", paris, time.Date(2019, 7, 2, 11, 21, 2, 0, utc)},
		{"Tue, 02 Jul 2019 11:21:02 GMT", paris, time.Date(2019, 7, 2, 11, 21, 2, 0, utc)},
		{"2 Jul 2019 11:21:02 UTC", paris, time.Date(2019, 7, 2, 11, 21, 2, 0, utc)},
		{"2024-02-29", utc, time.Date(2024, 2, 29, 0, 0, 0, 0, utc)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, tt.loc)
			if err != nil {
				t.Fatalf("ParseDate(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v; want %v", tt.in, got, tt.want)
			}
			_, gotOff := got.Zone()
			_, wantOff := tt.want.Zone()
			if tt.want.Location() != utc && gotOff != wantOff {
				t.Errorf("ParseDate(%q) offset = %d; want %d", tt.in, gotOff, wantOff)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-13-01", `"2024-13-01": month out of range (want YYYY-MM-DD or RFC 3339)`},
		{"2024-02-30", `"2024-02-30": day out of range (want YYYY-MM-DD or RFC 3339)`},
		{"2023-02-29", `"2023-02-29": day out of range (want YYYY-MM-DD or RFC 3339)`},
		{"2024-01-02 25:00", `"2024-01-02 25:00": hour out of range (want YYYY-MM-DD or RFC 3339)`},
		{"", `"": empty date (want YYYY-MM-DD or RFC 3339)`},
		{"hier", `"hier": unknown format (want YYYY-MM-DD or RFC 3339)`},
		{"02/01/2006", `"02/01/2006": unknown format (want YYYY-MM-DD or RFC 3339)`},
		{"2024-1-5", `"2024-1-5": unexpected "1-5" (want YYYY-MM-DD or RFC 3339)`},
		// The two malformed dates of the corpora.
		{"2023-01-29 18:30:22 2023 -0800", `"2023-01-29 18:30:22 2023 -0800": unexpected "2023 -0800" (want YYYY-MM-DD or RFC 3339)`},
		{"2019-05-03T158:12:14+01:00", `"2019-05-03T158:12:14+01:00": unexpected "8:12:14+01:00" (want YYYY-MM-DD or RFC 3339)`},
		{"2024-01-02 10:00:00 CEST", `"2024-01-02 10:00:00 CEST": unexpected "CEST" (want YYYY-MM-DD or RFC 3339)`},
		{"Tue, 02 Jul 2019 11:21:02 EST", `"Tue, 02 Jul 2019 11:21:02 EST": time zone "EST" is ambiguous: write a numeric offset such as +0100 (want YYYY-MM-DD or RFC 3339)`},
		{"2024-01-02 extra", `"2024-01-02 extra": unexpected "extra" (want YYYY-MM-DD or RFC 3339)`},
		{"2024-01-02T10:00:00+01:00 x", `"2024-01-02T10:00:00+01:00 x": unexpected text " x" at the end (want YYYY-MM-DD or RFC 3339)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, time.UTC)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v; want error %s", tt.in, got, tt.want)
			}
			var de *DateError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDate(%q) error %T; want *DateError", tt.in, err)
			}
			if err.Error() != tt.want {
				t.Errorf("ParseDate(%q) error = %s; want %s", tt.in, err, tt.want)
			}
		})
	}
}

// The zone of the site applies only to dates written without one.
func TestParseDateZoneOnlyWhenMissing(t *testing.T) {
	a, _ := ParseDate("2024-06-01T12:00:00+02:00", paris)
	b, _ := ParseDate("2024-06-01T12:00:00+02:00", time.UTC)
	if !a.Equal(b) {
		t.Errorf("ParseDate with an offset depends on loc: %v vs %v", a, b)
	}
	c, _ := ParseDate("2024-06-01T12:00:00", paris)
	if c.UTC().Hour() != 11 {
		t.Errorf("ParseDate(%q, +01:00) = %v; want 11:00 UTC", "2024-06-01T12:00:00", c.UTC())
	}
}

func TestLocalDate(t *testing.T) {
	tests := []struct {
		name, rest string
		ok, err    bool
		want       time.Time
	}{
		{"2024-03-01-bonjour", "bonjour", true, false, time.Date(2024, 3, 1, 0, 0, 0, 0, paris)},
		{"2019-12-22-hexo-4.2_hexo-util", "hexo-4.2_hexo-util", true, false, time.Date(2019, 12, 22, 0, 0, 0, 0, paris)},
		{"2024-03-01_note", "note", true, false, time.Date(2024, 3, 1, 0, 0, 0, 0, paris)},
		{"2024-02-30-faux", "2024-02-30-faux", false, true, time.Time{}},
		{"2024-03-01", "2024-03-01", false, false, time.Time{}},   // a name that is only a date keeps it
		{"2024-03-01-", "2024-03-01-", false, false, time.Time{}}, // nothing left for a slug
		{"bonjour", "bonjour", false, false, time.Time{}},
		{"Rust-1.88.0", "Rust-1.88.0", false, false, time.Time{}},
		{"20240301-x", "20240301-x", false, false, time.Time{}},
	}
	for _, tt := range tests {
		got, rest, ok, err := localDate(tt.name, paris)
		if !got.Equal(tt.want) || rest != tt.rest || ok != tt.ok || (err != nil) != tt.err {
			t.Errorf("localDate(%q) = %v, %q, %v, %v; want %v, %q, %v, error %v", tt.name, got, rest, ok, err, tt.want, tt.rest, tt.ok, tt.err)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2023-11-14", "2018-04-06T18:10:03+02:00", "2019-07-02 11:21:02 -0400",
		"2019-06-01 15:40", "Tue, 02 Jul 2019 11:21:02 GMT", "2024-02-30", "2019-05-03T158:12:14+01:00",
		"2019-07-02 11:21:02 -0400 EDT", "2024-01-02T10:00:00.123456789Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s, paris)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) || de.Value != strings.TrimSpace(s) || de.Reason == "" {
				t.Fatalf("ParseDate(%q) error = %#v; want a *DateError naming the value and a reason", s, err)
			}
			return
		}
		if y := got.Year(); y < 0 || y > 9999 {
			t.Fatalf("ParseDate(%q) = %v; want a year of four digits", s, got)
		}
		// A date alone reads back as written.
		if len(strings.TrimSpace(s)) == 10 && got.Format("2006-01-02") != strings.TrimSpace(s) {
			t.Fatalf("ParseDate(%q) = %v; want the same day", s, got)
		}
	})
}
