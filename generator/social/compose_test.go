package social

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/relais/relais/generator/social/count"
)

const (
	question = "Comment écrire une charte que les membres liront ?"
	// fediverse has sentences: X must cut it at one.
	fediverse = "Le Fediverse grandit. Chaque mois, des milliers de personnes quittent les grandes plateformes " +
		"pour des instances à taille humaine ; les community managers doivent suivre. Mais comment animer une " +
		"communauté sans algorithme ? Nous avons interrogé douze équipes qui publient sur Mastodon depuis trois ans. " +
		"Leurs réponses surprennent : moins de publications, plus de conversations."
	// oneSentence has no end before the limit: X must cut it at a word.
	oneSentence = "Une charte de modération réussie tient en peu de mots, se lit en deux minutes, se discute avec " +
		"les membres avant d’être publiée, se relit chaque année avec l’équipe de modération et les membres les plus " +
		"actifs, et sert de référence commune quand un conflit éclate entre deux personnes qui ne se connaissent pas"
)

func TestComposeShort(t *testing.T) {
	tests := []struct {
		name     string
		post     Post
		opt      Options
		platform string
		want     string
		length   int
	}{
		{
			name: "description, link, two hashtags", platform: "x",
			post: post(func(p *Post) { p.Description = question }),
			want: question + "\n\n" + utm("x") + "\n\n#Modération #Communauté", length: 100,
		},
		{
			name: "narrow no-break space weighs 2 on X", platform: "x",
			post: post(func(p *Post) { p.Description = question }), opt: Options{Typography: frenchTypo},
			want: strings.Replace(question, " ?", "\u202F?", 1) + "\n\n" + utm("x") + "\n\n#Modération #Communauté", length: 101,
		},
		{
			name: "hashtags dropped before the text is cut", platform: "x",
			post: post(func(p *Post) { p.Description = strings.Repeat("Modérer. ", 27) + "Voilà." }),
			want: strings.Repeat("Modérer. ", 27) + "Voilà.\n\n" + utm("x"), length: 274,
		},
		{
			name: "cut at a sentence, hashtags back in the room left", platform: "x",
			post: post(func(p *Post) { p.Description = fediverse }), opt: Options{Typography: frenchTypo},
			want: "Le Fediverse grandit. Chaque mois, des milliers de personnes quittent les grandes plateformes " +
				"pour des instances à taille humaine\u202F; les community managers doivent suivre. Mais comment animer une " +
				"communauté sans algorithme\u202F?\n\n" + utm("x") + "\n\n#Modération #Communauté",
			length: 275,
		},
		{
			name: "cut at a word with an ellipsis", platform: "x",
			post: post(func(p *Post) { p.Description = oneSentence }),
			want: "Une charte de modération réussie tient en peu de mots, se lit en deux minutes, se discute avec " +
				"les membres avant d’être publiée, se relit chaque année avec l’équipe de modération et les membres les plus " +
				"actifs, et sert de référence commune quand un…\n\n" + utm("x"),
			length: 275,
		},
		{
			name: "a word longer than the post falls back to the title", platform: "x",
			post: post(func(p *Post) { p.Description = strings.Repeat("anticonstitutionnellement", 12) }),
			want: "Charte de modération\n\n" + utm("x") + "\n\n#Modération #Communauté", length: 70,
		},
		{
			name: "Japanese is cut between characters", platform: "x",
			post: post(func(p *Post) {
				p.Lang, p.Tags = "ja", nil
				p.Description = strings.Repeat("日本語の文章です", 20)
			}),
			want: strings.Repeat("日本語の文章です", 15) + "日本語の文章…\n\n" + utm("x"), length: 279,
		},
		{
			name: "emoji weigh 2", platform: "x",
			post: post(func(p *Post) { p.Description = "📣 Nouvelle charte 👩🏽‍💻" }),
			want: "📣 Nouvelle charte 👩🏽‍💻\n\n" + utm("x") + "\n\n#Modération #Communauté", length: 71,
		},
		{
			name: "hand-written text keeps its hashtag and gets one more", platform: "x",
			post: post(func(p *Post) { p.Texts = map[string]string{"x": "Nouvelle charte ! #modération"} }),
			want: "Nouvelle charte ! #modération\n\n" + utm("x") + "\n\n#Communauté", length: 67,
		},
		{
			name: "link placeholder in a hand-written text", platform: "x",
			post: post(func(p *Post) { p.Text = "Notre charte : {link} (à partager)" }),
			want: "Notre charte : " + utm("x") + " (à partager)\n\n#Modération #Communauté", length: 76,
		},
		{
			name: "social.x wins over social.text", platform: "x",
			post: post(func(p *Post) {
				p.Text = "Pour tous"
				p.Texts = map[string]string{"x": "Pour X"}
			}),
			want: "Pour X\n\n" + utm("x") + "\n\n#Modération #Communauté", length: 56,
		},
		{
			name: "Mastodon: mentions before hashtags, remote mention counted short", platform: "mastodon",
			post: post(func(p *Post) {
				p.Description = question
				p.Mentions = map[string][]string{"mastodon": {"@alice@piaille.fr"}}
			}),
			want:   question + "\n\n" + utm("mastodon") + "\n\n@alice@piaille.fr #Modération #Communauté #RéseauxSociaux",
			length: 50 + 2 + 23 + 2 + 6 + 1 + 39,
		},
		{
			name: "Mastodon: an instance's own limit", platform: "mastodon",
			post: post(func(p *Post) { p.Description = fediverse }), opt: Options{Limits: map[string]int{"mastodon": 100}},
			want: "Le Fediverse grandit.\n\n" + utm("mastodon") + "\n\n#Modération #Communauté #RéseauxSociaux", length: 87,
		},
		{
			name: "Bluesky: the link shortened as the app shows it", platform: "bluesky",
			post: post(func(p *Post) { p.Description = question }),
			want: question + "\n\nexemple.fr/blog/charte/...\n\n#Modération #Communauté #RéseauxSociaux", length: 119,
		},
		{
			name: "Threads: one topic", platform: "threads",
			post: post(func(p *Post) { p.Description = question + " 🎉" }),
			want: question + " 🎉\n\n" + utm("threads") + "\n\n#Modération", length: 50 + 1 + 4 + 2 + 88 + 2 + 11,
		},
		{
			name: "hashtags from social.hashtags, not the tags", platform: "x",
			post: post(func(p *Post) {
				p.Description = question
				p.Hashtags = []string{"#FêteDeLaMusique", "fête de la musique", "2026"}
			}),
			want: question + "\n\n" + utm("x") + "\n\n#FêteDeLaMusique", length: 93,
		},
		{
			name: "no text at all: the title", platform: "x",
			post: post(nil),
			want: "Charte de modération\n\n" + utm("x") + "\n\n#Modération #Communauté", length: 70,
		},
		{
			name: "no hashtags when the maximum is 0", platform: "x",
			post: post(func(p *Post) { p.Description = question }), opt: Options{HashtagMax: map[string]int{"x": 0}},
			want: question + "\n\n" + utm("x"), length: 75,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := one(t, tt.post, tt.opt, tt.platform)
			if e.Text != tt.want {
				t.Errorf("Compose(%s).Text = %q; want %q", tt.platform, e.Text, tt.want)
			}
			if e.Length != tt.length || !e.Valid {
				t.Errorf("Compose(%s) = %d/%d valid %v %q; want %d, valid", tt.platform, e.Length, e.Limit, e.Valid, e.Problems, tt.length)
			}
		})
	}
}

