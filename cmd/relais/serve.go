package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/relais/relais/generator"
	"github.com/relais/relais/generator/publish"
	"github.com/relais/relais/generator/serve"
	"github.com/relais/relais/generator/watch"
)

const serveHelp = `Usage: relais serve [flags]

Builds the site in memory (public/ is not touched) and serves it with live
reload: every saved change rebuilds the site and reloads the browser.

Flags:
  -p, --port PORT       port to listen on (default 1414; the next free one if taken)
      --bind ADDR       interface to listen on (default 127.0.0.1; 0.0.0.0 to share on the network)
      --open            open the site in the browser
      --poll DURATION   watch by polling every DURATION (e.g. 500ms) where file events
                        do not arrive: WSL, Docker mounts, network drives
` + siteFlagsHelp

func runServe(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var port int
	var bind string
	var open bool
	var poll time.Duration
	fs := newFlagSet("serve", serveHelp, stdout, stderr)
	sf.register(fs)
	fs.IntVar(&port, "p", 1414, "")
	fs.IntVar(&port, "port", 1414, "")
	fs.StringVar(&bind, "bind", "127.0.0.1", "")
	fs.BoolVar(&open, "open", false, "")
	fs.DurationVar(&poll, "poll", 0, "")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	opt, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "relais serve: %v\n", err)
		return exitUsage
	}
	if _, err := os.Stat(filepath.Join(opt.Root, "config.toml")); err != nil {
		fmt.Fprintf(stderr, "relais serve: no config.toml in %s: run this in a site folder, or create one with `relais init DIR`\n", opt.Root)
		return exitBuild
	}
	ln, err := listen(bind, port, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "relais serve: %v\n", err)
		return exitUsage
	}
	addr := ln.Addr().(*net.TCPAddr)
	host := bind
	if host == "0.0.0.0" || host == "::" || host == "" {
		host = "127.0.0.1"
	}
	local := "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/"
	if opt.BaseURL == "" {
		opt.BaseURL = local
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv := serve.New(serve.Options{})
	defer srv.Close()
	roots := []string{"content", "layouts", "themes", "static", "i18n", "config.toml"}
	for i, r := range roots {
		roots[i] = filepath.Join(opt.Root, r)
	}
	public := filepath.Join(opt.Root, "public")
	cache := filepath.Join(opt.Root, ".relais")
	w, err := watch.New(roots, watch.Options{Poll: poll, Ignore: func(p string) bool {
		// relais's own output and card cache are not sources: reacting to
		// them would rebuild forever.
		return publish.Owns(public, p) || p == cache || strings.HasPrefix(p, cache+string(filepath.Separator))
	}})
	if err != nil {
		fmt.Fprintf(stderr, "relais serve: watching %s: %v\n", opt.Root, err)
		return exitBuild
	}
	defer w.Close()
	// The first build comes after the watcher starts: a file saved while
	// it runs is then rebuilt at once, rather than left stale until the
	// next save.
	// The server answers during the first build too: a browser opened
	// early gets a waiting page that reloads when the site is ready.
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	// The social exports that hold every article are rendered when asked
	// for: rewriting a hundred megabytes on each save that changes an
	// excerpt would make those saves slow.
	opt.Defer = true
	b := &rebuilder{root: opt.Root, builder: generator.NewBuilder(opt), srv: srv, out: stdout, errw: stderr}
	b.rebuild(nil)
	b.show("start")
	fmt.Fprintf(stdout, "relais: serving %s at %s (Ctrl-C to stop)\n", relPath(opt.Root), local)
	if open {
		openBrowser(local)
	}
	for {
		select {
		case <-ctx.Done():
			srv.Close() // end the live-reload streams so Shutdown does not wait for them
			sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			hs.Shutdown(sctx)
			cancel()
			fmt.Fprintln(stdout, "relais: stopped")
			return exitOK
		case batch, ok := <-w.Batches:
			if !ok {
				return exitOK
			}
			// Rebuild at once, even on an early look, so that the rebuild
			// overlaps the batching window; show the site only once the
			// save is over (the Final batch): never a half-written file.
			if len(batch.Paths) > 0 {
				b.rebuild(batch.Paths)
			}
			if batch.Final && b.pending {
				b.show(describe(opt.Root, b.paths))
			}
		case err, ok := <-w.Errors:
			if ok {
				fmt.Fprintf(stderr, "relais serve: watch: %v\n", err)
			}
		}
	}
}

