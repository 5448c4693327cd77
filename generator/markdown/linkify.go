package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's GFM extension (linkify, tables, strikethrough, task
// lists) with its linkify parser behind linkifyFilter.
type gfm struct{}

func (gfm) Extend(m goldmark.Markdown) {
	// As extension.GFM does, with extension.Linkify's own priority.
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkifyFilter{extension.NewLinkifyParser()}, 999),
	))
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// linkifyFilter passes to goldmark's linkify parser only the places where
// it can find a link. goldmark calls it at every space of the text, and
// it then reads the next word through its e-mail address rules; a page
// has a thousand words and a link or two. The filter answers nil, as the
// parser would, when the word neither starts like a URL ("http:",
// "https:", "ftp:", "www.") nor holds an "@" before its end: goldmark
// takes an address only from a run of ASCII letters, digits and symbols
// of at most 64 bytes, then "@".
//
// goldmark's parser is no parser.CloseBlocker (its CloseBlock method has
// another signature), so the filter need not be one either.
type linkifyFilter struct{ parser.InlineParser }

func (f linkifyFilter) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if line, _ := block.PeekLine(); !mayLinkify(line) {
		return nil
	}
	return f.InlineParser.Parse(parent, block, pc)
}

// mayLinkify tells whether goldmark's linkify parser may find a link at
// the start of line, past the trigger character.
func mayLinkify(line []byte) bool {
	if len(line) == 0 {
		return true // the parser's own answer, whatever it is
	}
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line = line[1:]
	}
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case 'h', 'f', 'w':
		return true
	}
	for i, c := range line[:min(len(line), 65)] {
		switch {
		case c == '@':
			return i > 0
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c >= utf8.RuneSelf:
			return false // no address goes past a space or a non-ASCII byte
		}
	}
	return false
}