func TestHandWrittenTooLong(t *testing.T) {
	long := strings.Repeat("Un texte écrit à la main, beaucoup trop long pour X. ", 6)
	p := post(func(p *Post) { p.Texts = map[string]string{"x": long, "bluesky": "Court."} })
	ex, ws := Compose(p, Options{})
	var x, bsky Excerpt
	for _, e := range ex {
		switch e.Platform {
		case "x":
			x = e
		case "bluesky":
			bsky = e
		}
	}
	want := strings.TrimSpace(long) + "\n\n" + utm("x")
	if x.Text != want {
		t.Errorf("x text = %q; want %q (not cut)", x.Text, want)
	}
	if x.Valid || x.Length != 342 || len(x.Problems) != 1 || x.Problems[0] != "hand-written text is 342/280 with the link: 62 too many" {
		t.Errorf("x = valid %v, %d, %q; want invalid, 342, one problem", x.Valid, x.Length, x.Problems)
	}
	if !bsky.Valid || !strings.HasPrefix(bsky.Text, "Court.") {
		t.Errorf("bluesky = %v %q; want its own text, valid", bsky.Valid, bsky.Text)
	}
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	wantW := []string{"content/posts/charte.md:3: social.x: hand-written text is 342/280 with the link: 62 too many"}
	if !slices.Equal(got, wantW) {
		t.Errorf("warnings = %q; want %q", got, wantW)
	}
}

