package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/relais/relais/generator/site"
)

// frontMatter is one file split into its decoded front matter and its body.
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

// fence is a front-matter format: adrg/frontmatter's opening and closing
// lines and the decoder it calls between them.
type fence struct {
	*frontmatter.Format
	// alt is a second closing line: YAML's document end "...", which
	// Jekyll accepts.
	alt string
}

// fences are the delimiters relais recognises: Hugo's, Jekyll's and
// Zola's, plus the explicit ones adrg/frontmatter introduced. No blank
// line is required after any of them, and the decoders see only the lines
// between the delimiters.
var fences = []*fence{
	{frontmatter.NewFormat("---", "---", unmarshalDashes), "..."},
	{frontmatter.NewFormat("+++", "+++", unmarshalTOML), ""},
	{frontmatter.NewFormat("---yaml", "---", unmarshalYAML), "..."},
	{frontmatter.NewFormat("---toml", "---", unmarshalTOML), ""},
	{frontmatter.NewFormat("---json", "---", unmarshalJSON), ""},
	{frontmatter.NewFormat(";;;", ";;;", unmarshalJSON), ""},
}

// formats are the fences as frontmatter.Parse takes them.
var formats = func() []*frontmatter.Format {
	out := make([]*frontmatter.Format, len(fences))
	for i, f := range fences {
		out[i] = f.Format
	}
	return out
}()

// decoding is what frontmatter.Parse passes to relais's decoders: the
// file they read and where their results go.
type decoding struct {
	fm    *frontMatter
	name  string
	loc   *time.Location
	warns []*site.Error
}

// readers lend frontmatter.Parse its buffered reader, which bufio then
// uses as it is, rather than allocating 4 KB for each file.
var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// fenceFor returns the fence a line opens, or nil. The line must start
// with the delimiter; blanks after it are allowed.
func fenceFor(line []byte) *fence {
	t := bytes.TrimRight(line, " \t")
	for _, f := range fences {
		if string(t) == f.Start {
			return f
		}
	}
	return nil
}

// closing finds the line that closes f in data, from offset start. It
// returns the line's offset, or -1, and how many lines after the opening
// one it is. ambiguous is true when adrg/frontmatter would not close on
// that line: it stops at an earlier line that only trimming turns into
// the delimiter, or the line is f.alt.
func (f *fence) closing(data []byte, start int) (end, n int, ambiguous bool) {
	for p := start; p < len(data); p += len(lineAt(data, p)) + 1 {
		l := lineAt(data, p)
		t := bytes.TrimRight(l, " \t")
		n++
		switch {
		case string(t) == f.End:
			return p, n, ambiguous
		case f.alt != "" && string(t) == f.alt:
			return p, n, true
		case string(bytes.TrimSpace(l)) == f.End:
			ambiguous = true
		}
	}
	return -1, 0, false
}

// unambiguous rewrites the closing line at end into a mark that no line
// of the front matter (data[start:end]) holds, and returns the data and
// the format that closes on the mark. The closing line reaches neither
// the decoder nor the body, so nothing else changes.
func (f *fence) unambiguous(data []byte, start, end int) ([]byte, []*frontmatter.Format) {
	mark := "relais:end"
	for bytes.Contains(data[start:end], []byte(mark)) {
		mark += ":end"
	}
	in := make([]byte, 0, len(data)+len(mark))
	in = append(in, data[:end]...)
	in = append(in, mark...)
	in = append(in, data[end+len(lineAt(data, end)):]...)
	g := *f.Format
	g.End = mark
	return in, []*frontmatter.Format{&g}
}

