package serve

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// page is a browser tab for reload.js: its URL, the attributes relais
// gave the script, the page's elements and the events it receives.
type page struct {
	URL      string            `json:"url"`
	Script   map[string]string `json:"script"`
	Elements []element         `json:"elements"`
	Events   [][2]any          `json:"events"`
}

type element struct {
	Tag   string            `json:"tag"`
	Attrs map[string]string `json:"attrs"`
}

// TestReloadScript runs reload.js under Node.js in a fake browser and
// checks when it reloads the page, swaps stylesheets or does nothing.
func TestReloadScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found: the live-reload script cannot be tested")
		}
		t.Skip("node not found: install Node.js to test the live-reload script")
	}
	const connect = "connect /__relais/events"
	post := func(events ...[2]any) page {
		return page{
			URL: "http://localhost:1313/posts/r%C3%A9seaux/",
			Script: map[string]string{"data-relais-id": "a-1", "data-relais-page": "posts/réseaux/index.html",
				"data-relais-events": EventsPath},
			Elements: []element{
				{"link", map[string]string{"rel": "stylesheet", "href": "/css/style.css"}},
				{"link", map[string]string{"rel": "stylesheet", "href": "https://cdn.example.org/font.css"}},
				{"link", map[string]string{"rel": "icon", "href": "/favicon.png"}},
				{"script", map[string]string{"src": "/js/menu.js"}},
				{"img", map[string]string{"src": "photo.jpg", "srcset": "photo-2x.jpg 2x, /images/big.jpg 1200w"}},
			},
			Events: events,
		}
	}
	hello := func(id string) [2]any { return [2]any{"hello", map[string]any{"id": id}} }
	change := func(id string, changed ...string) [2]any {
		return [2]any{"change", map[string]any{"id": id, "error": false, "changed": changed}}
	}
	withError := post(hello("a-1"), change("a-2", "index.html"))
	withError.Script["data-relais-error"] = "1"
	notFound := page{
		URL:    "http://localhost:1313/brouillon/",
		Script: map[string]string{"data-relais-id": "a-1", "data-relais-page": "404.html"},
		Events: [][2]any{hello("a-1"), change("a-2", "brouillon/index.html")},
	}
	swap := []string{connect, "insert http://localhost:1313/css/style.css?__relais=N", "remove /css/style.css"}
	tests := []struct {
		name string
		page page
		want []string
	}{
		{"same build", post(hello("a-1")), []string{connect}},
		{"rebuilt while away", post(hello("a-2")), []string{connect, "close", "reload"}},
		{"restarted", post(hello("b-0")), []string{connect, "close", "reload"}},
		{"own page", post(hello("a-1"), change("a-2", "index.html", "posts/réseaux/index.html")), []string{connect, "close", "reload"}},
		{"another page", post(hello("a-1"), change("a-2", "index.html", "posts/charte/index.html")), []string{connect}},
		{"stylesheet only", post(hello("a-1"), change("a-2", "css/style.css")), swap},
		{"imported stylesheet", post(hello("a-1"), change("a-2", "css/fonts.css")), swap},
		{"stylesheet and another page", post(hello("a-1"), change("a-2", "css/style.css", "index.html")), swap},
		{"swap then reconnect", post(hello("a-1"), change("a-2", "css/style.css"), hello("a-2")), swap},
		{"script", post(hello("a-1"), change("a-2", "js/menu.js")), []string{connect, "close", "reload"}},
		{"image beside the page", post(hello("a-1"), change("a-2", "posts/réseaux/photo.jpg")), []string{connect, "close", "reload"}},
		{"image in srcset", post(hello("a-1"), change("a-2", "images/big.jpg")), []string{connect, "close", "reload"}},
		{"icon", post(hello("a-1"), change("a-2", "favicon.png")), []string{connect, "close", "reload"}},
		{"unused image", post(hello("a-1"), change("a-2", "images/other.jpg")), []string{connect}},
		{"everything", post(hello("a-1"), [2]any{"change", map[string]any{"id": "a-2", "all": true, "error": false}}), []string{connect, "close", "reload"}},
		{"build fails", post(hello("a-1"), [2]any{"change", map[string]any{"id": "a-2", "all": true, "error": true}}), []string{connect, "close", "reload"}},
		{"build fixed", withError, []string{connect, "close", "reload"}},
		{"missing page written", notFound, []string{"connect /__relais/events", "close", "reload"}},
	}
	var pages []page
	for _, tt := range tests {
		pages = append(pages, tt.page)
	}
	in, err := json.Marshal(pages)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "harness.js"), "reload.js")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var logs [][]string
	if err := json.Unmarshal(out, &logs); err != nil || len(logs) != len(tests) {
		t.Fatalf("node printed %q: %v", out, err)
	}
	for i, tt := range tests {
		if !slices.Equal(logs[i], tt.want) {
			t.Errorf("%s: the page did %q; want %q", tt.name, logs[i], tt.want)
		}
	}
}
