package output

import (
	"fmt"
	"html/template"
	"testing"
	"testing/fstest"
	"time"
	_ "time/tzdata" // Europe/Paris on machines without a zone database

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// The test site: two languages (French by default, English under /en/),
// a section with a few articles, tags with accents and spaces, a root
// page, an article with a translation and aliases, and a title full of
// characters that must be escaped: "quotes" <b> & co.

var parisZone = mustZone("Europe/Paris")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func parisTime(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, parisZone)
	if err != nil {
		panic(err)
	}
	return t
}

func pagesConfig() *site.Config {
	en := "/en"
	return &site.Config{
		BaseURL:         "https://example.org/",
		Title:           "Le blog du relais",
		Description:     "Publier chez soi, diffuser ailleurs.",
		LanguageCode:    "fr-FR",
		TimeZone:        "Europe/Paris",
		Paginate:        2,
		DefaultLanguage: "fr",
		Author:          site.Author{Name: "Camille Martin", URL: "https://example.org/about/", X: "@camille", Fediverse: "https://mastodon.social/@camille"},
		Taxonomies:      map[string]string{"tag": "tags", "category": "categories"},
		Markup:          site.Markup{Highlight: site.Highlight{Enabled: true}, TOCMinWords: 400},
		Social:          site.SocialConfig{Accounts: map[string]string{"x": "https://x.com/leblog", "mastodon": "@leblog@mastodon.social"}},
		Languages: map[string]site.LanguageConfig{
			"fr": {Title: "Le blog du relais", Weight: 1, LanguageCode: "fr-FR"},
			"en": {Title: "The relais blog", Description: "Publish on your own site, share everywhere.", Weight: 2, LanguageCode: "en-US", Prefix: &en},
		},
		Location: parisZone,
	}
}

func fixturePage(lang, path, url, title string, d time.Time) *site.Page {
	sec := ""
	if len(path) > len("content/posts/") && path[:len("content/posts/")] == "content/posts/" {
		sec = "posts"
	}
	return &site.Page{
		Path: path, URL: url, Lang: lang, Title: title, Date: d, Section: sec, Kind: site.KindPage,
		HTML:        template.HTML("<p>Le corps de « " + template.HTMLEscapeString(title) + " ».</p>"),
		Summary:     "Résumé de " + title,
		SummaryHTML: template.HTML("<p>Résumé de " + template.HTMLEscapeString(title) + "</p>"),
		WordCount:   120, ReadingTime: 1,
		Terms:  map[string][]string{},
		Params: map[string]any{},
	}
}

// pagesSites builds the test site as the build does, with site.New.
func pagesSites() []*site.Site {
	cfg := pagesConfig()
	quotes := fixturePage("fr", "content/posts/guillemets.md", "/posts/guillemets/", `"quotes" <b> & co`, parisTime("2026-11-22 09:30"))
	quotes.Description = `Un titre avec "guillemets", <balises> & esperluettes`
	quotes.Terms = map[string][]string{"tags": {"Réseaux sociaux", "Modération"}, "categories": {"Méthode"}}
	quotes.Aliases = []string{"/ancien/guillemets/", "/2026/guillemets.html"}
	quotes.Lastmod = parisTime("2026-11-24 18:00")
	quotes.WordCount, quotes.ReadingTime = 1150, 5
	quotes.TOC = `<nav class="toc">
<ul>
<li><a href="#pourquoi">Pourquoi publier chez soi</a>
<ul>
<li><a href="#mesurer">Mesurer</a></li>
</ul>
</li>
<li><a href="#outils">Les outils</a></li>
</ul>
</nav>`
	quotes.HTML = richBody
	quotes.Truncated = true
	quotes.Params = map[string]any{"x": "@camille_cm"}
	quotes.Image = &site.Image{URL: "https://example.org/posts/guillemets/card.png", Path: "posts/guillemets/card.png", Alt: `"quotes" <b> & co`, Width: 1200, Height: 630, Type: "image/png", Card: true}
	quotes.TranslationKey = "guillemets"

	charte := fixturePage("fr", "content/posts/charte.md", "/posts/charte/", "Charte de modération : le guide", parisTime("2026-01-01 08:00"))
	charte.Terms = map[string][]string{"tags": {"Modération"}, "categories": {"Méthode"}}
	charte.ReadingTime = 3
	kpi := fixturePage("fr", "content/posts/kpi.md", "/posts/kpi/", "Mesurer le ROI", parisTime("2025-06-15 12:00"))
	kpi.Terms = map[string][]string{"tags": {"Mesure"}}
	about := fixturePage("fr", "content/about.md", "/about/", "À propos", time.Time{})
	about.Section = ""
	home := fixturePage("fr", "content/_index.md", "/", "Accueil", time.Time{})
	home.Kind = site.KindSection
	home.HTML = "<p>Le blog des community managers qui publient chez eux.</p>"
	posts := fixturePage("fr", "content/posts/_index.md", "/posts/", "Articles", time.Time{})
	posts.Kind = site.KindSection

	hello := fixturePage("en", "content/posts/guillemets.en.md", "/en/posts/quotes/", `"Quotes" <b> & co`, parisTime("2026-11-23 10:00"))
	hello.Terms = map[string][]string{"tags": {"Social media"}}
	hello.TranslationKey = "guillemets"
	quotes.Translations = []*site.Page{hello}
	hello.Translations = []*site.Page{quotes}

	now := parisTime("2026-12-01 12:00")
	return site.New(cfg, []*site.Page{quotes, charte, kpi, about, home, posts, hello}, now)
}

