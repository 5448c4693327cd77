package watch

import (
	"path/filepath"
	"strings"
)

// IsTemp reports whether the file name (or the last element of a path) is
// one that editors, browsers and desktops write beside the real files: a
// swap file, a backup, a lock, an atomic save's temporary copy, a partial
// download, a folder's metadata. Such files are never site input, and a
// rebuild for them would only run twice per save.
func IsTemp(name string) bool {
	base := filepath.Base(name)
	switch base {
	case "4913", // vim writes it to probe whether the folder is writable
		".DS_Store", "Thumbs.db", "desktop.ini": // Finder's and Explorer's metadata
		return true
	}
	for _, prefix := range []string{
		".#",              // emacs lock link
		".goutputstream-", // GNOME's atomic save
		"~$",              // office suites' lock
	} {
		if strings.HasPrefix(base, prefix) {
			return true
		}
	}
	lower := strings.ToLower(base) // Windows programs write .TMP too
	for _, suffix := range []string{
		".swp", ".swo", ".swn", ".swx", // vim swap files, and the one vim writes to test
		"~",                            // backups: vim, emacs, gedit, kate
		".tmp",                         // many programs' atomic saves
		"___jb_tmp___", "___jb_old___", // JetBrains' atomic save
		".kate-swp",            // kate swap file
		".crdownload", ".part", // Chrome's and Firefox's partial downloads
	} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	// emacs auto-save: #name#
	if len(base) > 2 && base[0] == '#' && base[len(base)-1] == '#' {
		return true
	}
	return isSedTemp(base)
}

// isSedTemp matches the file `sed -i` writes and renames over the real
// one: "sed" and six letters or digits, no extension.
func isSedTemp(base string) bool {
	if len(base) != 9 || !strings.HasPrefix(base, "sed") {
		return false
	}
	for _, r := range base[3:] {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}