// listen opens port, or the next free one, saying so.
func listen(bind string, port int, stderr io.Writer) (net.Listener, error) {
	var first error
	for p := port; p < port+20; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			if p != port {
				fmt.Fprintf(stderr, "relais serve: port %d is busy, using %d\n", port, p)
			}
			return ln, nil
		}
		if first == nil {
			first = err
		}
		if port == 0 {
			break
		}
	}
	return nil, first
}

// rebuilder rebuilds the site and hands the result to the server. Its
// Builder keeps what a build learnt, so that a save rebuilds only what it
// touches, and says which files changed.
type rebuilder struct {
	root    string
	builder *generator.Builder
	srv     *serve.Server
	out     io.Writer
	errw    io.Writer

	// What was rebuilt since the site was last shown: a save may take an
	// early rebuild and a last one (see watch.Batch).
	pending bool
	paths   []string // the changed source files, absolute
	res     *generator.Result
	err     error
	took    time.Duration
	redone  int // output files rendered again
	// The files changed since the last good site shown (nil: all). A
	// failed rebuild shows no files, so they carry over to the next.
	changed []string
	all     bool
}

// rebuild rebuilds after the files in paths (absolute; nil for
// everything) changed, and keeps the result until show.
func (b *rebuilder) rebuild(paths []string) {
	start := time.Now()
	var rel []string // nil: everything
	if paths != nil {
		rel = b.sourcePaths(paths)
	}
	res, err := b.builder.Build(os.DirFS(b.root), rel)
	b.took += time.Since(start)
	b.pending, b.res, b.err = true, res, err
	if res != nil {
		b.redone += res.Rendered
	}
	b.paths = append(b.paths, paths...)
	if err == nil {
		if res.Changed == nil {
			b.all = true
		}
		b.changed = append(b.changed, res.Changed...)
	}
}

// show hands the last rebuild to the server and says what happened.
func (b *rebuilder) show(what string) {
	res, err, took, redone := b.res, b.err, b.took, b.redone
	b.pending, b.paths, b.res, b.err, b.took, b.redone = false, nil, nil, nil, 0, 0
	if err != nil {
		fmt.Fprintf(b.errw, "relais: %s: build failed, still serving the last good site\n", what)
		printErrors(b.errw, err)
		b.srv.Update(nil, err, nil)
		return
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(b.errw, "warning: %v\n", w)
	}
	changed := slices.Compact(slices.Sorted(slices.Values(b.changed))) // two rebuilds may name a file twice
	if b.all {
		changed = nil
	} else if changed == nil {
		changed = []string{} // nothing changed, which nil would not say
	}
	b.changed, b.all = nil, false
	b.srv.UpdateLazy(res.Files, res.Deferred, nil, changed)
	n := "all"
	if changed != nil {
		n = strconv.Itoa(len(changed))
	}
	fmt.Fprintf(b.out, "relais: %s: %s rendered, %s changed (%d pages in all), %d ms\n",
		what, plural(redone, "file", "files"), n, res.Pages, took.Milliseconds())
}

// sourcePaths turns the watcher's paths into the Builder's: slash paths
// from the site root. A path outside the root makes it rebuild everything.
func (b *rebuilder) sourcePaths(batch []string) []string {
	out := make([]string, 0, len(batch))
	for _, p := range batch {
		r, err := filepath.Rel(b.root, p)
		if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return nil
		}
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func describe(root string, batch []string) string {
	names := make([]string, 0, len(batch))
	for _, p := range slices.Compact(slices.Sorted(slices.Values(batch))) {
		if r, err := filepath.Rel(root, p); err == nil {
			p = r
		}
		names = append(names, filepath.ToSlash(p))
	}
	if len(names) > 3 {
		return strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d more", len(names)-3)
	}
	return strings.Join(names, ", ")
}

func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err == nil {
		go cmd.Wait()
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
