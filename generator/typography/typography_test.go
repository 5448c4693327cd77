package typography

import (
	"strings"
	"testing"
)

// In the tables below, ⍽ stands for U+202F (narrow no-break space) and ␣
// for U+00A0 (no-break space); visible() and invisible() convert.
var invisibles = strings.NewReplacer("⍽", "\u202f", "␣", "\u00a0")

func invisible(s string) string { return invisibles.Replace(s) }

var visibles = strings.NewReplacer("\u202f", "⍽", "\u00a0", "␣")

func visible(s string) string { return visibles.Replace(s) }

type stringCase struct {
	name, in, want string
}

// frenchCases are sentences as French community managers type them, and
// what relais publishes.
var frenchCases = []stringCase{
	{"quotes", `Il a dit "bonjour".`, `Il a dit «⍽bonjour⍽».`},
	{"question with space", `Qu'est-ce que c'est ?`, `Qu’est-ce que c’est⍽?`},
	{"question without space", `Qu'est-ce que c'est?`, `Qu’est-ce que c’est⍽?`},
	{"aujourd'hui", `Aujourd'hui, il pleut !`, `Aujourd’hui, il pleut⍽!`},
	{"apostrophes", `L'œuvre d'art n'est qu'à l'étage.`, `L’œuvre d’art n’est qu’à l’étage.`},
	{"url with ? and ;", `Voir https://exemple.fr/a?b=1;c=2 pour le détail.`, `Voir https://exemple.fr/a?b=1;c=2 pour le détail.`},
	{"url then marks", `Le lien https://exemple.fr/faq?utm_source=x ; merci !`, `Le lien https://exemple.fr/faq?utm_source=x⍽; merci⍽!`},
	{"url with trailing mark", `Tout est sur https://exemple.fr/faq!`, `Tout est sur https://exemple.fr/faq⍽!`},
	{"www url", `Rendez-vous sur www.exemple.fr/page?id=3;x=4, c'est simple.`, `Rendez-vous sur www.exemple.fr/page?id=3;x=4, c’est simple.`},
	{"url in parentheses", `(voir https://fr.wikipedia.org/wiki/Lyon_(ville)) ; ensuite`, `(voir https://fr.wikipedia.org/wiki/Lyon_(ville))⍽; ensuite`},
	{"time", `Rendez-vous à 10:30 devant la mairie.`, `Rendez-vous à 10:30 devant la mairie.`},
	{"time with h", `Rendez-vous à 10 h 30 : soyez à l'heure !`, `Rendez-vous à 10 h 30␣: soyez à l’heure⍽!`},
	{"ratio", `Le ratio est de 3:1 ; c'est beaucoup.`, `Le ratio est de 3:1⍽; c’est beaucoup.`},
	{"emoticons", `Merci :) et à demain ;)`, `Merci :) et à demain ;)`},
	{"more emoticons", `Trop drôle :D et :-) et :p et ;-) et :'(`, `Trop drôle :D et :-) et :p et ;-) et :’(`},
	{"emoji shortcode", `Bravo :tada: !`, `Bravo :tada: !`},
	{"emoji", `Bravo 🎉!`, `Bravo 🎉⍽!`},
	{"guillemets with spaces", `« Déjà espacées » avec des espaces simples`, `«⍽Déjà espacées⍽» avec des espaces simples`},
	{"guillemets without spaces", `Un «mot» collé`, `Un «⍽mot⍽» collé`},
	{"guillemets with nbsp", "«\u00a0Insécables\u00a0»", `«⍽Insécables⍽»`},
	{"nbsp already before ?", "Vraiment\u00a0?", `Vraiment⍽?`},
	{"nnbsp already there", `«⍽Déjà bon⍽»⍽! Vraiment⍽? Oui␣: fin`, `«⍽Déjà bon⍽»⍽! Vraiment⍽? Oui␣: fin`},
	{"thin space", "Vraiment\u2009; oui", `Vraiment⍽; oui`},
	{"two spaces", `Deux espaces  ! ici`, `Deux espaces⍽! ici`},
	{"tab", "Une tabulation\t?", `Une tabulation⍽?`},
	{"?!", `Quoi ?! Non ?!`, `Quoi⍽?! Non⍽?!`},
	{"?! without space", `Quoi?!`, `Quoi⍽?!`},
	{"!!!", `Non !!!`, `Non⍽!!!`},
	{"?… and ?...", `Vraiment ?… Vraiment?...`, `Vraiment⍽?… Vraiment⍽?…`},
	{"ellipsis", `Attends... quoi ?`, `Attends… quoi⍽?`},
	{"not an ellipsis", `Le dossier ../config et la suite....`, `Le dossier ../config et la suite....`},
	{"decimal", `Le prix : 1.5 € ou 2,5 €.`, `Le prix␣: 1.5 € ou 2,5 €.`},
	{"en dash", `Paris -- Lyon, pages 10--20`, `Paris – Lyon, pages 10–20`},
	{"em dash", `Il est venu --- enfin --- hier.`, `Il est venu — enfin — hier.`},
	{"command-line option", `Utilisez --help pour l'aide.`, `Utilisez --help pour l’aide.`},
	{"arrows", `A --> B et B <-- A`, `A --> B et B <-- A`},
	{"colon", `Note : le plus important`, `Note␣: le plus important`},
	{"colon without space", `Attention: fragile`, `Attention␣: fragile`},
	{"colon at the end", `Au programme:`, `Au programme␣:`},
	{"colon at the start", `: début`, `: début`},
	{"mark at the start", `? Bonne question.`, `? Bonne question.`},
	{"::", `Le C++ std::vector et a :: b`, `Le C++ std::vector et a :: b`},
	{"!important", `Ajoutez !important à la règle.`, `Ajoutez !important à la règle.`},
	{"!= and ?:", `si a != b ou (?:x)`, `si a != b ou (?:x)`},
	{"parenthesis", `(vraiment ?) et (sic!)`, `(vraiment⍽?) et (sic⍽!)`},
	{"question in quotes", `"Vraiment ?" demanda-t-elle.`, `«⍽Vraiment⍽?⍽» demanda-t-elle.`},
	{"colon then quote", `Il a crié : "Au secours !"`, `Il a crié␣: «⍽Au secours⍽!⍽»`},
	{"spaces inside straight quotes", `Il dit " bonjour " et " au revoir ".`, `Il dit «⍽bonjour⍽» et «⍽au revoir⍽».`},
	{"mark after guillemet", `Il faut «déjà»!`, `Il faut «⍽déjà⍽»⍽!`},
	{"unbalanced quote", `Il a dit "bonjour et s'en est allé.`, `Il a dit "bonjour et s’en est allé.`},
	{"unbalanced after a pair", `"Oui", dit-il, "mais`, `«⍽Oui⍽», dit-il, "mais`},
	{"quotes that do not pair", `"a "b" c" d`, `"a "b" c" d`},
	{"empty quotes", `Un "" vide`, `Un "" vide`},
	{"inches", `Un écran de 27" ; pas plus`, `Un écran de 27"⍽; pas plus`},
	{"primes", `Il mesure 5'10" environ`, `Il mesure 5'10" environ`},
	{"email", `jean@exemple.fr ; marie@exemple.fr`, `jean@exemple.fr⍽; marie@exemple.fr`},
	{"mention and hashtag", `Suivez @relais@mastodon.social : #Communauté !`, `Suivez @relais@mastodon.social␣: #Communauté⍽!`},
	{"money", `Le prix : 10 $ ou 20 $ !`, `Le prix␣: 10 $ ou 20 $⍽!`},
	{"math", `Soit $x:y$ et \(a ; b\) !`, `Soit $x:y$ et \(a ; b\)⍽!`},
	{"code in a title", "Le flag `--dry-run ; true` ?", "Le flag `--dry-run ; true`⍽?"},
	{"template tag", `{{< figure src="a.png" title="Titre : x" >}} !`, `{{< figure src="a.png" title="Titre : x" >}}⍽!`},
	{"title", `Réseaux sociaux : 10 astuces pour l'engagement`, `Réseaux sociaux␣: 10 astuces pour l’engagement`},
	{"title with question", `Faut-il encore publier sur X ?`, `Faut-il encore publier sur X⍽?`},
	{"nested guillemets", `Il l'a dit : « c'est fini »`, `Il l’a dit␣: «⍽c’est fini⍽»`},
	{"percent", `Une hausse de 20 % ! Et 30%?`, `Une hausse de 20⍽%⍽! Et 30%⍽?`},
	{"line break before mark", "Bonjour\n! et\n?", "Bonjour\n! et\n?"},
	{"entity in a plain string", `R&amp;D ?`, `R&amp;D⍽?`},
	{"semicolon in a word", `a;b et x ;y`, `a;b et x ;y`},
	{"list separator", `Trois choses ; la première : publier.`, `Trois choses⍽; la première␣: publier.`},
	{"percent and space", `Le ROI est de −40 % ce mois-ci.`, `Le ROI est de −40⍽% ce mois-ci.`},
	{"percent after nbsp", `Une hausse de 12␣%.`, `Une hausse de 12⍽%.`},
	{"percent without space kept", `Un taux de 40% !`, `Un taux de 40%⍽!`},
	{"percent after a word", `Le % de clics`, `Le % de clics`},
	{"percent in a URL", `Voir https://exemple.fr/?q=10 %20`, `Voir https://exemple.fr/?q=10 %20`},
}

