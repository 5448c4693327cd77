package content

import (
	"reflect"
	"testing"
	"time"

	"github.com/relais/relais/generator/site"
)

// fieldTests are the values of the fields relais reads, in every shape
// real front matter gives them; TestParseShapes runs them.
var fieldTests = []shapeTest{
	{
		name:  "title as a number",
		in:    "---\ntitle: 2019\n---\n",
		title: "2019", bodyLine: 4,
	},
	{
		name:  "title as a float keeps its digits",
		in:    "---\ntitle: 3.0\n---\n",
		title: "3.0", bodyLine: 4,
	},
	{
		name: "title as a list",
		in:   "---\ntitle: [a, b]\n---\n",
		err:  `content/posts/x.md:2: title: got a list (want text)`,
	},
	{
		name:  "nested YAML maps and odd keys",
		in:    "---\ntitle: x\ncSpell:ignore: APISIX\ncspell:ignore: autre\nsource:\n  author: Shea\n  meta: {lang: en, n: 2}\nissue: ~\nversion: 3.0\nlist: [1, null, b]\n---\n",
		title: "x", bodyLine: 12,
		check: func(t *testing.T, p *site.Page) {
			wantJSON(t, p.Params, `{"cSpell:ignore":"APISIX","cspell:ignore":"autre","issue":null,"list":[1,null,"b"],"source":{"author":"Shea","meta":{"lang":"en","n":2}},"version":3}`)
		},
	},
	{
		name:     "YAML anchors and merge keys",
		in:       "---\nbase: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n---\n",
		bodyLine: 7,
		check: func(t *testing.T, p *site.Page) {
			wantJSON(t, p.Params, `{"base":{"x":1,"y":2},"other":{"x":1,"y":3}}`)
		},
	},
	{
		name: "YAML that is a list",
		in:   "---\n- a\n- b\n---\n",
		err:  `content/posts/x.md:2: YAML front matter is a list (want key: value lines; to start the text with a thematic break, write "***")`,
	},
	{
		name: "every field",
		in: `---
title: "Réseaux sociaux : l’essentiel"
description: Un guide
summary: Résumé court
date: 2024-03-01 09:30
publishDate: 2024-03-02
lastmod: 2024-03-05T10:00:00+01:00
expiryDate: 2030-01-01
weight: "4"
author: Alice
authors: [Bob, {name: Chloé}]
images: ["https://img.example/a,b.png"]
cover: {image: cover.jpg, alt: "Une couverture"}
social:
  text: Lisez-moi
  Mastodon: Pour le fédivers
  hashtags: "#relais, blog"
  mentions: {x: ["@a", "@b"], mastodon: "@c@exemple.fr"}
linkTitle: Réseaux
---
`,
		title: "Réseaux sociaux : l’essentiel", bodyLine: 21,
		check: func(t *testing.T, p *site.Page) {
			if p.Description != "Un guide" {
				t.Errorf("Description = %q; want %q", p.Description, "Un guide")
			}
			wantDate(t, p.Date, time.Date(2024, 3, 1, 9, 30, 0, 0, paris))
			wantDate(t, p.Lastmod, time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC))
			wantDate(t, p.ExpiryDate, time.Date(2030, 1, 1, 0, 0, 0, 0, paris))
			if p.Weight != 4 {
				t.Errorf("Weight = %d; want 4", p.Weight)
			}
			wantList(t, "Authors", p.Authors, "Bob", "Chloé", "Alice")
			wantList(t, "Images", p.Images, "https://img.example/a,b.png", "cover.jpg")
			wantJSON(t, p.Params, `{"imageAlt":"Une couverture","linkTitle":"Réseaux","summary":"Résumé court"}`)
			want := site.Social{
				Text:     "Lisez-moi",
				Texts:    map[string]string{"mastodon": "Pour le fédivers"},
				Hashtags: []string{"relais", "blog"},
				Mentions: map[string][]string{"x": {"@a", "@b"}, "mastodon": {"@c@exemple.fr"}},
				Line:     14,
			}
			if !reflect.DeepEqual(p.Social, want) {
				t.Errorf("Social = %+v; want %+v", p.Social, want)
			}
		},
	},
	{
		name:     "social as text",
		in:       "---\nsocial: Un mot pour tous\n---\n",
		bodyLine: 4,
		check: func(t *testing.T, p *site.Page) {
			if p.Social.Text != "Un mot pour tous" {
				t.Errorf("Social.Text = %q; want %q", p.Social.Text, "Un mot pour tous")
			}
		},
	},
	{
		name: "social with a bad platform text",
		in:   "---\nsocial:\n  text: ok\n  x: [a, b]\n---\n",
		err:  `content/posts/x.md:4: social.x: got a list (want text)`,
	},
	{
		name: "bad image map",
		in:   "---\ntitle: x\ncover: {alt: sans image}\n---\n",
		err:  `content/posts/x.md:3: cover: an image map needs src (want {src: cover.jpg, alt: …})`,
	},
}
