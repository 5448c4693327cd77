//go:build unix

package publish

import (
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

// A private umask must not make the published site unreadable to the web
// server. Not parallel: the umask belongs to the whole process.
func TestWriteModesIgnoreUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dest := filepath.Join(t.TempDir(), "public")
	if err := Write(dest, site, Options{}); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(fileMode)
		if d.IsDir() {
			want = dirMode | fs.ModeDir
		}
		if fi.Mode() != want {
			t.Errorf("mode of %s = %v; want %v", p, fi.Mode(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
