package markdown

import (
	"strings"
	"testing"
)

func TestSummaryDivider(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		summary   string
		html      string
		truncated bool
	}{
		{"plain", "Avant.\n\n<!--more-->\n\nAprès.", "Avant.", "<p>Avant.</p>\n", true},
		{"spaces", "Avant.\n\n<!-- more -->\n\nAprès.", "Avant.", "<p>Avant.</p>\n", true},
		{"space before close", "Avant.\n\n<!--more -->\n\nAprès.", "Avant.", "<p>Avant.</p>\n", true},
		{"upper case", "Avant.\n\n<!--MORE-->\n\nAprès.", "Avant.", "<p>Avant.</p>\n", true},
		{"several blocks before", "Un.\n\n- deux\n- trois\n\n<!--more-->\n\nQuatre.", "Un. deux trois",
			"<p>Un.</p>\n<ul>\n<li>deux</li>\n<li>trois</li>\n</ul>\n", true},
		{"long summary is not cut", strings.Repeat("mot ", 100) + "\n\n<!--more-->\n\nfin", strings.TrimSpace(strings.Repeat("mot ", 100)),
			"<p>" + strings.TrimSpace(strings.Repeat("mot ", 100)) + "</p>\n", true},
		{"at the end", "Tout.\n\n<!--more-->\n", "Tout.", "<p>Tout.</p>\n", false},
		{"inline", "Début <!--more--> suite.", "Début", "<p>Début</p>\n", true},
		{"inline at paragraph end", "Début.<!--more-->\n\nSuite.", "Début.", "<p>Début.</p>\n", true},
		{"inline on its own line in a paragraph", "Début.\n<!--more-->\n\nSuite.", "Début.", "<p>Début.</p>\n", true},
		{"inline, nothing after", "Tout. <!--more-->", "Tout.", "<p>Tout.</p>\n", false},
		{"two in a row", "Un.\n\n<!--more-->\n\n<!--more-->\n\nDeux.", "Un.", "<p>Un.</p>\n", true},
		{"two inline in a row", "Un <!--more--><!--more--> deux.", "Un", "<p>Un</p>\n", true},
		{"inline inside raw tags", "Un <b>deux <!--more--> trois</b> quatre.", "Un deux", "<p>Un <b>deux</b></p>\n", true},
		{"first divider wins", "Un.\n\n<!--more-->\n\nDeux.\n\n<!--more-->\n\nTrois.", "Un.", "<p>Un.</p>\n", true},
		{"in code does not count", "Un.\n\n```\n<!--more-->\n```\n\nDeux.", "Un.", "<p>Un.</p>\n", true},
		{"in inline code does not count", "Un `<!--more-->` deux.", "Un <!--more--> deux.", "<p>Un <code>&lt;!--more--&gt;</code> deux.</p>\n", false},
		{"other comment", "Un.\n\n<!-- more to come -->\n\nDeux.", "Un.", "<p>Un.</p>\n", true},
		{"footnotes not content", "Un[^1].\n\n<!--more-->\n\n[^1]: Note.", "Un.", "<p>Un.</p>\n", false},
		{"divider first", "<!--more-->\n\nTout.", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in)})
			if res.Summary != tt.summary || string(res.SummaryHTML) != tt.html || res.Truncated != tt.truncated {
				t.Errorf("Render(%q) summary = %q, %q, truncated %v; want %q, %q, %v",
					tt.in, res.Summary, res.SummaryHTML, res.Truncated, tt.summary, tt.html, tt.truncated)
			}
		})
	}
}

func TestSummaryDividerSafe(t *testing.T) {
	// With raw HTML off the divider still works and leaves no trace.
	res := render(t, Options{}, Input{Source: []byte("Un <!-- more --> deux.\n\nTrois.")})
	if string(res.HTML) != "<p>Un  deux.</p>\n<p>Trois.</p>\n" || res.Summary != "Un" || !res.Truncated {
		t.Errorf("Render safe = %q, summary %q, truncated %v; want the divider gone, summary %q", res.HTML, res.Summary, res.Truncated, "Un")
	}
}

