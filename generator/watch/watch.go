// Package watch tells relais serve which source files changed, so that it
// rebuilds once per save rather than once per file system event. It turns
// the operating system's notifications (fsnotify), or a periodic scan where
// those do not work (WSL, Docker mounts, network drives), into batches of
// paths: one batch for an editor's whole save storm.
//
// watch handles paths only: it never sees the site model.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options tunes a Watcher. The zero value suits an editor on a local disk.
type Options struct {
	// Delay is the batching window: the Final Batch is sent once no change
	// arrived for Delay, and at the latest 5×Delay after the first change,
	// so that a program that keeps writing still gets its changes; an
	// early look after Delay/5 of quiet. Default 50ms: an editor's save (a
	// write, or a temp file renamed over) comes as a burst well inside it.
	Delay time.Duration
	// Poll > 0 scans the roots every Poll instead of asking the operating
	// system, for file systems that send no notifications.
	Poll time.Duration
	// Ignore, when set, drops the paths it returns true for; an ignored
	// folder is not watched at all. relais ignores its own output there.
	Ignore func(path string) bool
}

// DefaultDelay is the batching window when Options.Delay is zero.
const DefaultDelay = 50 * time.Millisecond

// Watcher sends batches of changed paths until it is closed.
type Watcher struct {
	// Batches receives the changed paths (see Batch: an early look, then
	// the Final Batch of each save storm). A file that was written,
	// created, renamed over (an editor's atomic save), removed or moved
	// away is reported by its own path, never by the path of an editor's
	// temporary file. A new folder is reported as the files it holds; a
	// removed folder by its own path too. Batches is closed by Close.
	Batches <-chan Batch
	// Errors receives problems that do not stop the watcher, such as a
	// folder that could not be watched. It is buffered; errors that find
	// it full are dropped, so a caller that never reads it is not stalled.
	Errors <-chan error

	roots  []string
	opt    Options
	fsw    *fsnotify.Watcher // nil when polling
	dirs   map[string]bool   // the folders fsw watches; only loop touches it once started
	events chan change       // changed paths, to the batcher
	errs   chan error
	done   chan struct{}
	wg     sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
}

// New watches roots, folders (with everything below them) and single files
// such as config.toml. A root that does not exist yet is watched for
// creation through the nearest folder above it that does.
func New(roots []string, opt Options) (*Watcher, error) {
	if len(roots) == 0 {
		return nil, errors.New("watch: no folder or file to watch")
	}
	if opt.Delay <= 0 {
		opt.Delay = DefaultDelay
	}
	abs := make([]string, 0, len(roots))
	for _, r := range roots {
		a, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		abs = append(abs, a)
	}
	slices.Sort(abs)
	batches, errs := make(chan Batch), make(chan error, 64)
	w := &Watcher{
		Batches: batches,
		Errors:  errs,
		roots:   slices.Compact(abs),
		opt:     opt,
		events:  make(chan change),
		errs:    errs,
		done:    make(chan struct{}),
	}
	if opt.Poll > 0 {
		snap := w.snapshot()
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			w.poll(snap)
		}()
	} else {
		fsw, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, fmt.Errorf("watch: %w", hint(err))
		}
		w.fsw, w.dirs = fsw, map[string]bool{}
		for _, r := range w.roots {
			if err := w.watchRoot(r, false); err != nil {
				fsw.Close()
				return nil, err
			}
		}
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			w.loop()
		}()
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		batch(w.events, batches, opt.Delay, w.done)
	}()
	return w, nil
}

// Close stops the watcher, its goroutines and the operating system's
// watches, then closes Batches. It is safe to call more than once.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		if w.fsw != nil {
			w.closeErr = w.fsw.Close()
		}
		w.wg.Wait()
	})
	return w.closeErr
}

// loop turns fsnotify events into changed paths.
func (w *Watcher) loop() {
	for {
		select {
		case <-w.done:
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// The system dropped events: anything may have changed.
				w.rescan()
				continue
			}
			w.error(fmt.Errorf("watch: %w", hint(err)))
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		}
	}
}

// chmodIsNoise is true where attribute changes come mostly from indexers,
// backup and antivirus software (Spotlight on macOS) rather than from a
// user. On Linux a Chmod is what `touch file` sends, a way to ask for a
// rebuild.
var chmodIsNoise = runtime.GOOS != "linux"

func (w *Watcher) handle(ev fsnotify.Event) {
	p := filepath.Clean(ev.Name)
	if ev.Op == fsnotify.Chmod && chmodIsNoise {
		return
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
			// fsnotify is not recursive: watch the new folder, and report
			// what was written in it before the watch began.
			if w.aboveRoot(p) {
				w.rewatchRootsBelow(p, true)
			} else if w.relevant(p) && !w.skipDir(p) {
				if err := w.addTree(p, true); err != nil {
					w.error(err)
				}
			}
			return
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.unwatch(p)
		// A root (or a folder above one) went away: watch the nearest
		// folder above it so that its return is seen.
		w.rewatchRootsBelow(p, false)
	} else if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
		// A folder's own Write or Chmod says nothing about its files.
		return
	}
	if w.relevant(p) && !IsTemp(p) {
		w.send(p)
	}
}

// rewatchRootsBelow watches again each root that is p or lies below p.
func (w *Watcher) rewatchRootsBelow(p string, report bool) {
	for _, r := range w.roots {
		if !under(r, p) {
			continue
		}
		if r == p && !report {
			// The root itself went away: its parent is watched already
			// unless the parent went away too.
			if _, err := os.Stat(filepath.Dir(r)); err == nil {
				continue
			}
		}
		if err := w.watchRoot(r, report); err != nil {
			w.error(err)
		}
	}
}

