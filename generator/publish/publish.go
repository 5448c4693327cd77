// Package publish is the last step of a build: it writes the site's files
// to public/ (or any destination folder) in one atomic swap. Everything is
// written into a temporary folder beside the destination first, so a build
// that fails half-way, or a crash, leaves the published site as it was, and
// a web server reading public/ never sees a half-written site.
//
// publish handles paths and bytes only: it never sees the site model.
package publish

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options tunes Write. The zero value only runs the checks that need no
// knowledge of the site.
type Options struct {
	// Source is the site's root folder (the folder of config.toml). Write
	// refuses a destination that is this folder, contains it, or lies inside
	// one of its input folders (content/, layouts/, themes/, static/, i18n/).
	// Empty skips these checks.
	Source string
}

const (
	fileMode = 0o644
	dirMode  = 0o755

	// A temporary or old folder this old is a leftover of a relais that
	// was killed half-way; younger ones may belong to a relais running
	// right now, so they are left alone.
	staleAfter = time.Hour
)

// mu serialises Writes in this process: relais serve may publish a rebuild
// while the previous one is still being swapped in.
var mu sync.Mutex

// Write replaces the folder dest with exactly files, a map from slash paths
// ("index.html", "posts/x/index.html") to bytes. Files get mode 0644 and
// folders 0755. An empty map publishes an empty folder.
//
// Every path is checked before anything is written: a path that is
// absolute, climbs with "..", holds a NUL or a backslash, or is both a file
// and a folder is an error, and dest is untouched. Writing goes through
// os.Root, so no path can reach outside the temporary folder even through
// a symbolic link.
//
// dest must be a folder of its own. Before touching anything, Write
// refuses a dest that is the root of the file system, the user's home or
// the current folder (or a folder above either), a file, a folder holding
// a repository (.git), and, given Options.Source, the site's folder, a
// folder above it, or a folder inside its inputs.
//
// If dest is a symbolic link to a folder, the folder it points to is
// replaced and the link is kept. Missing parent folders of dest are
// created. Temporary and old folders that a killed relais left beside dest
// more than an hour ago are removed.
func Write(dest string, files map[string][]byte, opt Options) error {
	if err := CheckPaths(files); err != nil {
		return err
	}
	st, err := Begin(dest, opt)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	slices.Sort(names)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := w; i < len(names); i += writers {
				if err := st.Add(names[i], files[names[i]]); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		st.Abort()
		return err
	}
	return st.Commit()
}

// Stage is a publication under way: each file is written into the
// temporary folder as soon as it is added, so a build can stream its
// output to disk while it renders instead of holding the whole site in
// memory. Nothing is visible in dest before Commit; Abort (or a failed
// Commit) removes the temporary folder and leaves dest as it was.
//
// Add may be called from several goroutines at once. Begin takes the
// process-wide publishing lock; Commit or Abort releases it.
type Stage struct {
	target, tmp string
	root        *os.Root
	fixModes    bool // the umask strips bits: every mode is set by hand

	mu    sync.Mutex
	files map[string]bool
	dirs  map[string]chan struct{} // closed once the folder exists
	done  bool
}

// Begin checks dest as Write does and makes the temporary folder beside it.
func Begin(dest string, opt Options) (*Stage, error) {
	target, err := checkDest(dest, opt.Source)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	st, err := begin(target)
	if err != nil {
		mu.Unlock()
		return nil, err
	}
	return st, nil
}

func begin(target string) (*Stage, error) {
	parent, name := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(parent, dirMode); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	removeLeftovers(parent, name, time.Now())
	tmp, err := os.MkdirTemp(parent, "."+name+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	fail := func(err error) (*Stage, error) {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("publish: %w", err)
	}
	// MkdirTemp made tmp private (0700); the published folder is meant to
	// be read by a web server.
	if err := os.Chmod(tmp, dirMode); err != nil {
		return fail(err)
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return fail(err)
	}
	st := &Stage{target: target, tmp: tmp, root: root, files: map[string]bool{}, dirs: map[string]chan struct{}{}}
	ready := make(chan struct{})
	close(ready)
	st.dirs["."] = ready
	// A restrictive umask (077) would make the files unreadable to the web
	// server and to deploy tools that copy modes. A probe file tells
	// whether the umask strips bits; only then is every mode set by hand.
	if runtime.GOOS != "windows" {
		const probe = ".relais-mode-probe"
		if err := root.WriteFile(probe, nil, fileMode); err != nil {
			root.Close()
			return fail(err)
		}
		fi, err := root.Lstat(probe)
		st.fixModes = err != nil || fi.Mode().Perm() != fileMode
		if err := root.Remove(probe); err != nil {
			root.Close()
			return fail(err)
		}
	}
	return st, nil
}

// Add writes one file, a slash path under dest, refusing what Write
// refuses: a bad path, a path written twice, a file that is also a folder.
// data may be reused once Add returns.
func (st *Stage) Add(p string, data []byte) error {
	if why := badPath(p); why != "" {
		return fmt.Errorf("publish: file path %q: %s", p, why)
	}
	// Claim the path and its folders, then make the folders this call
	// claimed; another call waits for a folder that is being made.
	st.mu.Lock()
	if st.done {
		st.mu.Unlock()
		return errors.New("publish: file added after Commit or Abort")
	}
	if st.files[p] {
		st.mu.Unlock()
		return fmt.Errorf("publish: %s written twice", p)
	}
	if _, ok := st.dirs[p]; ok {
		st.mu.Unlock()
		return fmt.Errorf("publish: file path %q: it is also a folder", p)
	}
	var mine []string
	var wait []chan struct{}
	for d := path.Dir(p); ; d = path.Dir(d) {
		if st.files[d] {
			st.mu.Unlock()
			return fmt.Errorf("publish: file path %q: %q is a file, so it cannot also be a folder", p, d)
		}
		if ch, ok := st.dirs[d]; ok {
			wait = append(wait, ch)
			break
		}
		st.dirs[d] = make(chan struct{})
		mine = append(mine, d)
	}
	st.files[p] = true
	st.mu.Unlock()

	for _, ch := range wait {
		<-ch
	}
	// Parents first: mine runs from the deepest folder up.
	var err error
	for i := len(mine) - 1; i >= 0; i-- {
		d := mine[i]
		if err == nil {
			if err = st.root.Mkdir(d, dirMode); err == nil && st.fixModes {
				err = st.root.Chmod(d, dirMode)
			}
			if err != nil {
				err = fmt.Errorf("publish: %s: %w", d, err)
			}
		}
		st.mu.Lock()
		close(st.dirs[d])
		st.mu.Unlock()
	}
	if err != nil {
		return err
	}
	if err := st.root.WriteFile(p, data, fileMode); err != nil {
		return fmt.Errorf("publish: %s: %w", p, err)
	}
	if st.fixModes {
		if err := st.root.Chmod(p, fileMode); err != nil {
			return fmt.Errorf("publish: %s: %w", p, err)
		}
	}
	return nil
}

// Commit swaps the written folder in for dest.
func (st *Stage) Commit() error {
	if !st.finish() {
		return errors.New("publish: Commit after Commit or Abort")
	}
	defer mu.Unlock()
	st.root.Close()
	if err := swap(st.tmp, st.target); err != nil {
		os.RemoveAll(st.tmp)
		return err
	}
	return nil
}

// Abort removes what was written; dest stays as it was. It may be called
// after Commit, and then does nothing.
func (st *Stage) Abort() {
	if !st.finish() {
		return
	}
	defer mu.Unlock()
	st.root.Close()
	os.RemoveAll(st.tmp)
}

// finish marks the stage closed to Add, once.
func (st *Stage) finish() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.done {
		return false
	}
	st.done = true
	return true
}

