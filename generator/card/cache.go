package card

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Cache keeps drawn cards between builds, by Key. Implementations are
// best effort: a failed Get is a miss, a failed Put is forgotten, and both
// are called from several goroutines at once.
type Cache interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte)
}

// DirCache keeps cards as files, dir/<key[:2]>/<key>, the layout of Git's
// objects: no folder grows past a few hundred files. dir is created on the
// first Put. Writes go to a temporary file renamed into place, so a build
// killed mid-write, or two builds sharing the folder, never leave half a
// card behind. Remove the folder to start afresh; a new relais that draws
// differently uses new keys, and old files are simply never read again.
func DirCache(dir string) Cache { return dirCache(dir) }

type dirCache string

func (d dirCache) path(key string) (string, bool) {
	if len(key) < 3 {
		return "", false
	}
	for _, c := range key { // keys are hex: nothing can climb out of dir
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", false
		}
	}
	return filepath.Join(string(d), key[:2], key), true
}

func (d dirCache) Get(key string) ([]byte, bool) {
	p, ok := d.path(key)
	if !ok {
		return nil, false
	}
	b, err := os.ReadFile(p)
	if err != nil || len(b) == 0 {
		return nil, false
	}
	return b, true
}

func (d dirCache) Put(key string, data []byte) {
	p, ok := d.path(key)
	if !ok {
		return
	}
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644) // CreateTemp makes 0600; the cache is as readable as the site
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// testHookDraw, when set, is called for every card DrawAll actually draws.
var testHookDraw func(Spec)

// DrawAll draws specs in parallel, at most GOMAXPROCS at a time. A card
// found in cache is not drawn again, and identical Specs are drawn once
// (their results share one slice). The results line up with specs:
// cards[i] is nil exactly when errs[i] is not, and errs always has
// len(specs) entries. Failed cards are not cached, so the next build
// reports them again. cache may be nil.
func DrawAll(specs []Spec, cache Cache) (cards [][]byte, errs []error) {
	cards = make([][]byte, len(specs))
	errs = make([]error, len(specs))

	// One job per distinct key; its duplicates copy its result.
	keys := make([]string, len(specs))
	first := make(map[string]int, len(specs))
	var jobs []int
	for i, s := range specs {
		keys[i] = Key(s)
		if _, dup := first[keys[i]]; !dup {
			first[keys[i]] = i
			jobs = append(jobs, i)
		}
	}

	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				cards[i], errs[i] = drawCached(specs[i], keys[i], cache)
			}
		})
	}
	for _, i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()

	for i := range specs {
		if j := first[keys[i]]; j != i {
			cards[i], errs[i] = cards[j], errs[j]
		}
	}
	return cards, errs
}

func drawCached(s Spec, key string, cache Cache) ([]byte, error) {
	if cache != nil {
		if b, ok := cache.Get(key); ok {
			return b, nil
		}
	}
	if testHookDraw != nil {
		testHookDraw(s)
	}
	b, err := Draw(s)
	if err != nil {
		return nil, err
	}
	if cache != nil {
		cache.Put(key, b)
	}
	return b, nil
}