// split finds, decodes and cuts off the front matter of normalised data.
//
// relais reads front matter through adrg/frontmatter. Its Format table
// (fences) names the lines that open and close front matter and the
// decoder each format calls: frontmatter.Parse finds the opening line,
// picks the format, finds the closing line and hands the lines between to
// relais's own decoders, with the file they belong to passed as Parse's
// value (*decoding): yaml.v3 nodes, so keys keep their lines and a
// repeated key is reported; BurntSushi/toml, for TOML 1.0; encoding/json.
//
// The library alone would lose what writers rely on, so split checks the
// file first and hands it over only where both read it the same way:
//   - normalize strips a byte order mark, which would hide the opening
//     line, and turns CRLF, UTF-16 and Windows-1252 into UTF-8 lines;
//   - the library trims lines before comparing them, so "  ---" would
//     open front matter: split wants the delimiter at the start of the
//     line, as relais always has, and calls the library only then;
//   - a block that is never closed, which the library returns as body
//     without a word, is an error at its opening line;
//   - the library keeps no offsets, so split counts the opening and
//     closing lines itself, for error lines and BodyLine;
//   - trimming also makes an indented "---" inside a YAML block scalar
//     close the front matter, and the library knows one closing line per
//     format, so YAML's document end "..." cannot close it: when either
//     happens, split rewrites the real closing line into a mark found
//     nowhere in the front matter, which neither decoder nor body sees;
//   - the library copies all it reads, so it gets the file only up to
//     the end of the closing line, the body is the rest, and it must read
//     all it gets: a cut anywhere else is an error, never a silent skip;
//   - a JSON object without fences is read by encoding/json (splitJSON):
//     the library's "{" format ends it at the first line holding only "}"
//     followed by a blank line, which cuts a nested object short, and
//     misses an object on one line or a body right after the brace.
func split(name string, data []byte, loc *time.Location) (*frontMatter, []*site.Error, error) {
	fm := &frontMatter{body: data, bodyLine: 1}
	// Leading blank lines before the opening delimiter are allowed, as
	// in Hugo and adrg/frontmatter.
	off, line := 0, 1
	for off < len(data) {
		l := lineAt(data, off)
		if len(bytes.TrimSpace(l)) != 0 {
			break
		}
		off += len(l) + 1
		line++
	}
	if off >= len(data) {
		return fm, nil, nil
	}
	first := lineAt(data, off)
	if isJSONStart(string(bytes.TrimRight(first, " \t"))) {
		return splitJSON(name, data, off, line, fm)
	}
	f := fenceFor(first)
	if f == nil {
		return fm, nil, nil
	}
	start := off + len(first) + 1
	end, n, ambiguous := f.closing(data, start)
	if end < 0 {
		return nil, nil, site.Errorf(name, line, "front matter opened by %q is never closed (want a %q line after it%s)", f.Start, f.End, breakHint(f.Start))
	}
	fm.open, fm.close, fm.bodyLine = line, line+n, line+n+1
	bodyAt := min(end+len(lineAt(data, end))+1, len(data))
	in, fs := data[:bodyAt], formats
	if ambiguous {
		in, fs = f.unambiguous(in, start, end)
	}
	d := &decoding{fm: fm, name: name, loc: loc}
	br := readers.Get().(*bufio.Reader)
	br.Reset(bytes.NewReader(in))
	rest, err := frontmatter.Parse(br, d, fs...)
	br.Reset(nil)
	readers.Put(br)
	if err != nil {
		return nil, d.warns, err
	}
	if fm.format == "" || len(rest) != 0 {
		return nil, d.warns, site.Errorf(name, line, "front matter opened by %q could not be read: %w", f.Start, errCut)
	}
	fm.body = data[bodyAt:]
	return fm, d.warns, nil
}

// errCut is split's error when adrg/frontmatter ends front matter on
// another line than split: the checks before the library rule it out,
// and front matter is never skipped, or kept as body, silently.
var errCut = errors.New("where it ends is unclear")

// thematicBreak helps the writer whose text starts with a "---" thematic
// break, which reads as front matter.
const thematicBreak = `; to start the text with a thematic break, write "***"`

// breakHint returns thematicBreak for front matter opened by "---".
func breakHint(open string) string {
	if open != "---" {
		return ""
	}
	return thematicBreak
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
func lineAt(data []byte, off int) []byte {
	rest := data[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return rest
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
