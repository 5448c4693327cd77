package content

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/relais/relais/generator/site"
)

// maxNodes bounds the values one front matter may expand to, so a file
// of nested YAML aliases ("billion laughs") cannot exhaust memory.
const maxNodes = 100_000

// maxDepth bounds nesting, which also stops alias cycles.
const maxDepth = 64

// yamlDecoder turns a yaml.v3 node tree into plain Go values.
type yamlDecoder struct {
	name   string
	base   int // file line of the opening delimiter: file line = base + node line
	loc    *time.Location
	lines  map[string]int
	raw    map[string]string
	warns  []*site.Error
	budget int
}

// value converts a node. Maps always come out as map[string]any, never
// yaml.v2's map[interface{}]interface{}, which encoding/json refuses. Dates
// stay text: ParseDate reads them in the site's zone, where yaml.v3 would
// read "2024-03-01" as midnight UTC.
func (d *yamlDecoder) value(n *yaml.Node, path string, depth int) (any, error) {
	d.budget--
	if d.budget < 0 {
		return nil, site.Errorf(d.name, d.base+n.Line, "YAML front matter expands to more than %d values (check its aliases)", maxNodes)
	}
	if depth > maxDepth {
		return nil, site.Errorf(d.name, d.base+n.Line, "YAML front matter is nested more than %d levels deep (check its aliases)", maxDepth)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return d.value(n.Alias, path, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return d.value(n.Content[0], path, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.value(c, path, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return d.mapping(n, path, depth)
	}
	return d.scalar(n)
}

// mapping converts a mapping, merging "<<" keys the way YAML 1.1 does: keys
// written in the mapping win over merged ones, whatever the order.
func (d *yamlDecoder) mapping(n *yaml.Node, path string, depth int) (any, error) {
	out := map[string]any{}
	written := map[string]int{} // key -> line where it was written
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		for k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			return nil, site.Errorf(d.name, d.base+k.Line, "YAML front matter has a %s as a key (want text)", kindName(k))
		}
		key := k.Value
		line := d.base + n.Content[i].Line
		full := joinPath(path, key)
		if first, dup := written[key]; dup {
			d.warns = append(d.warns, site.Errorf(d.name, line, "key %q repeats the one on line %d: the last value is used", key, first))
		} else {
			d.lines[full] = line
		}
		written[key] = line
		val, err := d.value(v, full, depth+1)
		if err != nil {
			return nil, err
		}
		out[key] = val
		if path == "" && v.Kind == yaml.ScalarNode {
			d.raw[key] = v.Value
		}
	}
	for _, m := range merges {
		srcs := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, s := range srcs {
			mv, err := d.value(s, path, depth+1)
			if err != nil {
				return nil, err
			}
			mm, ok := mv.(map[string]any)
			if !ok {
				return nil, site.Errorf(d.name, d.base+s.Line, "YAML merge key \"<<\" needs a mapping")
			}
			for k, v := range mm {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
	}
	return out, nil
}

// scalar resolves a scalar with yaml.v3's core schema, then gives every
// number the types TOML and JSON values get.
func (d *yamlDecoder) scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!timestamp":
		return n.Value, nil
	case "!!str":
		return n.Value, nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return nil, site.Errorf(d.name, d.base+n.Line, "invalid YAML value %q: %v", n.Value, err)
	}
	switch x := v.(type) {
	case int64:
		return int(x), nil
	case uint64:
		if x <= math.MaxInt {
			return int(x), nil
		}
		return float64(x), nil
	case []byte: // !!binary
		return string(x), nil
	case int, float64, bool, string, nil:
		return v, nil
	}
	return fmt.Sprint(v), nil
}

// yamlLine matches the position yaml.v3 puts in its messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlAnchor matches yaml.v3's message for an alias with no anchor, which
// carries no line.
var yamlAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// lineOf returns the 1-based line of the first occurrence of s in raw, or 1.
func lineOf(raw []byte, s string) int {
	i := bytes.Index(raw, []byte(s))
	if i < 0 {
		return 1
	}
	return 1 + bytes.Count(raw[:i], []byte("\n"))
}

// yamlParserErrors are the messages of yaml.v3's parser, as opposed to its
// scanner; the two count lines differently.
var yamlParserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// unmarshalYAML is the adrg/frontmatter decoder of YAML front matter.
func unmarshalYAML(raw []byte, v any) error {
	d := v.(*decoding)
	d.fm.format = "yaml"
	warns, err := decodeYAML(d.name, raw, d.fm, d.loc)
	d.warns = append(d.warns, warns...)
	return err
}

// unmarshalDashes decodes YAML opened by "---", which may be a thematic
// break instead. Front matter does not start with a blank line; text
// after a thematic break often does, and may even read as YAML ("Il
// était une fois : …" is a key and a value).
func unmarshalDashes(raw []byte, v any) error {
	d := v.(*decoding)
	err := unmarshalYAML(raw, v)
	first, _, _ := bytes.Cut(raw, []byte("\n"))
	if len(raw) == 0 || len(bytes.TrimSpace(first)) != 0 {
		return err
	}
	if err != nil {
		return hint(err, thematicBreak)
	}
	if len(d.fm.values) > 0 {
		d.warns = append(d.warns, site.Errorf(d.name, d.fm.open, `front matter starts with a blank line (if this "---" is a thematic break, write "***" instead)`))
	}
	return nil
}

// decodeYAML decodes YAML front matter through yaml.v3's node tree, which
// keeps each key's line and lets relais warn about repeated keys instead
// of silently keeping the last one.
func decodeYAML(name string, raw []byte, fm *frontMatter, loc *time.Location) ([]*site.Error, error) {
	base := fm.open // file line = base + YAML line
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		msg := err.Error()
		// yaml.v3 leaves the line out when the problem is on the first one.
		line := 1
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
			// Parser errors give the line counted from 0, scanner
			// errors from 1 (yaml.v3's parser.fail).
			if yamlParserErrors[msg] {
				line++
			}
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
			if m := yamlAnchor.FindStringSubmatch(msg); m != nil {
				line = lineOf(raw, "*"+m[1])
			}
		}
		line = min(base+max(line, 1), fm.close)
		if strings.Contains(msg, "mapping values are not allowed") {
			msg += `; quote a value that contains ": "`
		}
		return nil, site.Errorf(name, line, "invalid YAML front matter: %s", msg)
	}
	d := &yamlDecoder{name: name, base: base, loc: loc, lines: map[string]int{}, raw: map[string]string{}, budget: maxNodes}
	fm.values, fm.lines, fm.raw = map[string]any{}, d.lines, d.raw
	if len(doc.Content) == 0 { // empty, or only comments
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, site.Errorf(name, base+root.Line, "YAML front matter is a %s (want key: value lines%s)", kindName(root), thematicBreak)
	}
	v, err := d.value(root, "", 0)
	if err != nil {
		return d.warns, err
	}
	fm.values = v.(map[string]any)
	return d.warns, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		v := n.Value
		if r := []rune(v); len(r) > 40 {
			v = string(r[:40]) + "…"
		}
		return fmt.Sprintf("single value %q", v)
	}
	return "value"
}
