package watch

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// The batcher runs in a synctest bubble: its clock is fake, so the tests
// check exact times without waiting for them.

const testDelay = 80 * time.Millisecond // an early look after 16ms of quiet

// startBatch runs batch and returns its input, output and stop function.
// Paths sent on its input have no date: they changed when they came.
func startBatch(t *testing.T) (chan<- string, <-chan Batch, func()) {
	in, out, done := make(chan string), make(chan Batch), make(chan struct{})
	changes := make(chan change)
	go func() {
		for p := range in {
			changes <- change{path: p}
		}
	}()
	go batch(changes, out, testDelay, done)
	return in, out, func() {
		close(in)
		close(done)
		if _, ok := <-out; ok {
			t.Errorf("batch sent after done; want out closed")
		}
	}
}

// show writes a Batch and when it came, for comparing sequences.
func show(b Batch, at time.Duration) string {
	kind := "look"
	if b.Final {
		kind = "final"
	}
	return fmt.Sprintf("%v %s %s", at, kind, strings.Join(b.Paths, ","))
}

// receiveAll reads Batches until none is pending once every goroutine of
// the bubble is blocked, and shows them.
func receiveAll(t *testing.T, out <-chan Batch, start time.Time, until time.Duration) []string {
	t.Helper()
	var got []string
	deadline := time.After(until)
	for {
		select {
		case b, ok := <-out:
			if !ok {
				t.Fatal("out closed early")
			}
			got = append(got, show(b, time.Since(start)))
		case <-deadline:
			return got
		}
	}
}

func TestBatchSequences(t *testing.T) {
	type change struct {
		at   time.Duration
		path string
	}
	tests := []struct {
		name    string
		changes []change
		want    []string
	}{
		{
			name:    "one write: an early look, then an empty Final",
			changes: []change{{0, "a.md"}},
			want:    []string{"16ms look a.md", "80ms final "},
		},
		{
			name:    "an editor's burst comes whole in the early look",
			changes: []change{{0, "a.md"}, {2 * time.Millisecond, "a.md"}, {5 * time.Millisecond, "b.md"}},
			want:    []string{"21ms look a.md,b.md", "85ms final "},
		},
		{
			name:    "changes after the look wait for the Final, quiet for Delay after the last",
			changes: []change{{0, "b.md"}, {30 * time.Millisecond, "a.md"}, {60 * time.Millisecond, "b.md"}},
			want:    []string{"16ms look b.md", "140ms final a.md,b.md"},
		},
		{
			name:    "a second storm gets its own look",
			changes: []change{{0, "a.md"}, {300 * time.Millisecond, "c.md"}},
			want:    []string{"16ms look a.md", "80ms final ", "316ms look c.md", "380ms final "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				in, out, stop := startBatch(t)
				defer stop()
				start := time.Now()
				go func() {
					for _, c := range tt.changes {
						time.Sleep(c.at - time.Since(start))
						in <- c.path
					}
				}()
				got := receiveAll(t, out, start, time.Second)
				if !slices.Equal(got, tt.want) {
					t.Errorf("batches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
			})
		})
	}
}

func TestBatchFlushesContinuousWrites(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := startBatch(t)
		defer stop()
		start := time.Now()
		quit, stopped := make(chan struct{}), make(chan struct{})
		go func() { // a change every 50ms, never quiet for 80ms
			defer close(stopped)
			for i := 0; ; i++ {
				select {
				case in <- string(rune('a' + i%26)):
				case <-quit:
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
		}()
		b := <-out
		if got, want := show(b, time.Since(start)), "16ms look a"; got != want {
			t.Errorf("first batch %s; want %s", got, want)
		}
		b = <-out
		if at := time.Since(start); !b.Final || at != maxWait*testDelay {
			t.Errorf("second batch %s; want the Final one at %v (at most %d×Delay after the first change)", show(b, at), maxWait*testDelay, maxWait)
		}
		// Changes at 50, …, 350ms surely; the one at 400ms may join.
		if want := []string{"b", "c", "d", "e", "f", "g", "h"}; len(b.Paths) < len(want) || !slices.Equal(b.Paths[:len(want)], want) {
			t.Errorf("Final batch = %q; want it to start with %q", b.Paths, want)
		}
		// The next storm starts with the change at 400ms or 450ms and
		// gets its own early look.
		b = <-out
		if at := time.Since(start); b.Final || at != 416*time.Millisecond && at != 466*time.Millisecond {
			t.Errorf("third batch %s; want an early look at 416ms or 466ms", show(b, at))
		}
		close(quit)
		<-stopped
	})
}

func TestBatchMergesWhileNotRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := startBatch(t)
		defer stop()
		start := time.Now()
		in <- "/s/z.md"
		time.Sleep(500 * time.Millisecond) // relais is busy rebuilding
		in <- "/s/a.md"
		in <- "/s/z.md"
		time.Sleep(time.Millisecond)
		// Quiet for Delay long ago: one Final batch, no early look.
		if got := receiveAll(t, out, start, time.Second); !slices.Equal(got, []string{"501ms final /s/a.md,/s/z.md"}) {
			t.Errorf("batches %q; want one Final batch of both paths at 501ms", got)
		}
	})
}

func TestBatchLookWhileBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := startBatch(t)
		defer stop()
		start := time.Now()
		in <- "/s/a.md"
		// relais reads the look late, while the storm goes on; the rest
		// comes in the Final batch.
		time.Sleep(30 * time.Millisecond)
		in <- "/s/b.md"
		synctest.Wait() // b.md reached the batcher
		b := <-out
		if got, want := show(b, time.Since(start)), "30ms look /s/a.md,/s/b.md"; got != want {
			t.Errorf("first batch %s; want %s", got, want)
		}
		in <- "/s/c.md"
		if got := receiveAll(t, out, start, time.Second); !slices.Equal(got, []string{"110ms final /s/c.md"}) {
			t.Errorf("then %q; want the Final batch of c.md at 110ms", got)
		}
	})
}

func TestBatchStopsWithUnreadBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, done := make(chan change), make(chan Batch), make(chan struct{})
		finished := make(chan struct{})
		go func() {
			batch(in, out, testDelay, done)
			close(finished)
		}()
		in <- change{path: "/s/a.md"}
		time.Sleep(time.Second) // the batch is ready; nobody reads it
		close(done)
		<-finished
		if b, ok := <-out; ok {
			t.Errorf("out sent %v after done; want closed", b)
		}
	})
}

// TestBatchCountsFromChangeTime: quiet is counted from when the file
// changed, as its date says, when the notification came late; a date
// further back than Delay/2 (a copied file's) counts as Delay/2 back.
func TestBatchCountsFromChangeTime(t *testing.T) {
	tests := []struct {
		name string
		age  time.Duration // how long before the notification the file changed
		want []string
	}{
		{"on time", 0, []string{"16ms look a.md", "80ms final "}},
		{"notified 9ms late", 9 * time.Millisecond, []string{"7ms look a.md", "71ms final "}},
		{"an old date counts as Delay/2", time.Hour, []string{"0s look a.md", "40ms final "}},
		{"a date in the future counts as now", -time.Hour, []string{"16ms look a.md", "80ms final "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				in, out, done := make(chan change), make(chan Batch), make(chan struct{})
				go batch(in, out, testDelay, done)
				defer close(done)
				start := time.Now()
				in <- change{"a.md", start.Add(-tt.age)}
				if got := receiveAll(t, out, start, time.Second); !slices.Equal(got, tt.want) {
					t.Errorf("batches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
			})
		})
	}
}
