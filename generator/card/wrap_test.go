package card

import (
	"image"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// standard is the usual card around the titles under test: a kicker, the
// site name and a date, no logo.
func standard(title string) Spec {
	return Spec{Title: title, Site: "Blog Communauté", Date: "22 novembre 2026", Kicker: "Réseaux sociaux"}
}

func lines(p *plan) []string {
	var out []string
	for _, l := range p.title.lines {
		out = append(out, l.String())
	}
	return out
}

func TestTitleLayout(t *testing.T) {
	tests := []struct {
		name  string
		title string
		size  float64
		want  []string
		cut   bool
	}{
		{
			name:  "long French title",
			title: "Modération : comment garder une communauté bienveillante quand elle grandit",
			size:  72,
			want:  []string{"Modération : comment", "garder une communauté", "bienveillante", "quand elle grandit"},
		},
		{
			name:  "one word",
			title: "Bonjour",
			size:  96,
			want:  []string{"Bonjour"},
		},
		{
			name:  "emoji dropped, spaces collapsed",
			title: "Bravo 🎉 ! Nos 10 000 abonnés 🚀 sont là",
			size:  96,
			want:  []string{"Bravo ! Nos 10 000", "abonnés sont là"},
		},
		{
			name:  "emoji only between words",
			title: "Lancement 🚀🚀🚀 réussi",
			size:  96,
			want:  []string{"Lancement réussi"},
		},
		{
			name:  "very long word cut without hyphen",
			title: "Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement",
			size:  52,
			want:  []string{"Anticonstitutionnellementanticonstitutio", "nnellementanticonstitutionnellement"},
		},
		{
			name:  "long URL among words",
			title: "Lire https://exemple.fr/un/tres/long/chemin/vers/un/article/sur/la/moderation/des/communautes ici",
			size:  52,
			want:  []string{"Lire", "https://exemple.fr/un/tres/long/chemin/ve", "rs/un/article/sur/la/moderation/des/comm", "unautes ici"},
		},
		{
			name:  "overflow past four lines gets an ellipsis",
			title: "Ceci est un titre extrêmement long qui ne tiendra jamais sur quatre lignes même avec la plus petite taille de police disponible dans relais, parce qu’il continue encore et encore avec des mots",
			size:  52,
			want: []string{
				"Ceci est un titre extrêmement long qui ne",
				"tiendra jamais sur quatre lignes même",
				"avec la plus petite taille de police",
				"disponible dans relais, parce qu’il…",
			},
			cut: true,
		},
		{
			name:  "narrow no-break spaces keep guillemets with their words",
			title: "« Pourquoi\u202fvotre communauté mérite mieux\u202f» : un guide",
			size:  96,
			want:  []string{"« Pourquoi\u202fvotre", "communauté mérite", "mieux\u202f» : un guide"},
		},
		{
			name:  "plain spaces inside guillemets do not break",
			title: "Le guide « communauté » pour les associations",
			size:  96,
			want:  []string{"Le guide", "« communauté »", "pour les associations"},
		},
		{
			name:  "a title the fonts cannot draw gives way to the site name",
			title: "日本語のタイトル",
			size:  96,
			want:  []string{"Blog Communauté"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := standard(tt.title)
			p := makePlan(s, mustPalette(t, s), nil)
			checkPlan(t, s, p)
			if got := lines(p); !slices.Equal(got, tt.want) {
				t.Errorf("layout(%q) = %q; want %q", tt.title, got, tt.want)
			}
			if p.title.fc.size != tt.size {
				t.Errorf("layout(%q) size = %v; want %v", tt.title, p.title.fc.size, tt.size)
			}
			if p.title.cut != tt.cut {
				t.Errorf("layout(%q) cut = %v; want %v", tt.title, p.title.cut, tt.cut)
			}
		})
	}
}

// TestTitleShrinks checks that a longer title never gets larger type.
func TestTitleShrinks(t *testing.T) {
	words := strings.Fields("Les réseaux sociaux changent vite : voici comment les associations locales peuvent garder le lien avec leurs bénévoles sans y passer leurs soirées ni leurs week-ends")
	last := 1000.0
	for n := 1; n <= len(words); n++ {
		s := standard(strings.Join(words[:n], " "))
		p := makePlan(s, mustPalette(t, s), nil)
		checkPlan(t, s, p)
		if size := p.title.fc.size; size > last {
			t.Errorf("%d words: size %v after %v for fewer words", n, size, last)
		} else {
			last = size
		}
	}
	if last != titleSizes[len(titleSizes)-1] {
		t.Errorf("the longest title is set at %v; want the smallest size %v", last, titleSizes[len(titleSizes)-1])
	}
}

func TestWrapBreaks(t *testing.T) {
	loadFonts()
	fc := newFace(fonts.bold, 52)
	tests := []struct {
		name  string
		text  string
		width int
		want  []string
	}{
		{"after a hyphen between words", "porte-parole porte-parole", 500, []string{"porte-parole porte-", "parole"}},
		{"not after a leading hyphen", "a -5 degrés dehors", 180, []string{"a -5", "degrés", "dehors"}},
		{"soft hyphen shows only at a break", "commu\u00adnauté commu\u00adnauté", 560, []string{"communauté commu-", "nauté"}},
		{"zero-width space breaks silently", "relais\u200bgenerator", 250, []string{"relais", "generator"}},
		{"thin space breaks", "un\u2009deux", 130, []string{"un", "deux"}},
		{"no-break space holds", "Nos 10\u00a0000 abonnés", 230, []string{"Nos", "10\u00a0000", "abonnés"}},
		{"plain-space thousands hold", "Nos 10 000 abonnés", 230, []string{"Nos", "10 000", "abonnés"}},
		{"punctuation stays with its word", "Vraiment ? Oui !", 280, []string{"Vraiment ?", "Oui !"}},
		{"currency stays with its amount", "Prix 10 € net", 180, []string{"Prix", "10 €", "net"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := clean(fonts.bold, tt.text)
			w := fixed.I(tt.width)
			ls, over := wrap(fc, pieces(fc, text), w)
			var got []string
			for _, l := range ls {
				got = append(got, l.String())
				if l.w > w {
					t.Errorf("line %q is %v wide; want at most %v", l.String(), l.w, w)
				}
			}
			if over {
				t.Errorf("wrap(%q, %d) overflows", tt.text, tt.width)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("wrap(%q, %d) = %q; want %q", tt.text, tt.width, got, tt.want)
			}
		})
	}
}

func TestBalance(t *testing.T) {
	loadFonts()
	fc := newFace(fonts.bold, 96)
	text := "Les communautés en ligne"
	ps := pieces(fc, text)
	greedy, _ := wrap(fc, ps, fixed.I(textWidth))
	got := balance(fc, ps, fixed.I(textWidth), len(greedy))
	var g, b []string
	for _, l := range greedy {
		g = append(g, l.String())
	}
	for _, l := range got {
		b = append(b, l.String())
	}
	if want := []string{"Les communautés en", "ligne"}; !slices.Equal(g, want) {
		t.Fatalf("wrap(%q) = %q; want %q", text, g, want)
	}
	if want := []string{"Les communautés", "en ligne"}; !slices.Equal(b, want) {
		t.Errorf("balance(%q) = %q; want %q", text, b, want)
	}
}

func TestClean(t *testing.T) {
	loadFonts()
	tests := []struct{ in, want string }{
		{"Bravo 🎉 !", "Bravo !"},
		{"Bravo 🎉\u202f!", "Bravo\u202f!"},
		{"👨‍👩‍👧 Famille", "Famille"},
		{"Fête 🇫🇷 nationale", "Fête nationale"},
		{"1️⃣ Premier point", "1 Premier point"},
		{"Cafe\u0301 cre\u0300me", "Café crème"},
		{"  trop   d’espaces\t\n", "trop d’espaces"},
		{"«\u00a0Bonjour\u00a0»", "«\u00a0Bonjour\u00a0»"},
		{"10\u2007000", "10\u00a0000"},
		{"œuvre — 10 € … «\u202fguillemets\u202f»", "œuvre — 10 € … «\u202fguillemets\u202f»"},
		{"東京 Tokyo", "Tokyo"},
		{"Привет мир", "Привет мир"},
		{"bidi\u200e mark\u200d", "bidi mark"},
		{"\u200bbord\u00ad", "bord"},
		{"日本語", ""},
	}
	for _, tt := range tests {
		if got := clean(fonts.bold, tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestFooter(t *testing.T) {
	tests := []struct {
		name       string
		site, date string
		logo       bool
		want       [2]string
	}{
		{"both fit", "Blog Communauté", "22 novembre 2026", false, [2]string{"Blog Communauté", "22 novembre 2026"}},
		{"no date", "Blog Communauté", "", false, [2]string{"Blog Communauté", ""}},
		{"no site", "", "22 novembre 2026", false, [2]string{"", "22 novembre 2026"}},
		{
			"long site name ellipsized, date kept",
			"Le blog de l’association des community managers bénévoles de la région", "22 novembre 2026", false,
			[2]string{"Le blog de l’association des community…", "22 novembre 2026"},
		},
		{
			"less room beside a logo",
			"Le blog de l’association des community managers bénévoles de la région", "22 novembre 2026", true,
			[2]string{"Le blog de l’association…", "22 novembre 2026"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Spec{Title: "Titre", Site: tt.site, Date: tt.date}
			var logo []byte
			if tt.logo {
				logo = testLogo(t, 480, 144, false)
				s.Logo = logo
			}
			p := layout(t, s)
			checkPlan(t, s, p)
			if got := [2]string{p.site.String(), p.date.String()}; got != tt.want {
				t.Errorf("footer(%q, %q) = %q; want %q", tt.site, tt.date, got, tt.want)
			}
		})
	}
}

func TestKicker(t *testing.T) {
	s := Spec{Title: "Titre", Kicker: "Réseaux sociaux & œuvres"}
	p := layout(t, s)
	checkPlan(t, s, p)
	if got, want := p.kicker.String(), "RÉSEAUX SOCIAUX & ŒUVRES"; got != want {
		t.Errorf("kicker(%q) = %q; want %q", s.Kicker, got, want)
	}
}

// layout lays s out as Draw would.
func layout(t testing.TB, s Spec) *plan {
	t.Helper()
	pal := mustPalette(t, s)
	var logo *image.RGBA
	if len(s.Logo) > 0 {
		var err error
		if logo, err = scaledLogo(s.Logo); err != nil {
			t.Fatal(err)
		}
	}
	return makePlan(s, pal, logo)
}

func mustPalette(t testing.TB, s Spec) palette {
	t.Helper()
	pal, err := newPalette(s)
	if err != nil {
		t.Fatal(err)
	}
	return pal
}

// checkPlan asserts what must hold for every card, whatever its text:
// margins kept, at most four title lines, every line within the measure,
// only drawable characters, and the whole title shown unless ellipsized.
func checkPlan(t testing.TB, s Spec, p *plan) {
	t.Helper()
	if n := len(p.title.lines); n > maxLines {
		t.Errorf("title %q: %d lines; want at most %d", s.Title, n, maxLines)
	}
	var buf sfnt.Buffer
	check := func(what string, fc *face, l line, width fixed.Int26_6) {
		t.Helper()
		if l.w > width {
			t.Errorf("%s %q: %v wide; want at most %v", what, l.String(), l.w, width)
		}
		if got := measureLine(fc, l); got != l.w {
			t.Errorf("%s %q: width %v recorded, %v measured", what, l.String(), l.w, got)
		}
		for _, r := range l.String() {
			if isSpace(r) || r == zwsp || r == shy {
				continue
			}
			if g, err := fc.f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("%s %q: %U has no glyph", what, l.String(), r)
			}
		}
	}
	for _, l := range p.title.lines {
		if len(l.pieces) == 0 {
			t.Errorf("title %q: an empty line in %q", s.Title, lines(p))
		}
		check("title line", p.title.fc, l, fixed.I(textWidth))
	}
	if p.kf != nil {
		check("kicker", p.kf, p.kicker, fixed.I(textWidth))
	}
	check("site", p.sf, p.site, fixed.I(textWidth))
	check("date", p.df, p.date, fixed.I(textWidth))
	if p.site.w+p.date.w > fixed.I(textWidth) {
		t.Errorf("footer %q %q wider than the card", p.site.String(), p.date.String())
	}
	if len(p.title.lines) > 0 {
		first := p.titleBase - p.title.fc.accent
		if p.kf != nil {
			first = p.kickerBase - p.kf.accent
		}
		last := p.titleBase + fixed.Int26_6(len(p.title.lines)-1)*p.title.lead + p.title.fc.m.Descent
		if first < fixed.I(top) || last > p.regionEnd {
			t.Errorf("title %q: block from %v to %v; want within %v..%v", s.Title, first, last, fixed.I(top), p.regionEnd)
		}
	}
	if p.logo != nil {
		r := p.logo.Bounds().Add(p.logoAt)
		if r.Min.X < left || r.Max.X > right || r.Max.Y > bottom || r.Min.Y < top {
			t.Errorf("logo at %v: outside the margins", r)
		}
	}
	// Nothing is lost but what the fonts cannot draw, unless cut.
	if !p.title.cut && len(p.title.lines) > 0 {
		want := squeeze(clean(fonts.bold, s.Title))
		if want == "" {
			want = squeeze(clean(fonts.bold, s.Site))
		}
		if got := squeeze(strings.Join(lines(p), "")); got != want {
			t.Errorf("title %q: lines %q lose text: %q; want %q", s.Title, lines(p), got, want)
		}
	}
	if p.title.cut && !strings.HasSuffix(p.title.lines[len(p.title.lines)-1].String(), "…") {
		t.Errorf("title %q: cut but the last line %q has no ellipsis", s.Title, lines(p)[len(p.title.lines)-1])
	}
}

// squeeze drops what layout may add or remove at a break: spaces, soft
// hyphens and the hyphen they show.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) || r == zwsp || r == shy || r == '-' {
			return -1
		}
		return r
	}, s)
}

func measureLine(fc *face, l line) fixed.Int26_6 {
	var w fixed.Int26_6
	for i, p := range l.pieces {
		w += fc.advance(p.text)
		if i < len(l.pieces)-1 {
			w += p.sepW
		}
	}
	if l.tail != "" {
		w += fc.advance(l.tail)
	}
	return w
}

func FuzzLayout(f *testing.F) {
	for _, s := range []string{
		"Modération : comment garder une communauté bienveillante quand elle grandit",
		"Bravo 🎉 ! Nos 10 000 abonnés 🚀",
		"Anticonstitutionnellementanticonstitutionnellement",
		"« Pourquoi\u202fvotre communauté ? »",
		"commu\u00adnauté\u200bporte-parole -5 —",
		"日本語",
		"",
		strings.Repeat("mot ", 200),
	} {
		f.Add(s, "Réseaux")
	}
	f.Fuzz(func(t *testing.T, title, kicker string) {
		if len(title) > 2000 {
			return
		}
		s := Spec{Title: title, Site: "Blog", Date: "1 mai 2026", Kicker: kicker}
		p := makePlan(s, palette{}, nil)
		checkPlan(t, s, p)
	})
}
