package serve

import (
	"errors"
	"strings"
	"testing"
)

func TestInject(t *testing.T) {
	const tag = `<script src="/__relais/reload.js" data-relais-id="abc-1" data-relais-page="p.html" data-relais-events="/__relais/events"></script>`
	tests := []struct{ name, page, want string }{
		{"head", "<html><head><title>t</title></head><body>b</body></html>",
			"<html><head><title>t</title>" + tag + "</head><body>b</body></html>"},
		{"upper case", "<HTML><HEAD></HEAD><BODY></BODY></HTML>",
			"<HTML><HEAD>" + tag + "</HEAD><BODY></BODY></HTML>"},
		{"space in tag", "<head></head \n><body></body>",
			"<head>" + tag + "</head \n><body></body>"},
		{"no head", "<html><body><p>é</p></body></html>",
			"<html><body><p>é</p>" + tag + "</body></html>"},
		{"neither", "<p>« fragment »</p>",
			"<p>« fragment »</p>" + tag},
		{"empty", "", tag},
		{"not a closing head", "<header></header><body></body>",
			"<header></header><body>" + tag + "</body>"},
		{"last body", "<body><pre></body></pre></body>",
			"<body><pre></body></pre>" + tag + "</body>"},
		{"first head", "<head></head><p></head></p>",
			"<head>" + tag + "</head><p></head></p>"},
		{"truncated", "<head></head", "<head></head" + tag},
	}
	v := view{id: "abc-1"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := []byte(tt.page)
			if got := string(inject(page, v, "p.html")); got != tt.want {
				t.Errorf("inject(%q) = %q; want %q", tt.page, got, tt.want)
			}
			if string(page) != tt.page {
				t.Errorf("inject modified its input: %q", page)
			}
		})
	}
}

func TestInjectOverlay(t *testing.T) {
	v := view{id: "abc-2", files: map[string][]byte{}, err: errors.New("content/a.md:3:7: bad <b>")}
	got := string(inject([]byte("<html><head></head><body><p>x</p></body></html>"), v, "a/index.html"))
	head, body := strings.Index(got, "</head>"), strings.Index(got, "</body>")
	script, overlay := strings.Index(got, "<script"), strings.Index(got, "<dialog")
	if !(script < head && head < overlay && overlay < body) {
		t.Errorf("inject with an error = %q; want the script before </head> and the overlay before </body>", got)
	}
	if !strings.Contains(got, `<b style="color:#93c5fd">content/a.md:3:7:</b> bad &lt;b&gt;</pre>`) {
		t.Errorf("inject with an error = %q; want the escaped message with its position set apart", got)
	}
	if !strings.Contains(got, `data-relais-error="1"`) {
		t.Errorf("inject with an error = %q; want the script to know", got)
	}
	// Without head or body, the overlay follows the script.
	got = string(inject([]byte("<p>x</p>"), v, "x.html"))
	if !strings.HasPrefix(got, "<p>x</p><script") || !strings.HasSuffix(got, "</dialog>") {
		t.Errorf("inject(fragment) with an error = %q", got)
	}
}

func FuzzInject(f *testing.F) {
	for _, s := range []string{"<html><head></head><body></body></html>", "<HEAD></HEAD", "</body", "é</head>", ""} {
		f.Add(s)
	}
	v := view{id: "x-1", err: errors.New("e")}
	f.Fuzz(func(t *testing.T, page string) {
		got := string(inject([]byte(page), v, "p.html"))
		// Injection only adds: removing the script and the overlay gives
		// the page back.
		script := `<script src="/__relais/reload.js" data-relais-id="x-1" data-relais-page="p.html" data-relais-events="/__relais/events" data-relais-error="1"></script>`
		i := strings.Index(got, script)
		if i < 0 {
			t.Fatalf("inject(%q) = %q: no script", page, got)
		}
		rest := got[:i] + got[i+len(script):]
		j := strings.Index(rest, `<dialog id="__relais-error"`)
		k := strings.Index(rest[max(j, 0):], "</dialog>")
		if j < 0 || k < 0 {
			t.Fatalf("inject(%q) = %q: no overlay", page, got)
		}
		if rest = rest[:j] + rest[j+k+len("</dialog>"):]; rest != page {
			t.Errorf("inject(%q) without its additions = %q", page, rest)
		}
	})
}
