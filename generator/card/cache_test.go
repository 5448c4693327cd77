package card

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestDirCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache", "cards")
	c := DirCache(dir)
	key := Key(Spec{Title: "Titre"})

	if _, ok := c.Get(key); ok {
		t.Fatal("Get on an empty cache hit")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("Get created %s (err %v); want it created on the first Put", dir, err)
	}
	c.Put(key, []byte("card"))
	if got, ok := c.Get(key); !ok || string(got) != "card" {
		t.Errorf("Get after Put = %q, %v; want %q, true", got, ok, "card")
	}
	path := filepath.Join(dir, key[:2], key)
	if b, err := os.ReadFile(path); err != nil || string(b) != "card" {
		t.Errorf("%s = %q, %v; want %q", path, b, err, "card")
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm() != 0o644 {
		t.Errorf("%s mode %v; want 0644", path, fi.Mode().Perm())
	}
	c.Put(key, []byte("redrawn"))
	if got, _ := c.Get(key); string(got) != "redrawn" {
		t.Errorf("Get after a second Put = %q; want %q", got, "redrawn")
	}
	// A fresh DirCache on the same folder is the next build.
	if got, ok := DirCache(dir).Get(key); !ok || string(got) != "redrawn" {
		t.Errorf("Get from a new DirCache = %q, %v; want %q, true", got, ok, "redrawn")
	}
	// No temporary file is left behind.
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func TestDirCacheBadKeys(t *testing.T) {
	root := t.TempDir()
	c := DirCache(filepath.Join(root, "c"))
	for _, key := range []string{"", "ab", "../../evil", "ABCDEF", "zz1234", "ab/cd", "ab\x00cd"} {
		c.Put(key, []byte("x"))
		if _, ok := c.Get(key); ok {
			t.Errorf("Get(%q) hit; want keys other than lowercase hex refused", key)
		}
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		t.Errorf("a refused key wrote %s", e.Name())
	}
}

// TestDirCacheBestEffort checks that a cache that cannot write is a cache
// that misses, not a failed build.
func TestDirCacheBestEffort(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := DirCache(blocker)
	key := Key(Spec{})
	c.Put(key, []byte("card")) // must not panic
	if _, ok := c.Get(key); ok {
		t.Error("Get hit in a cache that cannot be written")
	}
	// An empty file (a disk that filled up) is a miss, not an empty card.
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, key[:2]), 0o755)
	os.WriteFile(filepath.Join(dir, key[:2], key), nil, 0o644)
	if _, ok := DirCache(dir).Get(key); ok {
		t.Error("Get hit on an empty file")
	}
}

func TestDirCacheConcurrent(t *testing.T) {
	c := DirCache(t.TempDir())
	key := Key(Spec{Title: "partagé"})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			c.Put(key, bytes.Repeat([]byte{byte('a' + i)}, 100_000))
			if b, ok := c.Get(key); ok && (len(b) != 100_000 || bytes.Count(b, b[:1]) != len(b)) {
				t.Errorf("Get returned a mix of two writes")
			}
		})
	}
	wg.Wait()
}

// countDraws counts the cards DrawAll draws while the test runs.
func countDraws(t *testing.T) *atomic.Int64 {
	var n atomic.Int64
	testHookDraw = func(Spec) { n.Add(1) }
	t.Cleanup(func() { testHookDraw = nil })
	return &n
}

func TestDrawAll(t *testing.T) {
	specs := []Spec{
		{Title: "Premier article", Site: "Blog", Date: "1 mai 2026"},
		{Title: "Deuxième article", Site: "Blog", Date: "2 mai 2026", Kicker: "Actus"},
		{Title: "Troisième", Site: "Blog", Date: "3 mai 2026", Format: "jpeg"},
		{Title: "Premier article", Site: "Blog", Date: "1 mai 2026"}, // the same card as the first
		{Title: "Couleur fausse", Background: "bleu"},
	}
	draws := countDraws(t)
	cache := DirCache(t.TempDir())

	cards, errs := DrawAll(specs, cache)
	if len(cards) != len(specs) || len(errs) != len(specs) {
		t.Fatalf("DrawAll(%d specs) = %d cards, %d errors; want %d each", len(specs), len(cards), len(errs), len(specs))
	}
	if n := draws.Load(); n != 4 {
		t.Errorf("first DrawAll drew %d cards; want 4 (the duplicate drawn once)", n)
	}
	for i, s := range specs {
		if i == 4 {
			if errs[i] == nil || cards[i] != nil {
				t.Errorf("spec %d: %d bytes, error %v; want no card and an error", i, len(cards[i]), errs[i])
			}
			continue
		}
		want, err := Draw(s)
		if err != nil || errs[i] != nil {
			t.Fatalf("spec %d: Draw error %v, DrawAll error %v", i, err, errs[i])
		}
		if !bytes.Equal(cards[i], want) {
			t.Errorf("spec %d: DrawAll bytes differ from Draw", i)
		}
	}

	draws.Store(0)
	again, errs2 := DrawAll(specs, cache)
	if n := draws.Load(); n != 1 {
		t.Errorf("second DrawAll drew %d cards; want only the failing one retried", n)
	}
	for i := range specs {
		if !bytes.Equal(again[i], cards[i]) || (errs2[i] == nil) != (errs[i] == nil) {
			t.Errorf("spec %d: second DrawAll differs from the first", i)
		}
	}
}

func TestDrawAllNoCache(t *testing.T) {
	draws := countDraws(t)
	specs := make([]Spec, 20)
	for i := range specs {
		specs[i] = Spec{Title: strings.Repeat("mot ", i+1), Site: "Blog"}
	}
	cards, errs := DrawAll(specs, nil)
	if n := draws.Load(); n != int64(len(specs)) {
		t.Errorf("DrawAll(nil cache) drew %d cards; want %d", n, len(specs))
	}
	for i := range specs {
		if errs[i] != nil || len(cards[i]) == 0 {
			t.Errorf("spec %d: %d bytes, %v", i, len(cards[i]), errs[i])
		}
	}
	if cards, errs := DrawAll(nil, nil); len(cards) != 0 || len(errs) != 0 {
		t.Errorf("DrawAll(nil) = %d cards, %d errors; want none", len(cards), len(errs))
	}
}

func BenchmarkDrawAll(b *testing.B) {
	specs := make([]Spec, 32)
	for i := range specs {
		specs[i] = Spec{Title: "Article numéro " + strings.Repeat("très ", i%8) + "long", Site: "Blog Communauté", Date: "22 novembre 2026", Kicker: "Actus"}
	}
	for b.Loop() {
		DrawAll(specs, nil)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(specs))/1000, "ms/card")
}