func TestComposeBluesky(t *testing.T) {
	p := post(func(p *Post) {
		p.Text = "Notre charte, et celle de https://autre.fr/charte #Inspiration"
		p.Tags = []string{"modération", "Communauté"}
	})
	e := one(t, p, Options{}, "bluesky")
	wantText := "Notre charte, et celle de https://autre.fr/charte #Inspiration\n\nexemple.fr/blog/charte/...\n\n#Modération #Communauté"
	if e.Text != wantText {
		t.Fatalf("text = %q; want %q", e.Text, wantText)
	}
	want := []struct{ text, typ, value string }{
		{"https://autre.fr/charte", "link", "https://autre.fr/charte"},
		{"#Inspiration", "tag", "Inspiration"},
		{"exemple.fr/blog/charte/...", "link", utm("bluesky")},
		{"#Modération", "tag", "Modération"},
		{"#Communauté", "tag", "Communauté"},
	}
	if len(e.Facets) != len(want) {
		t.Fatalf("facets = %+v; want %d", e.Facets, len(want))
	}
	for i, f := range e.Facets {
		got := e.Text[f.ByteStart:f.ByteEnd]
		value := f.URI
		if f.Type == "tag" {
			value = f.Tag
		}
		if got != want[i].text || f.Type != want[i].typ || value != want[i].value {
			t.Errorf("facet %d = %q %s %q; want %q %s %q", i, got, f.Type, value, want[i].text, want[i].typ, want[i].value)
		}
	}
	// "#Modération" starts after the é of a multi-byte character: offsets are bytes
	if f := e.Facets[3]; f.ByteStart != strings.Index(e.Text, "#Mod") {
		t.Errorf("tag facet at byte %d; want %d", f.ByteStart, strings.Index(e.Text, "#Mod"))
	}
	if got, want := e.Paste(), strings.Replace(e.Text, "exemple.fr/blog/charte/...", utm("bluesky"), 1); got != want {
		t.Errorf("Paste() = %q; want %q", got, want)
	}
}

func TestComposeChecks(t *testing.T) {
	six := "https://a.fr https://b.fr https://c.fr https://d.fr https://e.fr"
	e := one(t, post(func(p *Post) { p.Texts = map[string]string{"threads": "Six liens : " + six} }), Options{}, "threads")
	if e.Valid || !slices.Contains(e.Problems, "6 links; Threads takes at most 5") {
		t.Errorf("threads with six links: valid %v, %q; want invalid", e.Valid, e.Problems)
	}
	tags := "#a1 #b2 #c3 #d4 #e5 #f6"
	e = one(t, post(func(p *Post) { p.Texts = map[string]string{"instagram": "Six hashtags " + tags} }), Options{}, "instagram")
	if e.Valid || !slices.Contains(e.Problems, "6 hashtags; Instagram takes at most 5") {
		t.Errorf("instagram with six hashtags: valid %v, %q; want invalid", e.Valid, e.Problems)
	}
	big := strings.Repeat("日本語", 110) // 330 graphemes, 990 bytes
	e = one(t, post(func(p *Post) { p.Texts = map[string]string{"bluesky": big} }), Options{}, "bluesky")
	if e.Valid || e.Problems[0] != "hand-written text is 358/300 with the link: 58 too many" {
		t.Errorf("bluesky over 300 graphemes: valid %v, %q", e.Valid, e.Problems)
	}
	bytes := strings.Repeat("👩🏽‍💻", 201) // 201 graphemes, 3,015 bytes
	e = one(t, post(func(p *Post) { p.Texts = map[string]string{"bluesky": bytes} }), Options{}, "bluesky")
	if e.Valid || !strings.HasSuffix(e.Problems[0], "bytes; Bluesky takes at most 3000") {
		t.Errorf("bluesky over 3,000 bytes: valid %v, %q", e.Valid, e.Problems)
	}
}

