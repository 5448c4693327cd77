package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// start serves s over HTTP until the test ends; s.Close comes first, or
// the server's Close would wait for the event streams forever.
func start(t *testing.T, s *Server) *httptest.Server {
	srv := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		srv.Close()
	})
	return srv
}

// sse is one Server-Sent Event as a browser sees it; a comment line has
// the name ":".
type sse struct{ name, data string }

// listen opens the event stream of srv and returns its events; the channel
// is closed when the stream ends.
func listen(t *testing.T, srv *httptest.Server) (<-chan sse, context.CancelFunc) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+EventsPath, nil)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("GET %s: %d %q; want 200 text/event-stream", EventsPath, res.StatusCode, res.Header.Get("Content-Type"))
	}
	events := make(chan sse, 16)
	go func() {
		defer close(events)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		var ev sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" || ev.data != "" {
					events <- ev
				}
				ev = sse{}
			case strings.HasPrefix(line, ":"):
				events <- sse{":", strings.TrimSpace(line[1:])}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	t.Cleanup(cancel)
	return events, cancel
}

// next returns the next event that is not a comment.
func next(t *testing.T, events <-chan sse) sse {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("event stream ended")
			}
			if ev.name != ":" {
				return ev
			}
		case <-timeout:
			t.Fatal("no event after 5s")
		}
	}
}

func decode(t *testing.T, ev sse) event {
	t.Helper()
	var e event
	if err := json.Unmarshal([]byte(ev.data), &e); err != nil {
		t.Fatalf("event %q: %v", ev.data, err)
	}
	return e
}

func TestEvents(t *testing.T) {
	s := newServer(t, testSite())
	srv := start(t, s)
	events, _ := listen(t, srv)

	hello := next(t, events)
	id := s.view().id
	if hello.name != "hello" || decode(t, hello).ID != id {
		t.Fatalf("first event = %+v; want hello with id %q", hello, id)
	}
	// The page served now names the same build, so the browser does not
	// reload on this hello.
	if b := body(t, get(t, s, "GET", "/")); !strings.Contains(b, `data-relais-id="`+id+`"`) {
		t.Errorf("page does not carry the build id %q", id)
	}

	check := func(step string, want event) {
		t.Helper()
		ev := next(t, events)
		got := decode(t, ev)
		if ev.name != "change" || got.ID != want.ID || got.All != want.All || got.Error != want.Error || !slices.Equal(got.Changed, want.Changed) {
			t.Errorf("%s: event %s %+v; want change %+v", step, ev.name, got, want)
		}
	}
	s.Update(testSite(), nil, []string{"index.html", "css/style.css", "index.html"})
	check("a good build", event{ID: s.view().id, Changed: []string{"css/style.css", "index.html"}})

	s.Update(nil, errors.New("content/a.md:1: bad"), nil)
	check("a failed build", event{ID: s.view().id, All: true, Error: true})

	s.Update(testSite(), nil, []string{}) // fixed, no byte changed: the overlay must go
	check("the fix", event{ID: s.view().id})

	before := s.view().id
	s.Update(testSite(), nil, []string{}) // nothing a browser could see: no event
	if s.view().id != before {
		t.Errorf("an Update with no change changed the build id")
	}
	s.Update(testSite(), nil, nil)
	check("everything", event{ID: s.view().id, All: true})
}

func TestEventsIDDiffersBetweenRuns(t *testing.T) {
	a, b := New(Options{}), New(Options{})
	if a.view().id == b.view().id {
		t.Errorf("two servers share the build id %q; a restarted relais would not reload pages", a.view().id)
	}
}

func TestEventsPing(t *testing.T) {
	s := newServer(t, testSite())
	s.ping = 10 * time.Millisecond
	srv := start(t, s)
	events, _ := listen(t, srv)
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev == (sse{":", "ping"}) {
				return
			}
		case <-timeout:
			t.Fatal("no ping after 5s")
		}
	}
}

func TestCloseEndsStreams(t *testing.T) {
	s := New(Options{})
	s.Update(testSite(), nil, nil)
	srv := start(t, s)
	var streams []<-chan sse
	for range 3 {
		events, _ := listen(t, srv)
		next(t, events) // hello: the stream is up
		streams = append(streams, events)
	}
	s.Close()
	for i, events := range streams {
		timeout := time.After(5 * time.Second)
	drain:
		for {
			select {
			case _, ok := <-events:
				if !ok {
					break drain
				}
			case <-timeout:
				t.Fatalf("stream %d still open 5s after Close", i)
			}
		}
	}
	res, err := srv.Client().Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("GET %s after Close: %d; want 503", EventsPath, res.StatusCode)
	}
	// Pages are still served, for the last requests of a shutdown.
	if res := get(t, s, "GET", "/"); res.StatusCode != 200 {
		t.Errorf("GET / after Close: %d; want 200", res.StatusCode)
	}
}

func TestEventsClientLeaves(t *testing.T) {
	s := newServer(t, testSite())
	srv := start(t, s)
	events, cancel := listen(t, srv)
	next(t, events)
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.RLock()
		n := len(s.clients)
		s.mu.RUnlock()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d clients registered 5s after the browser left; want 0", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.Update(testSite(), nil, nil) // no one to tell: must not block
}

func TestClientMergesEvents(t *testing.T) {
	c := &client{wake: make(chan struct{}, 1)}
	c.push(event{ID: "x-1", Changed: []string{"b.css"}})
	c.push(event{ID: "x-2", Changed: []string{"a.html", "b.css"}, Error: true})
	got := c.take()
	want := event{ID: "x-2", Changed: []string{"a.html", "b.css"}, Error: true}
	if got == nil || got.ID != want.ID || got.Error != want.Error || got.All || !slices.Equal(got.Changed, want.Changed) {
		t.Errorf("merged event = %+v; want %+v", got, want)
	}
	c.push(event{ID: "x-3", Changed: []string{"a.html"}})
	c.push(event{ID: "x-4", All: true})
	c.push(event{ID: "x-5", Changed: []string{"c.html"}})
	if got := c.take(); got.ID != "x-5" || !got.All || got.Changed != nil {
		t.Errorf("merged event = %+v; want everything, id x-5", got)
	}
	if got := c.take(); got != nil {
		t.Errorf("take after take = %+v; want nil", got)
	}
}
