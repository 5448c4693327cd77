package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/relais/relais/generator/site"
)

// isJSONStart tells a JSON object from a body that happens to start with a
// brace: Hugo shortcodes ("{{< … >}}") and Liquid tags ("{% … %}").
func isJSONStart(line string) bool {
	if !strings.HasPrefix(line, "{") {
		return false
	}
	rest := strings.TrimLeft(line[1:], " \t")
	return rest == "" || rest[0] == '"' || rest[0] == '}'
}

// splitJSON reads one JSON object from the opening brace. Unlike
// adrg/frontmatter, it does not need a blank line after the object: the
// body starts on the line after the closing brace.
func splitJSON(name string, data []byte, off, line int, fm *frontMatter) (*frontMatter, []*site.Error, error) {
	fm.format, fm.open = "json", line
	dec := json.NewDecoder(bytes.NewReader(data[off:]))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, nil, site.Errorf(name, line, "JSON front matter opened by \"{\" is never closed (want a matching \"}\")")
		}
		return nil, nil, jsonError(name, data[off:], line, err)
	}
	end := off + int(dec.InputOffset())
	rest := lineAt(data, end)
	closeLine := line + bytes.Count(data[off:end], []byte("\n"))
	if len(bytes.TrimSpace(rest)) != 0 {
		return nil, nil, site.Errorf(name, closeLine, "text %q after the JSON front matter on the same line (want the body on the next line)", rest)
	}
	raw := data[off:end]
	values, err := decodeJSON(name, raw, line)
	if err != nil {
		return nil, nil, err
	}
	var warns []*site.Error
	fm.lines, warns = jsonKeyLines(name, raw, line)
	fm.values, fm.close = values, closeLine
	fm.body = data[min(end+len(rest)+1, len(data)):]
	fm.bodyLine = closeLine + 1
	return fm, warns, nil
}

// unmarshalJSON is the adrg/frontmatter decoder of JSON front matter
// between fences (";;;", "---json").
func unmarshalJSON(raw []byte, v any) error {
	d := v.(*decoding)
	d.fm.format = "json"
	first := d.fm.open + 1
	values, err := decodeJSON(d.name, raw, first)
	if err != nil {
		return err
	}
	lines, warns := jsonKeyLines(d.name, raw, first)
	d.fm.values, d.fm.lines = values, lines
	d.warns = append(d.warns, warns...)
	return nil
}

// decodeJSON decodes a JSON object; numbers become int when whole, as in
// YAML and TOML, so themes compare them the same way. first is the file
// line of raw's first byte.
func decodeJSON(name string, raw []byte, first int) (map[string]any, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, jsonError(name, raw, first, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, site.Errorf(name, first+bytes.Count(raw[:dec.InputOffset()], []byte("\n")), "invalid JSON front matter: more than one value (want one object)")
	}
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return map[string]any{}, nil
		}
		return nil, site.Errorf(name, first, "JSON front matter is not an object (want {\"key\": value, …})")
	}
	return normalizeValue(m, nil).(map[string]any), nil
}

// jsonError positions a JSON decoding error; first is the file line of
// data's first byte.
func jsonError(name string, data []byte, first int, err error) error {
	var se *json.SyntaxError
	off := int64(0)
	if errors.As(err, &se) {
		off = se.Offset
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		off = te.Offset
	}
	off = min(max(off-1, 0), int64(len(data)))
	line := first + bytes.Count(data[:off], []byte("\n"))
	return site.Errorf(name, line, "invalid JSON front matter: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKeyLines walks the tokens of a JSON object and records the line of
// every key, by dotted path, and warns about a key repeated in one object
// (encoding/json silently keeps the last). first is the file line of raw's
// first byte.
func jsonKeyLines(name string, raw []byte, first int) (map[string]int, []*site.Error) {
	lines := map[string]int{}
	var warns []*site.Error
	dec := json.NewDecoder(bytes.NewReader(raw))
	type frame struct {
		obj  bool
		key  bool // the next string token is a key
		path string
		seen map[string]int // keys of this object -> line
	}
	var stack []frame
	cur := ""
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return lines, warns
		}
		top := len(stack) - 1
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, frame{obj: t == '{', key: t == '{', path: cur, seen: map[string]int{}})
			default:
				stack = stack[:top]
				if top > 0 {
					cur = stack[top-1].path
					stack[top-1].key = stack[top-1].obj
				}
			}
			continue
		case string:
			if top >= 0 && stack[top].obj && stack[top].key {
				// The key starts at its quote, after any comma or space.
				at := int(start) + bytes.IndexByte(raw[start:], '"')
				line := first + bytes.Count(raw[:at], []byte("\n"))
				if prev, dup := stack[top].seen[t]; dup {
					warns = append(warns, site.Errorf(name, line, "key %q repeats the one on line %d: the last value is used", t, prev))
				}
				stack[top].seen[t] = line
				cur = joinPath(stack[top].path, t)
				if _, ok := lines[cur]; !ok {
					lines[cur] = line
				}
				stack[top].key = false
				continue
			}
		}
		if top >= 0 && stack[top].obj {
			stack[top].key = true
			cur = stack[top].path
		}
	}
}
