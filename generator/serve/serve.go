// Package serve is relais serve's web server: it serves the latest build
// from memory and reloads the browser when a rebuild changes what it shows.
// The files are never read from disk, and the live-reload script and the
// build-error overlay are added to HTML responses on the way out, so the
// site's files and themes know nothing of development mode.
//
// serve handles paths and bytes only: it never sees the site model.
package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

const (
	// EventsPath is where browsers listen for rebuilds (Server-Sent Events).
	EventsPath = "/__relais/events"
	// ScriptPath serves the live-reload script injected into HTML pages.
	ScriptPath = "/__relais/reload.js"

	reserved = "/__relais/" // relais' own URLs; a site's files there are hidden
)

// Options tunes a Server. The zero value suits a relais site.
type Options struct {
	// NotFound is the path, among the files, of the page served with
	// status 404. Default "404.html".
	NotFound string
}

// Server serves the latest files given to Update. It is safe for
// concurrent use: Update may run while requests are served.
type Server struct {
	opt      Options
	instance string        // differs between runs, so a restart reloads pages
	ping     time.Duration // how often an idle event stream says it is alive
	done     chan struct{} // closed by Close
	close    sync.Once

	mu      sync.RWMutex
	files   map[string][]byte                 // the last good build; nil before the first
	lazy    map[string]func() ([]byte, error) // its files rendered when asked for
	err     error                             // the last build's error, shown over every page
	gen     uint64                            // counts the Updates browsers were told of
	clients map[*client]struct{}
}

// New returns a Server with no site yet: until the first Update, every
// page says that the site is being built, and reloads when it is.
func New(opt Options) *Server {
	if opt.NotFound == "" {
		opt.NotFound = "404.html"
	}
	var b [4]byte
	rand.Read(b[:])
	return &Server{
		opt:      opt,
		instance: hex.EncodeToString(b[:]),
		ping:     15 * time.Second,
		done:     make(chan struct{}),
		clients:  map[*client]struct{}{},
	}
}

// Update swaps in a new build and tells the browsers. files != nil
// replaces the site; nil keeps the last good one (a failed rebuild). err
// != nil shows an overlay with the error over every page until an Update
// with a nil err. changed lists the slash paths whose bytes changed (see
// Changed); nil means anything may have changed. Browsers reload the pages
// that show a changed file, and swap a changed stylesheet in place.
//
// The Server keeps files: neither the map nor its byte slices may be
// modified afterwards.
func (s *Server) Update(files map[string][]byte, err error, changed []string) {
	s.UpdateLazy(files, nil, err, changed)
}

// UpdateLazy is Update for a site some of whose files are rendered when
// first asked for: lazy maps their paths to functions that render them
// (once: a function is called for each request of its file). They are
// part of the site as files are.
func (s *Server) UpdateLazy(files map[string][]byte, lazy map[string]func() ([]byte, error), err error, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	firstBuild := files != nil && s.files == nil
	sameError := errorText(err) == errorText(s.err)
	if files != nil {
		s.files, s.lazy = files, lazy // kept as given: a large site has tens of thousands of files
	}
	s.err = err
	if changed != nil && len(changed) == 0 && sameError && !firstBuild {
		return // nothing a browser could see
	}
	s.gen++
	ev := event{ID: s.id(), All: changed == nil || firstBuild, Error: err != nil}
	if !ev.All {
		ev.Changed = slices.Clone(changed)
		slices.Sort(ev.Changed)
		ev.Changed = slices.Compact(ev.Changed)
	}
	for c := range s.clients {
		c.push(ev)
	}
}

// Close ends every event stream at once, so that an http.Server's
// Shutdown is not held back by browsers listening for rebuilds. Pages are
// still served. Browsers reconnect by themselves to the next relais serve,
// and reload if its build differs.
func (s *Server) Close() {
	s.close.Do(func() { close(s.done) })
}

// id names the current build: a browser whose page came from another
// build reloads when it reconnects. Callers hold s.mu.
func (s *Server) id() string {
	return s.instance + "-" + strconv.FormatUint(s.gen, 10)
}

// view is what one request sees of the server's state.
type view struct {
	files map[string][]byte
	lazy  map[string]func() ([]byte, error)
	err   error
	id    string
}

func (s *Server) view() view {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return view{files: s.files, lazy: s.lazy, err: s.err, id: s.id()}
}

// file returns the file at name, rendering a lazy one.
func (v view) file(name string) ([]byte, bool, error) {
	if b, ok := v.files[name]; ok {
		return b, true, nil
	}
	if render, ok := v.lazy[name]; ok {
		b, err := render()
		return b, true, err
	}
	return nil, false, nil
}

