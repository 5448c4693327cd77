package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/relais/relais/generator"
	"github.com/relais/relais/generator/output"
	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/social"
)

const socialHelp = `Usage: relais social [flags] [PATH…]

Prints, for each article, the post every platform wants, ready to paste,
with its length against the platform's limit. PATH is a content file
(content/posts/x.md or posts/x.md) or a page URL (/posts/x/); without
one, the newest article.

Flags:
      --platform NAME   only this platform (x, mastodon, bluesky, threads,
                        linkedin, facebook, instagram, pinterest); repeatable
                        as a comma-separated list
      --json            print the excerpts as JSON (the format of public/social/index.json)
` + siteFlagsHelp

func runSocial(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var platforms string
	var asJSON bool
	fs := newFlagSet("social", socialHelp, stdout, stderr)
	sf.register(fs)
	fs.StringVar(&platforms, "platform", "", "")
	fs.BoolVar(&asJSON, "json", false, "")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	opt, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "relais social: %v\n", err)
		return exitUsage
	}
	var names []string
	for _, n := range strings.Split(platforms, ",") {
		if n = strings.TrimSpace(strings.ToLower(n)); n != "" {
			if !knownPlatform(n) {
				fmt.Fprintf(stderr, "relais social: unknown platform %q (want one of %s)\n", n, strings.Join(platformNames(), ", "))
				return exitUsage
			}
			names = append(names, n)
		}
	}
	res, err := generator.Build(os.DirFS(opt.Root), opt)
	if err != nil {
		printErrors(stderr, err)
		return exitBuild
	}
	type found struct {
		s *site.Site
		p *site.Page
	}
	var picked []found
	if fs.NArg() == 0 {
		for _, s := range res.Sites {
			if l := s.Listed(); len(l) > 0 {
				picked = append(picked, found{s, l[0]})
				break
			}
		}
		if len(picked) == 0 {
			fmt.Fprintln(stderr, "relais social: no published article (use -F for scheduled ones, -D for drafts)")
			return exitBuild
		}
	}
	for _, arg := range fs.Args() {
		s, p := findPage(res.Sites, arg)
		if p == nil {
			fmt.Fprintf(stderr, "relais social: %s: no such published page (use -F for scheduled articles, -D for drafts)\n", arg)
			return exitBuild
		}
		picked = append(picked, found{s, p})
	}
	var items []social.Item
	for _, f := range picked {
		its, warns := output.SocialItems(f.s, []*site.Page{f.p}, output.SocialOptions(f.s.Config, generator.Typography(f.s.Config)))
		for _, w := range warns {
			fmt.Fprintf(stderr, "warning: %v\n", w)
		}
		items = append(items, its...)
	}
	if len(names) > 0 {
		for i := range items {
			var keep []social.Excerpt
			for _, e := range items[i].Excerpts {
				if slices.Contains(names, e.Platform) {
					keep = append(keep, e)
				}
			}
			items[i].Excerpts = keep
		}
	}
	if asJSON {
		b, err := social.JSON(items, social.SiteInfo{BaseURL: res.Sites[0].Config.BaseURL, Location: res.Sites[0].Config.Location})
		if err != nil {
			fmt.Fprintf(stderr, "relais social: %v\n", err)
			return exitBuild
		}
		stdout.Write(b)
		return exitOK
	}
	for i, it := range items {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprint(stdout, social.Format(it, names))
	}
	return exitOK
}

// findPage finds a page by content path or URL, in any language.
func findPage(sites []*site.Site, arg string) (*site.Site, *site.Page) {
	rel := filepath.ToSlash(filepath.Clean(arg))
	for _, s := range sites {
		for _, p := range s.Pages {
			if p.Path == rel || p.Path == "content/"+rel || p.URL == arg || p.URL == "/"+strings.Trim(arg, "/")+"/" {
				return s, p
			}
		}
	}
	return nil, nil
}

func knownPlatform(n string) bool { return slices.Contains(platformNames(), n) }

func platformNames() []string {
	var out []string
	for _, p := range social.Platforms {
		out = append(out, p.Name)
	}
	return out
}
