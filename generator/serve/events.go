package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// event tells browsers about a rebuild. It is the data of an SSE "change"
// event; "hello", sent when a browser connects, carries only the ID.
type event struct {
	ID      string   `json:"id"`                // the build now served
	All     bool     `json:"all,omitempty"`     // anything may have changed
	Error   bool     `json:"error"`             // pages now show the error overlay
	Changed []string `json:"changed,omitempty"` // slash paths, sorted, when not All
}

// merge folds a later event into e, for a browser that has not read e yet.
func (e *event) merge(later event) {
	e.ID, e.Error = later.ID, later.Error
	e.All = e.All || later.All
	if e.All {
		e.Changed = nil
		return
	}
	e.Changed = append(e.Changed, later.Changed...)
	slices.Sort(e.Changed)
	e.Changed = slices.Compact(e.Changed)
}

// client is one browser tab listening. Events wait in pending, merged,
// so that a slow tab never blocks Update and never misses a change.
type client struct {
	mu      sync.Mutex
	pending *event
	wake    chan struct{} // buffered 1: "pending has something"
}

func (c *client) push(ev event) {
	c.mu.Lock()
	if c.pending == nil {
		ev.Changed = slices.Clone(ev.Changed)
		c.pending = &ev
	} else {
		c.pending.merge(ev)
	}
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *client) take() *event {
	c.mu.Lock()
	defer c.mu.Unlock()
	ev := c.pending
	c.pending = nil
	return ev
}

// serveEvents streams rebuild events to one browser until it leaves or
// the server closes.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	select {
	case <-s.done:
		http.Error(w, "relais serve is stopping", http.StatusServiceUnavailable)
		return
	default:
	}
	c := &client{wake: make(chan struct{}, 1)}
	// Registering and reading the ID under one lock: no Update can fall
	// between the hello and the first change.
	s.mu.Lock()
	s.clients[c] = struct{}{}
	id := s.id()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()

	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's WriteTimeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // a proxy must pass events on at once
	w.WriteHeader(http.StatusOK)
	hello, _ := json.Marshal(struct {
		ID string `json:"id"`
	}{id})
	// retry: reconnect a second after relais serve restarts.
	if _, err := fmt.Fprintf(w, "retry: 1000\n\nevent: hello\ndata: %s\n\n", hello); err != nil || rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(s.ping)
	defer ping.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-ping.C:
			// A comment line: proxies and browsers see traffic and keep
			// the connection open.
			_, err = fmt.Fprint(w, ": ping\n\n")
		case <-c.wake:
			ev := c.take()
			if ev == nil {
				continue
			}
			data, _ := json.Marshal(ev)
			_, err = fmt.Fprintf(w, "event: change\ndata: %s\n\n", data)
		}
		if err != nil || rc.Flush() != nil {
			return
		}
	}
}
