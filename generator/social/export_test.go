package social

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris on any machine

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// samples composes testdata/posts.json as the output stage would: the
// French typography pass, default options.
func samples(t *testing.T) ([]Item, []Warning, SiteInfo) {
	t.Helper()
	b, err := os.ReadFile("testdata/posts.json")
	if err != nil {
		t.Fatal(err)
	}
	var posts []Post
	if err := json.Unmarshal(b, &posts); err != nil {
		t.Fatal(err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	var items []Item
	var warns []Warning
	for _, p := range posts {
		ex, ws := Compose(p, Options{Typography: frenchTypo})
		items = append(items, Item{Post: p, Excerpts: ex})
		warns = append(warns, ws...)
	}
	return items, warns, SiteInfo{Title: "Blog Communauté", BaseURL: "https://exemple.fr/", Location: paris, Board: "Modération"}
}

// render is every export and the terminal view, as one archive.
func render(t *testing.T, items []Item, site SiteInfo, warns []Warning) []byte {
	t.Helper()
	ar := &txtar.Archive{Comment: []byte("Exports of testdata/posts.json; go test ./generator/social -update rewrites this file.\n")}
	for _, e := range Exports {
		b, err := e.Render(items, site)
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		if b == nil {
			t.Fatalf("%s: nothing rendered, yet every platform is enabled", e.Name)
		}
		ar.Files = append(ar.Files, txtar.File{Name: e.File, Data: b})
	}
	var view, ws strings.Builder
	for _, it := range items {
		view.WriteString(Format(it, nil))
		view.WriteString("\n")
	}
	for _, w := range warns {
		ws.WriteString(w.String() + "\n")
	}
	ar.Files = append(ar.Files, txtar.File{Name: "format.txt", Data: []byte(view.String())}, txtar.File{Name: "warnings.txt", Data: []byte(ws.String())})
	return txtar.Format(ar)
}

func TestExportsGolden(t *testing.T) {
	items, warns, site := samples(t)
	got := render(t, items, site, warns)
	golden := filepath.Join("testdata", "exports.golden.txtar")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		gf, wf := txtar.Parse(got).Files, txtar.Parse(want).Files
		for i := range min(len(gf), len(wf)) {
			if gf[i].Name != wf[i].Name || !bytes.Equal(gf[i].Data, wf[i].Data) {
				t.Fatalf("%s differs from the golden file:\n%s\nwant\n%s", gf[i].Name, gf[i].Data, wf[i].Data)
			}
		}
		t.Fatalf("exports differ from %s (%d files; want %d)", golden, len(gf), len(wf))
	}
	if again := render(t, items, site, warns); !bytes.Equal(again, got) {
		t.Error("a second rendering differs: exports are not deterministic")
	}
}

// TestCSV reads every CSV file back: its columns, one row per valid
// excerpt, the texts and dates as composed.
func TestCSV(t *testing.T) {
	items, _, site := samples(t)
	for _, e := range Exports {
		if !strings.HasSuffix(e.File, ".csv") {
			continue
		}
		t.Run(e.File, func(t *testing.T) {
			b, err := e.Render(items, site)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatalf("encoding/csv cannot read %s back: %v", e.File, err)
			}
			scheduler, _, _ := strings.Cut(e.Name, "-")
			var header []string
			switch scheduler {
			case "sprout":
				header = []string{"date", "time_24hr", "message_text"}
			case "publer":
				header = PublerColumns
			case "pinterest":
				header = PinterestColumns
			}
			if header != nil {
				if !slices.Equal(recs[0], header) {
					t.Fatalf("header = %q; want %q", recs[0], header)
				}
				recs = recs[1:]
			}
			var want []Item
			for _, it := range items {
				pl, _ := Lookup(e.Platform)
				noImage := pl.Image && it.Post.Image == "" && (scheduler == "pinterest" || scheduler == "publer")
				if x, ok := it.excerptFor(e.Platform); ok && x.Valid && !noImage {
					want = append(want, it)
				}
			}
			if len(recs) != len(want) {
				t.Fatalf("%d rows; want %d (valid excerpts)", len(recs), len(want))
			}
			for i, r := range recs {
				it := want[i]
				x, _ := it.excerptFor(e.Platform)
				d := it.Post.Date.In(site.Location)
				switch scheduler {
				case "hootsuite":
					msg, link := splitLink(x)
					if len(r) != 3 || r[0] != d.Format("02/01/2006 15:04") || r[1] != msg {
						t.Errorf("row %d = %q", i, r)
					}
					if pl, _ := Lookup(e.Platform); pl.Link != LinkNone && r[2] != link {
						t.Errorf("row %d link = %q; want %q", i, r[2], link)
					}
				case "sprout":
					if r[0] != d.Format("02/01/2006") || r[1] != d.Format("15:04") || r[2] != x.Paste() {
						t.Errorf("row %d = %q", i, r)
					}
				case "publer":
					if len(r) != 12 || r[0] != d.Format("2006-01-02 15:04") || r[2] != x.Link {
						t.Errorf("row %d = %q", i, r)
					}
					if _, err := time.ParseInLocation("2006-01-02 15:04", r[0], site.Location); err != nil {
						t.Error(err)
					}
				case "pinterest":
					if r[1] != it.Post.Image || r[2] != site.Board || r[4] != x.Text || r[5] != x.Link || r[6] != d.Format("2006-01-02T15:04:05") {
						t.Errorf("row %d = %q", i, r)
					}
				}
			}
		})
	}
}