func TestComposeLong(t *testing.T) {
	paras := []string{
		"Le Fediverse grandit. Chaque mois, des milliers de personnes quittent les grandes plateformes.",
		"Une charte de modération n’est pas un règlement intérieur. C’est un contrat entre les membres et l’équipe.",
		"Commencez par les valeurs : trois ou quatre, pas plus.",
		"Ensuite, les règles concrètes, chacune reliée à une valeur.",
		"Enfin, les sanctions, graduées et publiques.",
		"Dernier paragraphe, qui ne doit pas paraître.",
	}
	p := post(func(p *Post) {
		p.Summary = paras[0]
		p.Paragraphs = paras
		p.Tags = []string{"modération", "communauté", "réseaux sociaux", "Fediverse", "Mastodon", "Bluesky"}
	})
	for _, name := range []string{"linkedin", "facebook", "instagram"} {
		t.Run(name, func(t *testing.T) {
			pl, _ := Lookup(name)
			e := one(t, p, Options{}, name)
			parts := strings.Split(e.Text, "\n\n")
			link := utm(name)
			if pl.Link == LinkNone {
				link = "👉 Lien en bio"
			}
			want := []string{paras[0], paras[1], paras[2], paras[3], paras[4], link, strings.Join(hashtags(p)[:pl.Hashtags], " ")}
			if !slices.Equal(parts, want) {
				t.Errorf("parts = %q; want %q", parts, want)
			}
			if n := pl.Count(parts[0]); n > pl.Fold {
				t.Errorf("hook is %d; want within the fold, %d", n, pl.Fold)
			}
			if !e.Valid || e.Length != pl.Count(e.Text) {
				t.Errorf("valid %v, length %d; want valid", e.Valid, e.Length)
			}
			if name == "instagram" && strings.Contains(e.Text, "https://") {
				t.Errorf("instagram text has a URL: %q", e.Text)
			}
			if e.Link != utm(name) {
				t.Errorf("link = %q; want %q", e.Link, utm(name))
			}
		})
	}
}

func TestComposeLongHook(t *testing.T) {
	// a description over the fold: its first sentence is the hook, the rest
	// the first paragraph, and the summary (the article's first paragraph)
	// is not repeated
	p := post(func(p *Post) {
		p.Description = "Écrire une charte de modération prend une heure. La faire vivre prend des années : voici comment nous nous y prenons depuis 2019, avec les membres."
		p.Paragraphs = []string{p.Description, "Premier vrai paragraphe."}
		p.Lang = "en"
	})
	e := one(t, p, Options{}, "linkedin")
	want := "Écrire une charte de modération prend une heure.\n\nLa faire vivre prend des années : voici comment nous nous y prenons depuis 2019, avec les membres.\n\nPremier vrai paragraphe.\n\n" +
		utm("linkedin") + "\n\n#Modération #Communauté #RéseauxSociaux"
	if e.Text != want {
		t.Errorf("linkedin = %q; want %q", e.Text, want)
	}
	ig := one(t, p, Options{}, "instagram")
	if !strings.Contains(ig.Text, "\n\n👉 Link in bio\n\n") {
		t.Errorf("instagram in English = %q; want the English bio line", ig.Text)
	}
	ig = one(t, p, Options{LinkInBio: "🔗 Lien dans la bio"}, "instagram")
	if !strings.Contains(ig.Text, "\n\n🔗 Lien dans la bio\n\n") {
		t.Errorf("instagram with [social] linkInBio = %q", ig.Text)
	}
}

func TestComposePinterest(t *testing.T) {
	title := "Charte de modération : le guide complet, avec des exemples de vrais forums francophones et leurs règles commentées"
	p := post(func(p *Post) {
		p.Title = title
		p.Description = strings.Repeat(oneSentence+". ", 3)
	})
	e := one(t, p, Options{Typography: frenchTypo}, "pinterest")
	wantTitle := "Charte de modération\u00A0: le guide complet, avec des exemples de vrais forums francophones et leurs…"
	if e.Title != wantTitle {
		t.Errorf("title = %q; want %q", e.Title, wantTitle)
	}
	if n := count.UTF16(e.Title); n > 100 {
		t.Errorf("title is %d; want at most 100", n)
	}
	if want := oneSentence + "."; e.Text != want { // two sentences are 592
		t.Errorf("description = %q; want %q", e.Text, want)
	}
	if !e.Valid || e.Length > 500 || strings.Contains(e.Text, "http") || e.Link != utm("pinterest") || len(e.Hashtags) != 0 {
		t.Errorf("pinterest = valid %v, %d, link %q, tags %q", e.Valid, e.Length, e.Link, e.Hashtags)
	}
	// the link placeholder of a hand-written text: the Pin's link is a field
	e = one(t, post(func(p *Post) { p.Text = "Tout est sur {link} : à lire." }), Options{}, "pinterest")
	if e.Text != "Tout est sur : à lire." {
		t.Errorf("pinterest with {link} = %q", e.Text)
	}
}

