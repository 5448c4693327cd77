package generator

import (
	"errors"
	"hash/maphash"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/themes"
)

// templateLayer is one place theme.Load looks for templates and
// translations, in its order: the site, the named theme, the default one.
type templateLayer struct {
	fsys     fs.FS
	dir      string
	embedded bool
}

func templateLayers(src fs.FS, cfg *site.Config) []templateLayer {
	out := []templateLayer{{fsys: src, dir: "."}}
	if cfg.Theme != "" && cfg.Theme != "default" {
		out = append(out, templateLayer{fsys: src, dir: path.Join("themes", cfg.Theme)})
	}
	return append(out, templateLayer{fsys: themes.FS, dir: "default", embedded: true})
}

// layoutDigests fingerprints each page layout with everything it may run,
// for output.Extra.Layouts: its own file in every layer, and everything
// shared (baseof.html, the partials, the translations), so that a changed
// partial renders every page again and a changed term.html only the terms.
//
// opaque reports templates other than relais's own that name a field
// leading to pages the output stage does not track for each page (.Site,
// .Pages, .Prev…): every page then depends on every other one, which is
// always right, and slower.
func layoutDigests(src fs.FS, cfg *site.Config) (layouts map[string]uint64, opaque bool) {
	type found struct{ name, file string }
	var shared maphash.Hash
	shared.SetSeed(layoutSeed)
	own := map[string]*maphash.Hash{}
	for _, l := range templateLayers(src, cfg) {
		for _, sub := range []string{"layouts", "i18n"} {
			root := path.Join(l.dir, sub)
			var files []string
			err := fs.WalkDir(l.fsys, root, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					if p == root && errors.Is(err, fs.ErrNotExist) {
						return fs.SkipDir
					}
					return err
				}
				if !d.IsDir() {
					files = append(files, p)
				}
				return nil
			})
			if err != nil {
				opaque = true // theme.Load reports it
			}
			slices.Sort(files)
			for _, f := range files {
				b, err := fs.ReadFile(l.fsys, f)
				if err != nil {
					opaque = true
					continue
				}
				name := strings.TrimPrefix(f, root+"/")
				h := &shared
				if sub == "layouts" && strings.HasSuffix(name, ".html") && !isPartial(name) && name != "baseof.html" {
					if own[name] == nil {
						own[name] = new(maphash.Hash)
						own[name].SetSeed(layoutSeed)
					}
					h = own[name]
				}
				h.WriteString(f)
				h.WriteByte(0)
				h.Write(b)
				if sub == "layouts" && !l.embedded && strings.HasSuffix(name, ".html") && reachesPages(f, string(b)) {
					opaque = true
				}
			}
		}
	}
	base := shared.Sum64()
	layouts = make(map[string]uint64, len(own))
	for name, h := range own {
		h.WriteString("\x00shared")
		var n [8]byte
		for i := range n {
			n[i] = byte(base >> (8 * i))
		}
		h.Write(n[:])
		layouts[name] = h.Sum64()
	}
	return layouts, opaque
}

var layoutSeed = maphash.MakeSeed()

func isPartial(name string) bool { return strings.HasPrefix(name, "partials/") }

// reaching are the fields through which a template reaches pages other
// than the one it renders and its list entries: the site's lists, a
// page's neighbours and translations, a section's or a term's pages. The
// default theme uses some of them in ways the output stage tracks; a
// template of the site's own that names one may show anything.
var reaching = map[string]bool{
	"Site": true, "Pages": true, "Prev": true, "Next": true, "Translations": true,
	"Section": true, "Sections": true, "Taxonomy": true, "Taxonomies": true,
	"Years": true, "Common": true, "Listed": true,
}

// reachesPages reports whether a template file names a reaching field.
// A file that does not parse does too: theme.Load reports its error.
func reachesPages(name, text string) bool {
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return true
	}
	for _, tr := range trees {
		if tr.Root != nil && reaches(tr.Root) {
			return true
		}
	}
	return false
}

func reaches(n parse.Node) bool {
	any := func(ns ...parse.Node) bool {
		for _, x := range ns {
			if x != nil && !isNilNode(x) && reaches(x) {
				return true
			}
		}
		return false
	}
	names := func(ids []string) bool { return slices.ContainsFunc(ids, func(s string) bool { return reaching[s] }) }
	switch x := n.(type) {
	case *parse.ListNode:
		for _, c := range x.Nodes {
			if reaches(c) {
				return true
			}
		}
	case *parse.ActionNode:
		return any(x.Pipe)
	case *parse.PipeNode:
		for _, c := range x.Cmds {
			if reaches(c) {
				return true
			}
		}
	case *parse.CommandNode:
		return any(x.Args...)
	case *parse.IfNode:
		return any(x.Pipe, x.List, x.ElseList)
	case *parse.RangeNode:
		return any(x.Pipe, x.List, x.ElseList)
	case *parse.WithNode:
		return any(x.Pipe, x.List, x.ElseList)
	case *parse.TemplateNode:
		return any(x.Pipe)
	case *parse.FieldNode:
		return names(x.Ident)
	case *parse.ChainNode:
		return names(x.Field) || any(x.Node)
	case *parse.VariableNode:
		return names(x.Ident[1:])
	}
	return false
}

// isNilNode tells a typed nil (an absent else branch) from a node.
func isNilNode(n parse.Node) bool {
	switch x := n.(type) {
	case *parse.ListNode:
		return x == nil
	case *parse.PipeNode:
		return x == nil
	}
	return false
}
