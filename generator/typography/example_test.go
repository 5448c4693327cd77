package typography_test

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"

	"github.com/relais/relais/generator/typography"
)

func ExampleString() {
	opt := typography.Defaults()
	fmt.Printf("%q\n", typography.String("fr-FR", `Il a dit "bonjour" : l'œuvre est là !`, opt))
	fmt.Printf("%q\n", typography.String("en", `She said "hello" -- it's late...`, opt))
	fmt.Printf("%q\n", typography.String("de", `"Hallo" -- ja...`, opt))
	// Output:
	// "Il a dit «\u202fbonjour\u202f»\u00a0: l’œuvre est là\u202f!"
	// "She said “hello” – it’s late…"
	// "\"Hallo\" -- ja..."
}

func ExampleExtension() {
	// relais keeps the page language in the parser context (markdown.SetLang
	// and markdown.Lang); any getter will do.
	key := parser.NewContextKey()
	lang := func(pc parser.Context) string {
		s, _ := pc.Get(key).(string)
		return s
	}
	md := goldmark.New(goldmark.WithExtensions(typography.Extension(typography.Defaults(), lang)))

	pc := parser.NewContext()
	pc.Set(key, "fr")
	var out bytes.Buffer
	src := "Pourquoi \"**relais**\" ? Tapez `relais build --drafts ; echo ok` !"
	if err := md.Convert([]byte(src), &out, parser.WithContext(pc)); err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", out.String())
	// Output:
	// "<p>Pourquoi «\u202f<strong>relais</strong>\u202f»\u202f? Tapez <code>relais build --drafts ; echo ok</code>\u202f!</p>\n"
}