// Owns reports whether p is the folder dest, lies inside it, or lies
// inside one of the temporary and old folders Write creates beside it. A
// file watcher uses it to ignore what relais itself writes.
func Owns(dest, p string) bool {
	dest, p = filepath.Clean(dest), filepath.Clean(p)
	if inside(p, dest) {
		return true
	}
	parent := filepath.Dir(dest)
	rel, err := filepath.Rel(parent, p)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return isScratch(first, filepath.Base(dest))
}

// isScratch reports whether base is the name of a temporary or old folder
// of the destination named name.
func isScratch(base, name string) bool {
	return strings.HasPrefix(base, "."+name+".tmp-") || strings.HasPrefix(base, "."+name+".old-")
}

// CheckPaths reports every path of files that Write would refuse, sorted,
// joined in one error; nil when all are fine.
func CheckPaths(files map[string][]byte) error {
	var errs []error
	for p := range files {
		if why := badPath(p); why != "" {
			errs = append(errs, fmt.Errorf("publish: file path %q: %s", p, why))
			continue
		}
		// "a" and "a/b" cannot both exist: "a" would be a file and a folder.
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, ok := files[d]; ok {
				errs = append(errs, fmt.Errorf("publish: file path %q: %q is a file, so it cannot also be a folder", p, d))
				break
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errors.Join(errs...)
}

// badPath says why p cannot be a file of the site, or returns "".
func badPath(p string) string {
	switch {
	case p == "":
		return "empty"
	case strings.ContainsRune(p, 0):
		return "contains a NUL byte"
	case strings.ContainsRune(p, '\\'):
		return `contains a backslash (want slash-separated paths)`
	case strings.HasPrefix(p, "/"):
		return "is absolute (want a path relative to the site's root)"
	case p == "." || !fs.ValidPath(p) || !filepath.IsLocal(filepath.FromSlash(p)):
		return `is not a clean relative path (no "..", ".", empty or trailing elements)`
	}
	return ""
}

// writers is how many files are written at once: enough to overlap the
// system calls of small writes, few enough not to thrash a slow disk.
const writers = 4

// swap puts the folder tmp in the place of target. On failure target is
// as it was.
func swap(tmp, target string) error {
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, target); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		return nil
	}
	old, err := sibling(target, "old")
	if err != nil {
		return err
	}
	if err := os.Rename(target, old); err != nil {
		return fmt.Errorf("publish: move the previous site aside: %w", err)
	}
	if err := os.Rename(tmp, target); err != nil {
		if rerr := os.Rename(old, target); rerr != nil {
			return fmt.Errorf("publish: %w; the previous site is now in %s (%v)", err, old, rerr)
		}
		return fmt.Errorf("publish: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("publish: the site is published, but its previous version could not be removed from %s: %w", old, err)
	}
	return nil
}

// sibling returns a free name ".<name>.<kind>-<random>" beside target.
func sibling(target, kind string) (string, error) {
	for range 10 {
		var b [6]byte
		rand.Read(b[:])
		p := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+"."+kind+"-"+hex.EncodeToString(b[:]))
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
	}
	return "", fmt.Errorf("publish: no free name beside %s", target)
}

// removeLeftovers removes the temporary and old folders of name in parent
// that a killed relais left behind. Failures are ignored: a leftover only
// wastes space.
func removeLeftovers(parent, name string, now time.Time) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !isScratch(e.Name(), name) {
			continue
		}
		fi, err := e.Info()
		if err != nil || now.Sub(fi.ModTime()) < staleAfter {
			continue
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}