// watchRoot watches the root r: the folder above it, so that r's removal
// and creation are seen, and all of r when it is a folder. A missing root
// is watched through the nearest existing folder above it.
func (w *Watcher) watchRoot(r string, report bool) error {
	fi, err := os.Stat(r)
	if err != nil {
		for a := filepath.Dir(r); ; a = filepath.Dir(a) {
			if fi, err := os.Stat(a); err == nil && fi.IsDir() {
				return w.add(a)
			}
			if filepath.Dir(a) == a {
				return fmt.Errorf("watch: %s: no folder above it exists", r)
			}
		}
	}
	if parent := filepath.Dir(r); parent != r {
		if err := w.add(parent); err != nil {
			return err
		}
	}
	if !fi.IsDir() {
		if report && !w.skipFile(r) {
			w.send(r)
		}
		return nil
	}
	return w.addTree(r, report)
}

// addTree watches the folder dir and every folder below it; with report,
// it also reports the files found, which were created before the watch
// began. It stops at the first folder the system refuses to watch.
func (w *Watcher) addTree(dir string, report bool) error {
	var first error
	w.walk(dir, func(d string) bool {
		if err := w.add(d); err != nil {
			first = err
			return false
		}
		return true
	}, func(f string, _ fs.FileInfo) {
		if report {
			w.send(f)
		}
	})
	return first
}

// add asks the operating system to watch the folder dir. A folder that
// vanished meanwhile is not an error: its removal is reported anyway.
func (w *Watcher) add(dir string) error {
	err := w.fsw.Add(dir)
	if err == nil {
		w.dirs[dir] = true
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fsnotify.ErrClosed) {
		return nil
	}
	return fmt.Errorf("watch: %s: %w", dir, hint(err))
}

// unwatch drops the watches of the folder p, gone or moved away, and of
// the folders below it. inotify watches a folder, not its name: a folder
// moved to a new name inside a root would otherwise keep reporting its
// files under the old name, and fsnotify would hand the old watch back
// when the new name is added.
func (w *Watcher) unwatch(p string) {
	if !w.dirs[p] {
		return
	}
	for d := range w.dirs {
		if under(d, p) {
			w.fsw.Remove(d) // may fail: the system dropped it already
			delete(w.dirs, d)
		}
	}
}

// rescan reports every root as changed and watches any folder missed.
func (w *Watcher) rescan() {
	for _, r := range w.roots {
		if err := w.watchRoot(r, false); err != nil {
			w.error(err)
		}
		w.send(r)
	}
}

// hint adds what to do when the system runs out of watches.
func hint(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("%w (the system limits how many folders a program may watch: raise the limit, e.g. sysctl fs.inotify.max_user_watches=524288, or poll instead)", err)
	}
	return err
}

// relevant reports whether p is one of the roots or lies below one, and is
// not ignored.
func (w *Watcher) relevant(p string) bool {
	for _, r := range w.roots {
		if !under(p, r) {
			continue
		}
		for _, name := range strings.Split(p[len(r):], string(filepath.Separator)) {
			if vcsDirs[name] {
				return false
			}
		}
		return w.opt.Ignore == nil || !w.opt.Ignore(p)
	}
	return false
}

// under reports whether p is dir or lies below it.
func under(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// aboveRoot reports whether p is a root or a folder above one.
func (w *Watcher) aboveRoot(p string) bool {
	for _, r := range w.roots {
		if under(r, p) {
			return true
		}
	}
	return false
}

// vcsDirs hold version control data, never site input; a commit or a
// checkout writes hundreds of files there.
var vcsDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, ".jj": true}

func (w *Watcher) skipDir(p string) bool {
	return vcsDirs[filepath.Base(p)] || (w.opt.Ignore != nil && w.opt.Ignore(p))
}

func (w *Watcher) skipFile(p string) bool {
	return IsTemp(p) || (w.opt.Ignore != nil && w.opt.Ignore(p))
}

// walk calls dirFn for the folder dir and each folder below it, and fileFn
// for each file, skipping ignored ones. It follows dir if it is a symbolic
// link but no link below it, which could loop. dirFn returning false stops
// the walk.
func (w *Watcher) walk(dir string, dirFn func(string) bool, fileFn func(string, fs.FileInfo)) bool {
	if !dirFn(dir) {
		return false
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.error(fmt.Errorf("watch: %w", err))
		}
		return true
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if !w.skipDir(p) && !w.walk(p, dirFn, fileFn) {
				return false
			}
			continue
		}
		if w.skipFile(p) {
			continue
		}
		fi, err := os.Stat(p) // through a link, to see its target's changes
		if err != nil || fi.IsDir() {
			continue // a broken link, or a link to a folder: not followed
		}
		fileFn(p, fi)
	}
	return true
}

// send hands p to the batcher, with the time the file system gives the
// change: the file's modification time, or its folder's when it is gone.
func (w *Watcher) send(p string) {
	var at time.Time
	if fi, err := os.Lstat(p); err == nil {
		at = fi.ModTime()
	} else if fi, err := os.Lstat(filepath.Dir(p)); err == nil {
		at = fi.ModTime()
	}
	select {
	case w.events <- change{p, at}:
	case <-w.done:
	}
}

// error reports err without ever blocking.
func (w *Watcher) error(err error) {
	select {
	case w.errs <- err:
	default:
	}
}
