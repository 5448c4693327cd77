package watch

import (
	"io/fs"
	"os"
	"time"
)

// stamp is what polling compares: a file whose size, modification time or
// mode differs from the last scan has changed.
type stamp struct {
	size int64
	mod  int64 // nanoseconds since 1970, comparable with ==
	mode fs.FileMode
}

// snapshot stamps every file and folder under the roots. Folders are kept
// so that a removed folder is reported by its own path, as with fsnotify.
func (w *Watcher) snapshot() map[string]stamp {
	snap := map[string]stamp{}
	for _, r := range w.roots {
		fi, err := os.Stat(r)
		if err != nil {
			continue // not there yet
		}
		if !fi.IsDir() {
			if !w.skipFile(r) {
				snap[r] = stamp{fi.Size(), fi.ModTime().UnixNano(), fi.Mode()}
			}
			continue
		}
		w.walk(r, func(d string) bool {
			snap[d] = stamp{mode: fs.ModeDir}
			return true
		}, func(f string, fi fs.FileInfo) {
			snap[f] = stamp{fi.Size(), fi.ModTime().UnixNano(), fi.Mode()}
		})
	}
	return snap
}

// poll scans the roots every Poll and reports the differences.
func (w *Watcher) poll(last map[string]stamp) {
	tick := time.NewTicker(w.opt.Poll)
	defer tick.Stop()
	for {
		select {
		case <-w.done:
			return
		case <-tick.C:
		}
		next := w.snapshot()
		for _, p := range changes(last, next) {
			w.send(p)
		}
		last = next
	}
}

// changes lists, sorted, the files that were added, removed or changed
// between two snapshots, and the folders that were removed. A new folder
// shows through its files; a folder's own time changes with every file
// added or removed in it and says nothing by itself.
func changes(old, cur map[string]stamp) []string {
	set := map[string]bool{}
	for p, s := range cur {
		o, ok := old[p]
		if s.mode.IsDir() {
			if ok && !o.mode.IsDir() {
				set[p] = true // a file became a folder
			}
			continue
		}
		if !ok || o != s {
			set[p] = true
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			set[p] = true
		}
	}
	return sorted(set)
}
