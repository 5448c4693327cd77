package content

import (
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/relais/relais/generator/site"
)

// unmarshalTOML is the adrg/frontmatter decoder of TOML front matter.
func unmarshalTOML(raw []byte, v any) error {
	d := v.(*decoding)
	d.fm.format = "toml"
	return decodeTOML(d.name, raw, d.fm, d.loc)
}

// decodeTOML decodes TOML 1.0 front matter. BurntSushi/toml v1 gives local
// dates and times a zone of the machine's own; relais reads them in the
// site's zone instead, so a build does not depend on where it runs.
func decodeTOML(name string, raw []byte, fm *frontMatter, loc *time.Location) error {
	var m map[string]any
	if _, err := toml.Decode(string(raw), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := min(fm.open+max(pe.Position.Line, 1), fm.close)
			return site.Errorf(name, line, "invalid TOML front matter: %s", pe.Message)
		}
		return site.Errorf(name, fm.open, "invalid TOML front matter: %v", err)
	}
	fm.values = normalizeValue(m, loc).(map[string]any)
	fm.lines = tomlKeyLines(string(raw), fm.open)
	return nil
}

// tomlKey matches the start of a TOML key line: bare or quoted keys joined
// by dots, then "=".
// A table header is such a key path in brackets; an array of arrays on
// its own line ("  [1, 2],") is not.
const tomlKeyPath = `((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)`

var (
	tomlKey   = regexp.MustCompile(`^\s*` + tomlKeyPath + `\s*=`)
	tomlTable = regexp.MustCompile(`^\s*\[\[?\s*` + tomlKeyPath + `\s*\]\]?\s*(?:#.*)?$`)
	tomlPart  = regexp.MustCompile(`[A-Za-z0-9_-]+|"[^"]*"|'[^']*'`)
)

// tomlKeyLines finds the line of each key and table of TOML front matter.
// BurntSushi/toml keeps key positions to itself, so this reads the text;
// multi-line strings are skipped so their contents are not taken for keys.
func tomlKeyLines(raw string, open int) map[string]int {
	lines := map[string]int{}
	table := ""
	inString := ""
	for i, l := range strings.Split(raw, "\n") {
		n := open + 1 + i
		if inString != "" {
			if strings.Count(l, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if m := tomlTable.FindStringSubmatch(l); m != nil {
			table = tomlPath(m[1])
			if _, ok := lines[table]; !ok {
				lines[table] = n
			}
			continue
		}
		m := tomlKey.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		key := joinPath(table, tomlPath(l[m[2]:m[3]]))
		if _, ok := lines[key]; !ok {
			lines[key] = n
		}
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(l[m[1]:], q)%2 == 1 {
				inString = q
			}
		}
	}
	return lines
}

// tomlPath turns `a."b.c".d` into the dotted path a.b.c.d used by lines.
func tomlPath(key string) string {
	parts := tomlPart.FindAllString(key, -1)
	for i, p := range parts {
		parts[i] = strings.Trim(p, `"'`)
	}
	return strings.Join(parts, ".")
}

// tomlLocal reads TOML's local date-times in the site's zone and keeps a
// local time of day as text.
func tomlLocal(t time.Time, loc *time.Location) any {
	if loc == nil {
		loc = time.UTC
	}
	switch t.Location().String() {
	case "date-local", "datetime-local":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	case "time-local":
		return t.Format("15:04:05.999999999")
	}
	return t
}