func TestSummaryAuto(t *testing.T) {
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = "mot"
		}
		return strings.Join(w, " ")
	}
	tests := []struct {
		name      string
		in        string
		n         int
		summary   string
		html      string
		truncated bool
	}{
		{"whole first paragraph", "Premier paragraphe.\n\nSecond.", 0, "Premier paragraphe.", "<p>Premier paragraphe.</p>\n", true},
		{"only paragraph", "Seul paragraphe.", 0, "Seul paragraphe.", "<p>Seul paragraphe.</p>\n", false},
		{"footnote refs removed", "Texte[^1] ici.\n\n[^1]: n", 0, "Texte ici.", "<p>Texte ici.</p>\n", false},
		{"entities decoded", "A &amp; B &lt;ok&gt; &eacute;t&eacute;", 0, "A & B <ok> été", "<p>A &amp; B &lt;ok&gt; été</p>\n", false},
		{"markup dropped", "Un **gras** et un [lien](/x/).", 0, "Un gras et un lien.", "<p>Un <strong>gras</strong> et un <a href=\"/x/\">lien</a>.</p>\n", false},
		{"soft breaks collapse", "Une\nphrase   sur\ndeux lignes.", 0, "Une phrase sur deux lignes.", "<p>Une\nphrase   sur\ndeux lignes.</p>\n", false},
		{"default 70 words", words(100), 0, words(70) + "…", "<p>" + words(70) + "…</p>\n", true},
		{"exactly the limit", words(70), 0, words(70), "<p>" + words(70) + "</p>\n", false},
		{"cut at a word", "un deux trois quatre cinq six sept", 5, "un deux trois quatre cinq…", "<p>un deux trois quatre cinq…</p>\n", true},
		{"cut at a sentence end", "Un deux trois quatre. Cinq six sept huit neuf dix.", 6, "Un deux trois quatre.", "<p>Un deux trois quatre.</p>\n", true},
		{"french sentence end keeps the mark", "Un deux trois quatre\u202f! Cinq six sept huit", 5, "Un deux trois quatre\u202f!", "<p>Un deux trois quatre\u202f!</p>\n", true},
		{"sentence too early is not used", "Un. Deux trois quatre cinq six sept huit neuf dix onze", 9, "Un. Deux trois quatre cinq six sept huit neuf…", "<p>Un. Deux trois quatre cinq six sept huit neuf…</p>\n", true},
		{"trailing comma dropped", "un deux, trois quatre", 2, "un deux…", "<p>un deux…</p>\n", true},
		{"closing guillemet kept with sentence", "Il dit « oui. » Puis six sept huit", 4, "Il dit « oui. »", "<p>Il dit « oui. »</p>\n", true},
		{"cut inside emphasis", "un *deux trois* quatre", 2, "un deux…", "<p>un <em>deux</em>…</p>\n", true},
		{"cut inside link", "un [deux trois](/x/) quatre", 2, "un deux…", "<p>un <a href=\"/x/\">deux</a>…</p>\n", true},
		{"raw tags closed", "un <b>deux trois</b> quatre", 2, "un deux…", "<p>un <b>deux</b>…</p>\n", true},
		{"code span is not split", "un `deux trois` quatre cinq", 2, "un deux trois…", "<p>un <code>deux trois</code>…</p>\n", true},
		{"image-only paragraph skipped", "![logo](l.png)\n\nLe texte.", 0, "Le texte.", "<p>Le texte.</p>\n", true},
		{"heading first", "## Titre\n\nLe texte.", 0, "Le texte.", "<p>Le texte.</p>\n", true},
		{"nested paragraph as fallback", "> Une citation.\n>\n> Deux.", 0, "Une citation.", "<p>Une citation.</p>\n", true},
		{"no paragraph", "## Titre", 0, "", "", true},
		{"empty", "", 0, "", "", false},
		{"french", "Les « réseaux sociaux » changent\u202f; nos billets restent.", 0,
			"Les « réseaux sociaux » changent\u202f; nos billets restent.", "<p>Les « réseaux sociaux » changent\u202f; nos billets restent.</p>\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, site, Input{Source: []byte(tt.in), SummaryWords: tt.n})
			if res.Summary != tt.summary || string(res.SummaryHTML) != tt.html || res.Truncated != tt.truncated {
				t.Errorf("Render(%q, %d words) summary = %q, %q, truncated %v; want %q, %q, %v",
					tt.in, tt.n, res.Summary, res.SummaryHTML, res.Truncated, tt.summary, tt.html, tt.truncated)
			}
		})
	}
}

func TestSummaryHeadingsHaveNoIDs(t *testing.T) {
	res := render(t, site, Input{Source: []byte("## Intro {.x}\n\nTexte.\n\n<!--more-->\n\nSuite.")})
	if want := "<h2 class=\"x\">Intro</h2>\n<p>Texte.</p>\n"; string(res.SummaryHTML) != want {
		t.Errorf("SummaryHTML = %q; want %q", res.SummaryHTML, want)
	}
	if want := "<h2 class=\"x\" id=\"intro\">Intro</h2>\n"; !strings.HasPrefix(string(res.HTML), want) {
		t.Errorf("HTML = %q; want the page's heading to keep its id", res.HTML)
	}
}

func TestSummaryLeavesPageWhole(t *testing.T) {
	in := "Un deux trois quatre cinq six[^1] sept.\n\n[^1]: n"
	res := render(t, site, Input{Source: []byte(in), SummaryWords: 3})
	want := "<p>Un deux trois quatre cinq six<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup> sept.</p>\n"
	if !strings.HasPrefix(string(res.HTML), want) {
		t.Errorf("HTML = %q; want the page uncut, starting %q", res.HTML, want)
	}
}
