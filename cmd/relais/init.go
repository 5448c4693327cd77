package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relais/relais/generator/config"
	"github.com/relais/relais/generator/content"
)

const initHelp = `Usage: relais init DIR

Creates a new site in DIR (which must not exist or be empty): config.toml,
content/posts/ with one example article, and a .gitignore. The default
theme is built into relais, so no theme folder is needed.
`

// skeleton is the new site: French first, as most relais users write in French.
var skeleton = map[string]string{
	"config.toml": `# relais site configuration. Every key is documented in relais's README.
baseURL = "https://exemple.fr/"
title = "Mon blog"
description = "Le blog de notre communauté"
languageCode = "fr-FR"
timeZone = "Europe/Paris"
paginate = 10

[author]
name = "Votre nom"
# x = "@votrecompte"              # twitter:creator on shared links
# fediverse = "@vous@mastodon.social" # fediverse:creator on Mastodon previews

[taxonomies]
tag = "tags"
category = "categories"

[feeds]
content = "full" # or "summary"
limit = 20       # 0 = every article

[social.accounts]
# x = "@votrecompte"
# mastodon = "@vous@mastodon.social"
# bluesky = "vous.bsky.social"
`,
	"content/posts/bienvenue.md": `---
title: "Bienvenue sur votre blog"
date: {{DATE}}
description: "Le premier article de votre blog relais : modifiez-le, puis lancez relais build."
tags: ["Communauté"]
categories: ["Méthode"]
---

Votre blog est prêt. Écrivez vos articles en Markdown dans content/posts/,
puis lancez "relais serve" pour les voir dans le navigateur pendant que vous écrivez.

<!--more-->

## Et ensuite ?

- "relais new posts/mon-article.md" crée un article avec son en-tête ;
- "relais build" construit le site dans public/, à déposer chez n'importe quel hébergeur statique ;
- public/social/ contient pour chaque article le texte prêt à publier sur chaque réseau.
`,
	".gitignore": "/public/\n/.relais/\n",
}

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("init", initHelp, stdout, stderr)
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, "relais init: want one folder name (relais init myblog)\n")
		return exitUsage
	}
	dir := fs.Arg(0)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "relais init: %s already exists and is not empty; choose a new folder\n", dir)
		return exitUsage
	}
	date := time.Now().Format(time.RFC3339)
	for name, text := range skeleton {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(stderr, "relais init: %v\n", err)
			return exitBuild
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(text, "{{DATE}}", date)), 0o644); err != nil {
			fmt.Fprintf(stderr, "relais init: %v\n", err)
			return exitBuild
		}
	}
	fmt.Fprintf(stdout, "relais: new site in %s\n  cd %s && relais serve    # write, and see it live\n  relais build              # build public/\n", dir, dir)
	return exitOK
}

const newHelp = `Usage: relais new [-s DIR] PATH

Creates content/PATH (for example posts/mon-article.md) with its front
matter filled in: a title from the file name, the date now, draft: true.
A page bundle is made with a path ending in /index.md. Never overwrites.

Flags:
  -s, --source DIR   the site folder (default ".")
`

func runNew(args []string, stdout, stderr io.Writer) int {
	var source string
	fs := newFlagSet("new", newHelp, stdout, stderr)
	fs.StringVar(&source, "s", ".", "")
	fs.StringVar(&source, "source", ".", "")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, "relais new: want one path (relais new posts/mon-article.md)\n")
		return exitUsage
	}
	rel := filepath.ToSlash(filepath.Clean(fs.Arg(0)))
	rel = strings.TrimPrefix(rel, "content/")
	if strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) || rel == "." {
		fmt.Fprintf(stderr, "relais new: %s: want a path inside content/, like posts/mon-article.md\n", fs.Arg(0))
		return exitUsage
	}
	if ext := filepath.Ext(rel); ext != ".md" && ext != ".markdown" {
		rel += ".md"
	}
	cfg, _, err := config.Load(os.DirFS(source))
	if err != nil {
		fmt.Fprintf(stderr, "relais new: %v\n", err)
		return exitBuild
	}
	p := filepath.Join(source, "content", filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fmt.Fprintf(stderr, "relais new: %v\n", err)
		return exitBuild
	}
	name := rel
	if filepath.Base(rel) == "index.md" {
		name = filepath.Dir(rel)
	}
	text := fmt.Sprintf("---\ntitle: %q\ndate: %s\ndraft: true\ndescription: \"\"\ntags: []\ncategories: []\n---\n\n",
		content.TitleFromName(filepath.Base(name)), time.Now().In(cfg.Location).Format(time.RFC3339))
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(stderr, "relais new: %s already exists; nothing written\n", p)
		return exitBuild
	}
	if err != nil {
		fmt.Fprintf(stderr, "relais new: %v\n", err)
		return exitBuild
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		fmt.Fprintf(stderr, "relais new: %v\n", err)
		return exitBuild
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(stderr, "relais new: %v\n", err)
		return exitBuild
	}
	fmt.Fprintf(stdout, "relais: created %s (a draft: relais serve -D shows it, remove draft: true to publish)\n", p)
	return exitOK
}