func TestComposeOptions(t *testing.T) {
	p := post(func(p *Post) { p.Description = question })
	ex, _ := Compose(p, Options{Disabled: []string{"facebook", "threads"}, UTM: UTM{Disabled: true}})
	var names []string
	for _, e := range ex {
		names = append(names, e.Platform)
		if e.Link != p.URL {
			t.Errorf("%s link = %q; want the canonical URL, UTM disabled", e.Platform, e.Link)
		}
	}
	if want := []string{"x", "mastodon", "bluesky", "linkedin", "instagram", "pinterest"}; !slices.Equal(names, want) {
		t.Errorf("platforms = %q; want %q", names, want)
	}
	e := one(t, p, Options{UTM: UTM{Source: "relais-{platform}", Campaign: "rentree-2026", Content: "{slug}"}}, "x")
	if want := "https://exemple.fr/blog/charte/?utm_source=relais-x&utm_medium=social&utm_campaign=rentree-2026&utm_content=charte"; e.Link != want {
		t.Errorf("link = %q; want %q", e.Link, want)
	}
}

func TestComposeTypographySparesLinks(t *testing.T) {
	// a pass that would break a link if it touched one
	harsh := func(_, s string) string { return strings.ReplaceAll(s, ":", " :") }
	p := post(func(p *Post) {
		p.Description = "Voir: la charte"
		p.Mentions = map[string][]string{"x": {"@relais:exemple"}}
	})
	e := one(t, p, Options{Typography: harsh}, "x")
	want := "Voir : la charte\n\n" + utm("x") + "\n\n@relais:exemple #Modération #Communauté"
	if e.Text != want {
		t.Errorf("text = %q; want %q", e.Text, want)
	}
}

func TestComposeWarnings(t *testing.T) {
	p := post(func(p *Post) {
		p.URL = "/blog/charte/"
		p.Image = ""
		p.Texts = map[string]string{"twitter": "Ancien nom"}
		p.Mentions = map[string][]string{"tiktok": {"@a"}}
	})
	_, ws := Compose(p, Options{})
	var got []string
	for _, w := range ws {
		got = append(got, w.String())
	}
	want := []string{
		`content/posts/charte.md:3: social: unknown platform "twitter" (want one of x, mastodon, bluesky, threads, linkedin, facebook, instagram, pinterest)`,
		`content/posts/charte.md:3: social: unknown platform "tiktok" (want one of x, mastodon, bluesky, threads, linkedin, facebook, instagram, pinterest)`,
		`content/posts/charte.md:3: social: page URL "/blog/charte/" is not absolute: set baseURL so that links lead back`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestComposeValid checks the promise on varied posts: every excerpt
// within its platform's rules, as the platform counts, with its link.
func TestComposeValid(t *testing.T) {
	texts := []string{"", question, fediverse, oneSentence, strings.Repeat("Très long. ", 400), "日本語" + strings.Repeat("の文章", 300), strings.Repeat("🎉", 400)}
	for _, d := range texts {
		for _, s := range texts {
			p := post(func(p *Post) {
				p.Description, p.Summary = d, s
				p.Paragraphs = []string{s, d, fediverse}
			})
			ex, _ := Compose(p, Options{})
			for _, e := range ex {
				assertValid(t, p, e)
			}
		}
	}
}

func assertValid(t *testing.T, p Post, e Excerpt) {
	t.Helper()
	pl, _ := Lookup(e.Platform)
	if !e.Valid || e.Length != pl.Count(e.Text) || e.Length > pl.Limit || (pl.Check != nil && pl.Check(e.Text) != nil) {
		t.Fatalf("%s: valid %v, %d/%d, %q for %.80q", e.Platform, e.Valid, e.Length, pl.Limit, e.Problems, e.Text)
	}
	if !utf8.ValidString(e.Text) {
		t.Fatalf("%s: invalid UTF-8", e.Platform)
	}
	switch pl.Link {
	case LinkInText:
		if !strings.Contains(e.Paste(), e.Link) || !strings.Contains(e.Link, "utm_source="+e.Platform) {
			t.Fatalf("%s: link %q not in %.200q", e.Platform, e.Link, e.Paste())
		}
	case LinkNone:
		if strings.Contains(e.Text, p.URL) {
			t.Fatalf("%s: the page's URL in %q", e.Platform, e.Text)
		}
	case LinkField:
		if e.Link == "" || pl.Count(e.Title) > pl.TitleLimit {
			t.Fatalf("%s: link %q, title %q", e.Platform, e.Link, e.Title)
		}
	}
}
