package serve

import (
	"bytes"
	_ "embed"
	"html"
	"regexp"
	"strings"
)

//go:embed reload.js
var script []byte

// inject returns a copy of the HTML page with the live-reload script and,
// after a failed build, the error overlay. The script goes right before
// </head>, or before </body> when there is no head, or at the end; the
// overlay before </body>, or at the end. name is the page's own file, so
// the script knows when the page itself changed.
func inject(page []byte, v view, name string) []byte {
	tag := `<script src="` + ScriptPath + `" data-relais-id="` + htmlEscape(v.id) +
		`" data-relais-page="` + htmlEscape(name) + `" data-relais-events="` + EventsPath + `"`
	if v.err != nil {
		tag += ` data-relais-error="1"`
	}
	tag += "></script>"
	overlay := ""
	if v.err != nil {
		overlay = renderOverlay(v)
	}

	out := make([]byte, 0, len(page)+len(tag)+len(overlay))
	head := indexTag(page, "</head", false)
	body := indexTag(page, "</body", true)
	switch {
	case head >= 0 && (body < 0 || head < body):
		out = append(out, page[:head]...)
		out = append(out, tag...)
		if body < 0 {
			out = append(out, page[head:]...)
			return append(out, overlay...)
		}
		out = append(out, page[head:body]...)
		out = append(out, overlay...)
		return append(out, page[body:]...)
	case body >= 0:
		out = append(out, page[:body]...)
		out = append(out, tag...)
		out = append(out, overlay...)
		return append(out, page[body:]...)
	default:
		out = append(out, page...)
		out = append(out, tag...)
		return append(out, overlay...)
	}
}

// indexTag returns the index of the closing tag (such as "</head"), in any
// case and followed by ">" or a space, first or last; -1 when absent.
func indexTag(page []byte, tag string, last bool) int {
	found, t := -1, []byte(tag)
	for i := 0; i+len(t) < len(page); i++ {
		if page[i] != '<' || !bytes.EqualFold(page[i:i+len(t)], t) {
			continue
		}
		switch page[i+len(t)] {
		case '>', ' ', '\t', '\n', '\r', '\f':
			if !last {
				return i
			}
			found = i
		}
	}
	return found
}

// position finds "path:line:" (and "path:line:col:") at the start of an
// error line, to set it apart.
var position = regexp.MustCompile(`^[^\s:]+(?::\d+){1,2}:`)

// renderOverlay shows the build error over the page: fixed, above
// everything, monospace. It is a <dialog> whose close button works without
// the script, so a strict Content-Security-Policy cannot keep it open.
func renderOverlay(v view) string {
	var b strings.Builder
	b.WriteString(`<dialog id="__relais-error" open role="alert" aria-label="relais: build error" style="` + overlayStyle + `">`)
	b.WriteString(`<form method="dialog" style="margin:0;float:right"><button style="` + buttonStyle + `" aria-label="Dismiss" title="Dismiss (it comes back until the error is fixed)">×</button></form>`)
	if v.files == nil {
		b.WriteString(`<p style="margin:0 0 1em;color:#fca5a5;font-weight:bold">relais: the build failed, so there is no site to show yet.</p>`)
	} else {
		b.WriteString(`<p style="margin:0 0 1em;color:#fca5a5;font-weight:bold">relais: the last build failed. This page is from the last good build.</p>`)
	}
	b.WriteString(`<pre style="margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:inherit">`)
	for i, line := range strings.Split(strings.TrimRight(v.err.Error(), "\n"), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if loc := position.FindString(line); loc != "" {
			b.WriteString(`<b style="color:#93c5fd">` + htmlEscape(loc) + `</b>`)
			line = line[len(loc):]
		}
		b.WriteString(htmlEscape(line))
	}
	b.WriteString(`</pre><p style="margin:1em 0 0;color:#a1a1aa">Save a fix: the page reloads by itself.</p></dialog>`)
	return b.String()
}

// The overlay's own style, written out in full so a theme's CSS changes
// little of it.
const (
	overlayStyle = "position:fixed;inset:0;z-index:2147483647;box-sizing:border-box;" +
		"width:auto;height:auto;max-width:none;max-height:none;margin:0;padding:2rem;border:0;overflow:auto;" +
		"background:rgba(24,24,27,.96);color:#fafafa;text-align:left;direction:ltr;" +
		"font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace"
	buttonStyle = "all:initial;cursor:pointer;color:#fafafa;font:24px/1 sans-serif;padding:0 .25em"
)

func htmlEscape(s string) string { return html.EscapeString(s) }

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Pages relais serves when the site has none to show.
const (
	errorPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>relais: build failed</title></head>
<body></body></html>
`
	waitingPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>relais: building…</title></head>
<body><p style="font-family:sans-serif">relais is building the site; this page reloads when it is ready.</p></body></html>
`
	notFoundPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>404 page not found</title></head>
<body><p style="font-family:sans-serif">404 page not found: <code>%s</code>. This page reloads when it is written.</p></body></html>
`
)
