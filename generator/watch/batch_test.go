package watch

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// The batcher runs in a synctest bubble: its clock is fake, so the tests
// check exact times without waiting for them.

const testDelay = 80 * time.Millisecond

// startBatch runs batch and returns its input, output and stop function.
func startBatch(t *testing.T) (chan<- string, <-chan []string, func()) {
	in, out, done := make(chan string), make(chan []string), make(chan struct{})
	go batch(in, out, testDelay, done)
	return in, out, func() {
		close(done)
		if _, ok := <-out; ok {
			t.Errorf("batch sent after done; want out closed")
		}
	}
}

// receive returns the next batch and how long after start it came.
func receive(t *testing.T, out <-chan []string, start time.Time) ([]string, time.Duration) {
	t.Helper()
	b, ok := <-out
	if !ok {
		t.Fatal("out closed early")
	}
	return b, time.Since(start)
}

func TestBatchDebounces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := startBatch(t)
		defer stop()
		start := time.Now()
		in <- "/s/b.md"
		time.Sleep(30 * time.Millisecond)
		in <- "/s/a.md"
		time.Sleep(30 * time.Millisecond)
		in <- "/s/b.md"
		b, at := receive(t, out, start)
		if want := []string{"/s/a.md", "/s/b.md"}; !slices.Equal(b, want) {
			t.Errorf("batch = %q; want %q", b, want)
		}
		if want := 60*time.Millisecond + testDelay; at != want {
			t.Errorf("batch sent at %v; want %v (quiet for Delay after the last change)", at, want)
		}
		// Nothing more is pending.
		synctest.Wait()
		select {
		case b := <-out:
			t.Errorf("extra batch %q; want none", b)
		default:
		}
	})
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
		b, at := receive(t, out, start)
		if want := maxWait * testDelay; at != want {
			t.Errorf("first batch sent at %v; want %v (at most %d×Delay after the first change)", at, want, maxWait)
		}
		// Changes at 0, 50, …, 350ms surely; the one at 400ms may join.
		if want := []string{"a", "b", "c", "d", "e", "f", "g", "h"}; len(b) < len(want) || !slices.Equal(b[:len(want)], want) {
			t.Errorf("first batch = %q; want it to start with %q", b, want)
		}
		// The next batch starts with the change at 400ms or 450ms.
		b, at = receive(t, out, start)
		if lo, hi := 400*time.Millisecond+maxWait*testDelay, 450*time.Millisecond+maxWait*testDelay; at != lo && at != hi {
			t.Errorf("second batch sent at %v (%q); want %v or %v", at, b, lo, hi)
		}
		close(quit)
		<-stopped
	})
}

func TestBatchMergesWhileNotRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, stop := startBatch(t)
		defer stop()
		in <- "/s/z.md"
		time.Sleep(500 * time.Millisecond) // relais is busy rebuilding
		in <- "/s/a.md"
		in <- "/s/z.md"
		time.Sleep(time.Millisecond)
		b, ok := <-out
		if want := []string{"/s/a.md", "/s/z.md"}; !ok || !slices.Equal(b, want) {
			t.Errorf("batch = %q; want %q", b, want)
		}
		synctest.Wait()
		select {
		case b := <-out:
			t.Errorf("extra batch %q; want none", b)
		default:
		}
	})
}

func TestBatchStopsWithUnreadBatch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out, done := make(chan string), make(chan []string), make(chan struct{})
		finished := make(chan struct{})
		go func() {
			batch(in, out, testDelay, done)
			close(finished)
		}()
		in <- "/s/a.md"
		time.Sleep(time.Second) // the batch is ready; nobody reads it
		close(done)
		<-finished
		if b, ok := <-out; ok {
			t.Errorf("out sent %q after done; want closed", b)
		}
	})
}