func TestPinterestUniqueTitles(t *testing.T) {
	items, _, site := samples(t)
	b, _ := PinterestCSV(items, site)
	recs, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	var titles []string
	for _, r := range recs[1:] {
		titles = append(titles, r[0])
	}
	want := []string{
		"Charte de modération\u00A0: le guide pas à pas",
		"Rentrée 2026\u00A0: le programme des rencontres",
		"Charte de modération\u00A0: le guide pas à pas (2)",
	}
	if !slices.Equal(titles, want) {
		t.Errorf("titles = %q; want %q", titles, want)
	}
}

func TestJSON(t *testing.T) {
	items, _, site := samples(t)
	b, err := JSON(items, site)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int
		Site    struct{ Title, URL string }
		Items   []struct {
			URL, Path, Title, Date, Lang, Image string
			Excerpts                            map[string]struct {
				Text     string
				Length   int
				Limit    int
				Valid    bool
				Link     string
				Hashtags []string
				Title    string
				Facets   []Facet
				Problems []string
			}
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Site.Title != "Blog Communauté" || len(doc.Items) != len(items) {
		t.Fatalf("doc = version %d, %q, %d items", doc.Version, doc.Site.Title, len(doc.Items))
	}
	if got := doc.Items[0].Date; got != "2026-09-15T09:30:00+02:00" {
		t.Errorf("date = %q; want the site's time zone", got)
	}
	if got := doc.Items[2].Path; got != "/blog/rentree/" {
		t.Errorf("path = %q", got)
	}
	for i, it := range items {
		for _, e := range it.Excerpts {
			j := doc.Items[i].Excerpts[e.Platform]
			if j.Text != e.Text || j.Length != e.Length || j.Valid != e.Valid || j.Link != e.Link || !slices.Equal(j.Facets, e.Facets) ||
				!slices.Equal(j.Problems, e.Problems) || len(j.Hashtags) != len(e.Hashtags) || j.Title != e.Title {
				t.Errorf("item %d %s: JSON %+v; want %+v", i, e.Platform, j, e)
			}
		}
	}
	if !bytes.Contains(b, []byte(`"$type": "app.bsky.richtext.facet#link"`)) || bytes.Contains(b, []byte(`\u0026`)) {
		t.Errorf("facets not in AT Protocol form, or & escaped")
	}
}

func TestExportsDisabledPlatform(t *testing.T) {
	p := post(func(p *Post) { p.Description = question })
	ex, _ := Compose(p, Options{Disabled: []string{"x"}})
	items := []Item{{Post: p, Excerpts: ex}}
	for _, e := range Exports {
		b, err := e.Render(items, SiteInfo{})
		if err != nil {
			t.Fatal(err)
		}
		if (b == nil) != (e.Platform == "x") {
			t.Errorf("%s: %d bytes; want nil only for the disabled platform", e.File, len(b))
		}
	}
}

func TestFormat(t *testing.T) {
	items, _, _ := samples(t)
	got := Format(items[2], []string{"bluesky", "x", "tiktok"})
	bsky := strings.Index(got, "── Bluesky · ")
	x := strings.Index(got, "── X · 320/280 ✗ ")
	if bsky < 0 || x < bsky || strings.Contains(got, "Mastodon") {
		t.Fatalf("Format(bluesky, x) =\n%s\nwant Bluesky, then X marked invalid, and nothing else", got)
	}
	for _, want := range []string{
		"✗ hand-written text is 320/280 with the link: 40 too many\n",
		"est sur https://exemple.fr/blog/rentree/?ref=lettre&utm_source=bluesky&utm_medium=social&utm_campaign=rentree#programme 🎉",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Format() lacks %q:\n%s", want, got)
		}
	}
}

