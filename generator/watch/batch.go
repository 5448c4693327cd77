package watch

import (
	"slices"
	"time"
)

// maxWait is how many Delays a batch may wait for quiet before it is sent
// anyway: a program that writes without pause (a download, a log) must
// not hold back the rebuild forever.
const maxWait = 5

// batch gathers the paths from in and sends them on out, sorted and
// without duplicates, once no path arrived for delay, or maxWait×delay
// after the batch's first path, whichever comes first. While out is not
// read (relais is still rebuilding), new paths join the waiting batch, so
// the next rebuild sees them all at once. batch returns, closing out, when
// done is closed.
func batch(in <-chan string, out chan<- []string, delay time.Duration, done <-chan struct{}) {
	defer close(out)
	pending := map[string]bool{}
	var first time.Time // when the batch's first path arrived
	ready := false      // the batch waits only for out to be read
	timer := time.NewTimer(delay)
	timer.Stop()
	defer timer.Stop()
	for {
		var send chan<- []string
		var paths []string
		if ready {
			send = out
			paths = sorted(pending)
		}
		select {
		case <-done:
			return
		case p := <-in:
			now := time.Now()
			if len(pending) == 0 {
				first = now
			}
			pending[p] = true
			if !ready {
				// One timer serves both limits: it fires at the earlier
				// of "quiet for delay" and "maxWait×delay since first".
				timer.Reset(min(delay, first.Add(maxWait*delay).Sub(now)))
			}
		case <-timer.C:
			ready = true
		case send <- paths:
			clear(pending)
			ready = false
		}
	}
}

func sorted(set map[string]bool) []string {
	s := make([]string, 0, len(set))
	for p := range set {
		s = append(s, p)
	}
	slices.Sort(s)
	return s
}
