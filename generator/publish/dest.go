package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// inputDirs are the folders of a site that relais reads. Publishing into
// one would destroy what the user wrote, or feed the output back into the
// next build.
var inputDirs = []string{"content", "layouts", "themes", "static", "i18n"}

// checkDest refuses a destination that Write must never replace and
// returns the folder to replace: dest made absolute, or the folder it
// links to.
func checkDest(dest, source string) (string, error) {
	if dest == "" {
		return "", errors.New("publish: no destination folder given")
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", fmt.Errorf("publish: %w", err)
	}
	target := abs
	fi, err := os.Lstat(abs)
	if err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		real, rerr := filepath.EvalSymlinks(abs)
		if rerr != nil {
			return "", refuse(dest, "is a symbolic link to nothing (want a folder)")
		}
		target = real
		fi, err = os.Stat(real)
	}
	switch {
	case err == nil && !fi.IsDir():
		return "", refuse(dest, "is a file (want a folder)")
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("publish: %w", err)
	}

	if err == nil {
		// A deploy workflow may keep public/ as a checkout of the branch it
		// publishes; replacing the folder would delete its history.
		for _, vcs := range []string{".git", ".hg", ".svn", ".jj"} {
			if _, err := os.Lstat(filepath.Join(target, vcs)); err == nil {
				return "", fmt.Errorf("publish: refusing to replace %s: it holds a repository (%s) that publishing would delete; publish to another folder and copy the files into the repository", dest, vcs)
			}
		}
	}

	home, err := os.UserHomeDir()
	if err == nil && home != "" {
		home, err = filepath.Abs(home)
	}
	if err != nil {
		home = ""
	}
	wd, err := os.Getwd()
	if err != nil {
		wd = ""
	}
	src := ""
	if source != "" {
		if src, err = filepath.Abs(source); err != nil {
			return "", fmt.Errorf("publish: %w", err)
		}
	}
	// Check the path as given and the folder it resolves to: either may
	// be the one that matches.
	for _, d := range slices.Compact([]string{abs, target}) {
		if filepath.Dir(d) == d {
			return "", refuse(dest, "is the root of the file system")
		}
		if home != "" {
			if same(d, home) {
				return "", refuse(dest, "is your home folder")
			}
			if contains(d, home) {
				return "", refuse(dest, "contains your home folder")
			}
		}
		if wd != "" && contains(d, wd) {
			return "", refuse(dest, "is or contains the current folder")
		}
		if src == "" {
			continue
		}
		if same(d, src) {
			return "", refuse(dest, "is the site's source folder")
		}
		if contains(d, src) {
			return "", refuse(dest, "contains the site's source folder")
		}
		for _, in := range inputDirs {
			if contains(filepath.Join(src, in), d) {
				return "", refuse(dest, "is inside the site's "+in+"/ folder")
			}
		}
	}
	return target, nil
}

func refuse(dest, why string) error {
	return fmt.Errorf("publish: refusing to replace %s: it %s; publish to a folder of its own, such as public/", dest, why)
}

// contains reports whether the folder dir is p or one of p's ancestors. It
// compares files, not only names, so that symbolic links, bind mounts and
// case-insensitive file systems cannot hide a match.
func contains(dir, p string) bool {
	for {
		if same(dir, p) {
			return true
		}
		up := filepath.Dir(p)
		if up == p {
			return false
		}
		p = up
	}
}

// same reports whether a and b name the same file.
func same(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// inside reports whether p is dir or lies below it, by names alone.
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}