// ServeHTTP serves the files of the last good build, the live-reload
// script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		// The code below is not meant to panic; if it does, one request
		// fails and relais serve goes on.
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			http.Error(w, fmt.Sprintf("relais: internal error: %v", v), http.StatusInternalServerError)
		}
	}()
	switch r.URL.Path {
	case EventsPath:
		s.serveEvents(w, r)
		return
	case ScriptPath:
		if allowed(w, r) {
			write(w, r, http.StatusOK, "text/javascript; charset=utf-8", script)
		}
		return
	}
	if !allowed(w, r) {
		return
	}
	name, redirect, status := resolve(r.URL.Path)
	switch {
	case status != 0:
		http.Error(w, http.StatusText(status), status)
		return
	case redirect != "":
		s.redirect(w, r, redirect)
		return
	case strings.HasPrefix("/"+name, reserved):
		s.notFound(w, r, s.view())
		return
	}
	v := s.view()
	if v.files == nil {
		s.noSite(w, r, v)
		return
	}
	data, ok, err := v.file(name)
	switch {
	case err != nil:
		http.Error(w, fmt.Sprintf("relais: %s: %v", name, err), http.StatusInternalServerError)
		return
	case !ok:
		if _, ok := v.files[name+"/index.html"]; ok && !strings.HasSuffix(r.URL.Path, "/") {
			s.redirect(w, r, r.URL.Path+"/")
			return
		}
		s.notFound(w, r, v)
		return
	}
	ctype := contentType(name, data)
	if isHTML(ctype) {
		data = inject(data, v, name)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	setCommon(h)
	// ServeContent answers HEAD and Range requests (Safari needs ranges
	// to play a video).
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// resolve maps a request path to the name of a file, or to a redirect to
// the clean form of the path, or to an error status. Paths that climb
// ("..", also when percent-encoded) or hold a NUL or a backslash are bad
// requests: browsers never send them.
func resolve(p string) (name, redirect string, status int) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\x00\\") {
		return "", "", http.StatusBadRequest
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return "", "", http.StatusBadRequest
		}
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	if clean != p {
		// "//x" or "/a//b": path.Clean leaves a single leading slash, so
		// the redirect cannot lead to another host.
		return "", clean, 0
	}
	name = strings.TrimPrefix(clean, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, "", 0
}

// allowed answers 405 to methods other than GET and HEAD: the site is
// static.
func allowed(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "405 method not allowed: relais serves a static site (GET and HEAD only)", http.StatusMethodNotAllowed)
	return false
}

func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to string) {
	// Escape again what the request had escaped: "é", and a "?" or "#"
	// that belongs to a file's name.
	to = (&url.URL{Path: to}).EscapedPath()
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	w.Header().Set("Cache-Control", "no-store") // the page may stop existing
	// Not a 301: browsers would remember it after the page is gone.
	http.Redirect(w, r, to, http.StatusFound)
}

// notFound serves the theme's 404 page with status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, v view) {
	if data, ok := v.files[s.opt.NotFound]; ok {
		ctype := contentType(s.opt.NotFound, data)
		if isHTML(ctype) {
			data = inject(data, v, s.opt.NotFound)
		}
		write(w, r, http.StatusNotFound, ctype, data)
		return
	}
	if v.err != nil || acceptsHTML(r) {
		// A browser gets a page that reloads by itself once the missing
		// page is written, and shows the build error if there is one.
		page := fmt.Sprintf(notFoundPage, htmlEscape(r.URL.Path))
		write(w, r, http.StatusNotFound, "text/html; charset=utf-8", inject([]byte(page), v, s.opt.NotFound))
		return
	}
	write(w, r, http.StatusNotFound, "text/plain; charset=utf-8", []byte("404 page not found: "+r.URL.Path+"\n"))
}

// noSite answers before the first good build: a page that waits for it,
// or, when the build failed, the error.
func (s *Server) noSite(w http.ResponseWriter, r *http.Request, v view) {
	if v.err != nil {
		write(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", inject([]byte(errorPage), v, ""))
		return
	}
	w.Header().Set("Retry-After", "1")
	write(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", inject([]byte(waitingPage), v, ""))
}

// acceptsHTML reports whether the request comes from a browser
// navigating, rather than from a script or a command-line tool.
func acceptsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

// write sends a whole response with its own status.
func write(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	setCommon(h)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// setCommon sets the headers every file response carries: browsers must
// ask again after each rebuild, and must not guess other types.
func setCommon(h http.Header) {
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
}