// manyPosts is a one-language site with n articles, for pagination and
// benchmarks.
func manyPosts(n, per int) []*site.Site {
	cfg := pagesConfig()
	cfg.Languages = nil
	cfg.Paginate = per
	var pages []*site.Page
	start := parisTime("2020-01-01 08:00")
	for i := range n {
		p := fixturePage("fr", fmt.Sprintf("content/posts/p%05d.md", i), fmt.Sprintf("/posts/p%05d/", i), fmt.Sprintf("Article n°%d", i), start.Add(time.Duration(i)*time.Hour))
		p.Terms = map[string][]string{"tags": {fmt.Sprintf("Sujet %d", i%7), "Tous"}, "categories": {"Méthode"}}
		pages = append(pages, p)
	}
	return site.New(cfg, pages, start.AddDate(3, 0, 0))
}

func defaultTheme(t testing.TB, cfg *site.Config) *theme.Theme {
	t.Helper()
	th, err := theme.Load(fstest.MapFS{}, "", cfg)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// renderHTML runs the two outputs of this file pair into fresh Files.
func renderHTML(t testing.TB, sites []*site.Site) Files {
	t.Helper()
	th := defaultTheme(t, sites[0].Config)
	w := NewWriter()
	if err := renderPages(sites, th, w); err != nil {
		t.Fatal(err)
	}
	if err := renderSitemap(sites, th, w); err != nil {
		t.Fatal(err)
	}
	if len(w.errs) > 0 {
		t.Fatal(w.errs)
	}
	return w.files
}

// richBody is what the markdown stage makes of an article that uses most
// of Markdown: the theme has to style all of it.
const richBody = `<p>Publier d’abord sur son propre site, puis relayer vers les réseaux : c’est le principe du <a href="https://indieweb.org/POSSE">POSSE</a>. Le texte reste chez vous, les réseaux ne sont que des vitrines<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>
<h2 id="pourquoi">Pourquoi publier chez soi</h2>
<p>Trois raisons, par ordre d’importance&#160;:</p>
<ul>
<li>vous gardez vos archives, quoi qu’il arrive à une plateforme&#160;;</li>
<li>vos liens ne cassent pas&#160;;</li>
<li>vous mesurez vraiment ce qui se passe.</li>
</ul>
<blockquote>
<p>« Le meilleur moment pour planter un arbre, c’était il y a vingt ans. Le deuxième meilleur moment, c’est maintenant. »</p>
</blockquote>
<h3 id="mesurer">Mesurer</h3>
<table>
<thead>
<tr><th>Indicateur</th><th style="text-align:right">Janvier</th><th style="text-align:right">Février</th><th style="text-align:right">Mars</th><th>Commentaire</th></tr>
</thead>
<tbody>
<tr><td>Visites depuis Mastodon</td><td style="text-align:right">1 240</td><td style="text-align:right">1 380</td><td style="text-align:right">2 015</td><td>Après le fil sur la modération</td></tr>
<tr><td>Visites depuis Bluesky</td><td style="text-align:right">310</td><td style="text-align:right">655</td><td style="text-align:right">1 102</td><td>Croissance régulière</td></tr>
<tr><td>Abonnés RSS</td><td style="text-align:right">88</td><td style="text-align:right">97</td><td style="text-align:right">131</td><td>Le lien est maintenant dans le pied de page</td></tr>
</tbody>
</table>
<h2 id="outils">Les outils</h2>
<p>Un lien suivi ressemble à ceci, avec le code <code>utm_source</code> de chaque réseau&#160;:</p>
<pre class="chroma"><code class="language-shell" data-lang="shell">curl -I "https://example.org/posts/guillemets/?utm_source=mastodon&amp;utm_medium=social&amp;utm_campaign=guillemets"
</code></pre>
<figure><img src="/posts/guillemets/schema.svg" alt="Schéma : le site au centre, les réseaux autour" width="1200" height="630"><figcaption>Le site au centre, les réseaux autour.</figcaption></figure>
<p>Pour aller plus loin, lisez la <a href="/posts/charte/">charte de modération</a>.</p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>Une vitrine que vous louez, et dont le propriétaire change les règles quand il veut.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>`