func TestStringFrench(t *testing.T) {
	for _, tt := range frenchCases {
		t.Run(tt.name, func(t *testing.T) {
			in, want := invisible(tt.in), invisible(tt.want)
			if got := String("fr", in, Defaults()); got != want {
				t.Errorf("String(%q) = %q; want %q", tt.in, visible(got), tt.want)
			}
		})
	}
}

func TestStringIdempotent(t *testing.T) {
	for _, set := range [][]stringCase{frenchCases, englishCases} {
		for _, tt := range set {
			for _, lang := range []string{"fr", "en"} {
				once := String(lang, invisible(tt.in), Defaults())
				if twice := String(lang, once, Defaults()); twice != once {
					t.Errorf("String(%q, String(%q)) = %q; want %q", lang, tt.in, visible(twice), visible(once))
				}
			}
		}
	}
}

var englishCases = []stringCase{
	{"double quotes", `"Hello," she said.`, `“Hello,” she said.`},
	{"apostrophes", `It's the dogs' bone, isn't it?`, `It’s the dogs’ bone, isn’t it?`},
	{"elision", `'Twas the night before`, `’Twas the night before`},
	{"decade", `Back in the '90s and '68`, `Back in the ’90s and ’68`},
	{"single quotes", `'Hello,' she said, 'bye.'`, `‘Hello,’ she said, ‘bye.’`},
	{"primes", `He is 5'10" tall`, `He is 5'10" tall`},
	{"dashes and ellipsis", `Wait... what -- really --- yes`, `Wait… what – really — yes`},
	{"French spacing left alone", `Really ? Yes : no ; maybe !`, `Really ? Yes : no ; maybe !`},
	{"no space added", `Really? Yes: no; maybe!`, `Really? Yes: no; maybe!`},
	{"guillemets left alone", `«Bonjour» means hello`, `«Bonjour» means hello`},
	{"url", `See https://example.com/it's-here?q=a--b -- now`, `See https://example.com/it's-here?q=a--b – now`},
	{"unbalanced quote", `He said "wait and left`, `He said "wait and left`},
	{"quotes around emphasis", `The "best" option`, `The “best” option`},
}

