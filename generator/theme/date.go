package theme

import (
	"strconv"
	"sync"
	"time"

	"github.com/relais/relais/themes"
)

// Date styles are patterns in the translation files, so that a site adds
// a language's dates with its i18n/<lang>.toml alone:
//
//	dateLong     = "{day} {month} {year}"      # 22 novembre 2026
//	dateShort    = "{day} {mon} {year}"        # 22 nov. 2026
//	dateFull     = "{weekday} {day} {month} {year}"
//	dateDayMonth = "{day} {mon}"               # 22 nov.
//	months, monthsShort = [12 names]; weekdays = [7 names, Sunday first]
//	dayOne       = "1er"                       # how the first of the month is written
//
// Placeholders: {day} (1–31, dayOne for the first), {dd} (01–31),
// {month}, {mon}, {mm} (01–12), {year}, {weekday}.
var dateStyles = map[string]string{
	"long":     "dateLong",
	"short":    "dateShort",
	"full":     "dateFull",
	"daymonth": "dateDayMonth",
}

// defaultCatalog is the embedded default theme's translations, for
// callers that format dates without a loaded theme (social cards).
var defaultCatalog = sync.OnceValue(func() *catalog {
	c, _ := loadCatalog([]layer{{fsys: themes.FS, dir: "default", name: "themes/default"}})
	return c
})

// FormatDate writes t in the language lang ("fr", "en") with the default
// theme's strings: FormatDate(t, "fr", "long") = "1er janvier 2026".
// Styles are those of the template function date. t is written in its own
// location: convert it to the site's zone first.
func FormatDate(t time.Time, lang, style string) string {
	return formatDate(t, defaultCatalog().get(lang), style)
}

func formatDate(t time.Time, m *Messages, style string) string {
	if t.IsZero() {
		return ""
	}
	switch style {
	case "iso":
		return t.Format(time.DateOnly)
	case "rfc3339":
		return t.Format(time.RFC3339)
	}
	key, ok := dateStyles[style]
	if !ok {
		return t.Format(style)
	}
	return fill(m.T(key), func(name string) (string, bool) {
		switch name {
		case "day":
			if d := t.Day(); d == 1 && m.Has("dayOne") {
				return m.T("dayOne"), true
			}
			return strconv.Itoa(t.Day()), true
		case "dd":
			return t.Format("02"), true
		case "month":
			return name12(m, "months", t.Month(), "January"), true
		case "mon":
			return name12(m, "monthsShort", t.Month(), "Jan"), true
		case "mm":
			return t.Format("01"), true
		case "year":
			return strconv.Itoa(t.Year()), true
		case "weekday":
			if l := m.list("weekdays", 7); l != nil {
				return l[t.Weekday()], true
			}
			return t.Format("Monday"), true
		}
		return "", false
	})
}

func name12(m *Messages, key string, month time.Month, layout string) string {
	if l := m.list(key, 12); l != nil {
		return l[month-1]
	}
	return time.Date(2000, month, 1, 0, 0, 0, 0, time.UTC).Format(layout)
}