func TestFacetJSON(t *testing.T) {
	in := []Facet{
		{ByteStart: 0, ByteEnd: 12, Type: "link", URI: "https://exemple.fr/?a=1&b=2"},
		{ByteStart: 14, ByteEnd: 26, Type: "tag", Tag: "Communauté"},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"index":{"byteStart":0,"byteEnd":12},"features":[{"$type":"app.bsky.richtext.facet#link","uri":"https://exemple.fr/?a=1\u0026b=2"}]},` + // json.Marshal escapes &; JSON() does not
		`{"index":{"byteStart":14,"byteEnd":26},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"Communauté"}]}]`
	if string(b) != want {
		t.Errorf("json.Marshal(facets) = %s; want %s", b, want)
	}
	var out []Facet
	if err := json.Unmarshal(b, &out); err != nil || !slices.Equal(out, in) {
		t.Errorf("round trip = %+v, %v; want %+v", out, err, in)
	}
	if _, err := json.Marshal(Facet{Type: "mention"}); err == nil {
		t.Error("a facet of unknown type marshalled")
	}
}

// TestCSVRowLimits keeps each scheduler file within what the tool takes
// in one import, newest articles first.
func TestCSVRowLimits(t *testing.T) {
	var items []Item
	for i := range 400 {
		p := post(func(p *Post) {
			p.Slug = fmt.Sprintf("article-%d", i)
			p.URL = "https://example.fr/posts/" + p.Slug + "/"
			p.Title = fmt.Sprintf("Article %d", i)
			p.Date = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i)
			p.Image = "https://example.fr/posts/" + p.Slug + "/card.png"
		})
		ex, _ := Compose(p, Options{})
		items = append(items, Item{Post: p, Excerpts: ex})
	}
	site := SiteInfo{Title: "Blog", BaseURL: "https://example.fr/", Location: time.UTC}
	tests := []struct {
		file   string
		header bool
		max    int
	}{
		{"hootsuite/x.csv", false, 350},
		{"sprout/linkedin.csv", true, 350},
		{"publer/x.csv", true, 400},
		{"pinterest.csv", true, 100},
	}
	for _, tt := range tests {
		for _, e := range Exports {
			if e.File != tt.file {
				continue
			}
			b, err := e.Render(items, site)
			if err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", tt.file, err)
			}
			n := len(recs)
			if tt.header {
				n--
			}
			if n != tt.max {
				t.Errorf("%s: %d rows; want %d", tt.file, n, tt.max)
			}
			first := recs[0]
			if tt.header {
				first = recs[1]
			}
			if !strings.Contains(strings.Join(first, ","), "article-0") && !strings.Contains(strings.Join(first, ","), "Article 0") {
				t.Errorf("%s: first row %q is not the newest article", tt.file, first)
			}
		}
	}
}

// TestExportsCached: items with a Cache give exactly the bytes of items
// without, when their parts are written, when they are copied, and after
// one item changed (it comes back with a fresh Cache, as relais serve
// gives an article it composed again).
func TestExportsCached(t *testing.T) {
	items, _, site := samples(t)
	renderAll := func(items []Item) map[string][]byte {
		out := map[string][]byte{}
		for _, e := range Exports {
			b, err := e.Render(items, site)
			if err != nil {
				t.Fatalf("%s: %v", e.File, err)
			}
			out[e.File] = b
		}
		return out
	}
	compare := func(step string, got, want map[string][]byte) {
		for f, w := range want {
			if !bytes.Equal(got[f], w) {
				t.Errorf("%s: %s differs from the export without caches", step, f)
			}
		}
	}
	cached := func(items []Item) []Item {
		out := slices.Clone(items)
		for i := range out {
			out[i].Cache = new(Cache)
		}
		return out
	}
	plain := renderAll(items)
	withCache := cached(items)
	compare("parts written", renderAll(withCache), plain)
	compare("parts copied", renderAll(withCache), plain)

	edited := slices.Clone(items)
	ex := slices.Clone(edited[0].Excerpts)
	for i := range ex {
		ex[i].Text = "Changé : " + ex[i].Text
	}
	edited[0].Excerpts = ex
	want := renderAll(edited)
	withCache[0] = cached(edited[:1])[0]
	compare("one item changed", renderAll(withCache), want)
}

// TestExportsWrites: Writes tells, without rendering, whether a Whole
// export writes a file, for every platform enabled or not.
func TestExportsWrites(t *testing.T) {
	items, _, site := samples(t)
	some := 0
	for _, e := range Exports {
		if !e.Whole {
			continue
		}
		some++
		for _, its := range [][]Item{items, nil, items[:1]} {
			b, err := e.Render(its, site)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Writes(its); got != (b != nil) {
				t.Errorf("%s with %d items: Writes = %v; Render wrote %d bytes", e.File, len(its), got, len(b))
			}
		}
	}
	if some < 2 {
		t.Errorf("%d Whole exports; want index.json and Publer's", some)
	}
	disabled := slices.Clone(items)
	for i := range disabled {
		disabled[i].Excerpts = slices.DeleteFunc(slices.Clone(disabled[i].Excerpts), func(e Excerpt) bool { return e.Platform == "x" })
	}
	for _, e := range Exports {
		if e.Whole && e.Platform == "x" {
			b, _ := e.Render(disabled, site)
			if e.Writes(disabled) || b != nil {
				t.Errorf("%s with X disabled: Writes %v, wrote %d bytes; want nothing", e.File, e.Writes(disabled), len(b))
			}
		}
	}
}

// TestExportsReach: a file depends on the first Reach items alone. Items
// past it, changed in every way, leave every export as it was.
func TestExportsReach(t *testing.T) {
	base, _, site := samples(t)
	var items []Item
	for i := 0; len(items) < 1000; i++ { // past every file's row limit
		for _, it := range base {
			it.Post.URL += fmt.Sprintf("?%d", i)
			it.Post.Title += fmt.Sprint(" ", i)
			items = append(items, it)
		}
	}
	capped := 0
	for _, e := range Exports {
		r := e.Reach(items)
		if r < len(items) {
			capped++
		}
		want, err := e.Render(items, site)
		if err != nil {
			t.Fatal(err)
		}
		changed := slices.Clone(items)
		for i := r; i < len(changed); i++ {
			changed[i].Post.Title = "Autre titre"
			changed[i].Post.Image = ""
			ex := slices.Clone(changed[i].Excerpts)
			for k := range ex {
				ex[k].Text, ex[k].Valid = "Autre texte", !ex[k].Valid
			}
			changed[i].Excerpts = ex
		}
		if got, _ := e.Render(changed, site); !bytes.Equal(got, want) {
			t.Errorf("%s: items past its reach (%d of %d) changed the file", e.File, r, len(items))
		}
	}
	if capped < 10 {
		t.Errorf("%d exports stop before the last of %d items; want Hootsuite's, Sprout's and Pinterest's", capped, len(items))
	}
}