func TestStringEnglish(t *testing.T) {
	for _, tt := range englishCases {
		t.Run(tt.name, func(t *testing.T) {
			if got := String("en", tt.in, Defaults()); got != tt.want {
				t.Errorf("String(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStringLanguages(t *testing.T) {
	const in = `"Bonjour" ! Qu'est-ce que c'est ? -- oui... : non`
	fr := invisible(`«⍽Bonjour⍽»⍽! Qu’est-ce que c’est⍽? – oui…␣: non`)
	en := `“Bonjour” ! Qu’est-ce que c’est ? – oui… : non`
	tests := []struct{ lang, want string }{
		{"fr", fr},
		{"fr-FR", fr},
		{"fr_CA", fr},
		{"FR", fr},
		{"fr-be", fr},
		{"en", en},
		{"en-US", en},
		{"en_GB", en},
		{"de", in},
		{"es-ES", in},
		{"", in},
		{"f", in},
		{"fra", in},
		{"french", in},
		{"frisian", in},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := String(tt.lang, in, Defaults()); got != tt.want {
				t.Errorf("String(%q, %q) = %q; want %q", tt.lang, in, visible(got), visible(tt.want))
			}
		})
	}
}

func TestStringOptions(t *testing.T) {
	const in = `"Bonjour" : l'œuvre ? « oui » -- fin...`
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{"defaults", Defaults(), `«⍽Bonjour⍽»␣: l’œuvre⍽? «⍽oui⍽» – fin…`},
		{"no quotes", Options{NarrowNBSP: true, ColonNBSP: true}, `"Bonjour"␣: l'œuvre⍽? «⍽oui⍽» – fin…`},
		{"no narrow spaces", Options{Quotes: true, ColonNBSP: true}, `«␣Bonjour␣»␣: l’œuvre ? « oui » – fin…`},
		{"no colon space", Options{Quotes: true, NarrowNBSP: true}, `«⍽Bonjour⍽» : l’œuvre⍽? «⍽oui⍽» – fin…`},
		{"zero", Options{}, `"Bonjour" : l'œuvre ? « oui » – fin…`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String("fr", in, tt.opt); got != invisible(tt.want) {
				t.Errorf("String(%q) = %q; want %q", in, visible(got), tt.want)
			}
		})
	}
}

func TestStringUnchangedIsSame(t *testing.T) {
	// Most titles need nothing: String must hand back the string it got.
	const in = "Un titre sans rien à changer"
	if got := String("fr", in, Defaults()); got != in {
		t.Errorf("String(%q) = %q; want %q", in, got, in)
	}
	allocs := testing.AllocsPerRun(100, func() { String("fr", in, Defaults()) })
	if allocs != 0 {
		t.Errorf("String(%q) allocates %v times; want 0", in, allocs)
	}
}
