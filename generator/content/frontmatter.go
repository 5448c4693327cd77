package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/relais/relais/generator/site"
)

// frontMatter is one file split into its decoded front matter and its body.
//
// relais splits files itself rather than through adrg/frontmatter: that
// library hides front matter behind a BOM, returns an unterminated block as
// body without a word, misses JSON not followed by a blank line, and keeps
// no offsets, so it cannot say on which line a problem is.
type frontMatter struct {
	format   string            // "yaml", "toml", "json"; "" when the file has none
	open     int               // file line of the opening delimiter; 0 when none
	close    int               // file line of the closing delimiter
	values   map[string]any    // keys exactly as written
	lines    map[string]int    // key path ("social.x") -> file line of the key
	raw      map[string]string // YAML scalars as written, for `title: 3.0`
	body     []byte
	bodyLine int
}

// line returns the file line of a key path, else of its closest parent,
// else of the opening delimiter.
func (fm *frontMatter) line(path string) int {
	for path != "" {
		if l, ok := fm.lines[path]; ok {
			return l
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return max(fm.open, 1)
}

// fence is a pair of delimiter lines around front matter.
type fence struct{ open, close, format string }

// fences are the delimiters relais recognises: Hugo's, Jekyll's and Zola's,
// plus the explicit ones adrg/frontmatter introduced.
var fences = []fence{
	{"---", "---", "yaml"},
	{"+++", "+++", "toml"},
	{"---yaml", "---", "yaml"},
	{"---toml", "---", "toml"},
	{"---json", "---", "json"},
	{";;;", ";;;", "json"},
}

var bom = []byte("\xef\xbb\xbf")

// normalize returns data as UTF-8 with LF line ends and no byte order
// mark. Windows editors save UTF-16 or Windows-1252 (a superset of
// Latin-1): both are decoded, with a warning, so accents are kept rather
// than turned into U+FFFD. Line numbers are unchanged by every step.
func normalize(name string, data []byte) ([]byte, []*site.Error) {
	var warns []*site.Error
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		if out, err := dec.Bytes(data); err == nil {
			data = out
			warns = append(warns, site.Errorf(name, 1, "file is UTF-16: read as such (save it as UTF-8)"))
		}
	case bytes.HasPrefix(data, bom) && !utf8.Valid(data[len(bom):]):
		data = data[len(bom):]
		fallthrough
	case !utf8.Valid(data):
		line := 1 + bytes.Count(data[:invalidAt(data)], []byte("\n"))
		out, _ := charmap.Windows1252.NewDecoder().Bytes(data)
		data = out
		warns = append(warns, site.Errorf(name, line, "file is not UTF-8: read as Windows-1252 (Latin-1); save it as UTF-8"))
	}
	data = bytes.TrimPrefix(data, bom)
	if bytes.IndexByte(data, '\r') >= 0 {
		// CRLF from Windows, and lone CR from old Mac editors, which
		// show it as a line end too.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, warns
}

// invalidAt returns the offset of the first byte that is not UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// split finds, decodes and cuts off the front matter of normalised data.
func split(name string, data []byte, loc *time.Location) (*frontMatter, []*site.Error, error) {
	fm := &frontMatter{body: data, bodyLine: 1}
	// Leading blank lines before the opening delimiter are allowed, as
	// in Hugo and adrg/frontmatter.
	off, line := 0, 1
	for off < len(data) {
		l := lineAt(data, off)
		if strings.TrimSpace(l) != "" {
			break
		}
		off += len(l) + 1
		line++
	}
	if off >= len(data) {
		return fm, nil, nil
	}
	first := strings.TrimRight(lineAt(data, off), " \t")
	if isJSONStart(first) {
		return splitJSON(name, data, off, line, fm)
	}
	var f *fence
	for i := range fences {
		if first == fences[i].open {
			f = &fences[i]
			break
		}
	}
	if f == nil {
		return fm, nil, nil
	}
	fm.format, fm.open = f.format, line
	start := off + len(lineAt(data, off)) + 1
	end, closeLine := -1, line
	for p := start; p < len(data); {
		l := lineAt(data, p)
		closeLine++
		t := strings.TrimRight(l, " \t")
		if t == f.close || f.format == "yaml" && t == "..." {
			end = p
			break
		}
		p += len(l) + 1
	}
	if end < 0 {
		return nil, nil, site.Errorf(name, line, "front matter opened by %q is never closed (want a %q line after it%s)", f.open, f.close, breakHint(f))
	}
	fm.close = closeLine
	raw := data[min(start, end):end]
	fm.body = data[min(end+len(lineAt(data, end))+1, len(data)):]
	fm.bodyLine = closeLine + 1
	var warns []*site.Error
	var err error
	switch f.format {
	case "yaml":
		warns, err = decodeYAML(name, raw, fm, loc)
		// Front matter does not start with a blank line; text after a
		// thematic break often does, and may even read as YAML
		// ("Il était une fois : …" is a key and a value).
		if f.open == "---" && start < end && strings.TrimSpace(lineAt(data, start)) == "" {
			if err != nil {
				err = hint(err, breakHint(f))
			} else if len(fm.values) > 0 {
				warns = append(warns, site.Errorf(name, line, `front matter starts with a blank line (if this "---" is a thematic break, write "***" instead)`))
			}
		}
	case "toml":
		err = decodeTOML(name, raw, fm, loc)
	case "json":
		fm.values, err = decodeJSON(name, raw, line+1)
		if err == nil {
			fm.lines, warns = jsonKeyLines(name, raw, line+1)
		}
	}
	if err != nil {
		return nil, warns, err
	}
	return fm, warns, nil
}

// breakHint helps the writer whose text starts with a "---" thematic break.
func breakHint(f *fence) string {
	if f.open != "---" {
		return ""
	}
	return `; to start the text with a thematic break, write "***"`
}

// hint appends a hint inside the parentheses that end a positioned error.
func hint(err error, h string) error {
	var se *site.Error
	if h == "" || !errors.As(err, &se) {
		return err
	}
	msg := se.Err.Error()
	if strings.Contains(msg, strings.TrimPrefix(h, "; ")) {
		return err
	}
	if strings.HasSuffix(msg, ")") {
		msg = msg[:len(msg)-1] + h + ")"
	} else {
		msg += " (" + strings.TrimPrefix(h, "; ") + ")"
	}
	return site.Errorf(se.Path, se.Line, "%s", msg)
}

// lineAt returns the line that starts at off, without its "\n".
func lineAt(data []byte, off int) string {
	rest := data[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return string(rest)
}

// normalizeValue gives every front-matter format the same Go types, so
// themes and JSON outputs see one shape: map[string]any, []any, int,
// float64, string, bool, time.Time. TOML local dates are read in loc.
func normalizeValue(v any, loc *time.Location) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeValue(e, loc)
		}
		return x
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeValue(e, loc)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = normalizeValue(e, loc)
		}
		return x
	case int64:
		return int(x)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case time.Time:
		return tomlLocal(x, loc)
	}
	return v
}

// joinPath builds the dotted key paths of frontMatter.lines.
func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}
