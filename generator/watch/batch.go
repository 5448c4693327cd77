package watch

import (
	"slices"
	"time"
)

// Batch is what a Watcher sends: the paths changed since its previous
// Batch, absolute, cleaned, sorted and without duplicates.
//
// A save storm (an editor's writes, renames and deletions for one save)
// gives at most two Batches. The first is an early look, sent once no
// change came for a fifth of Delay: most storms are over by then, so work
// started on it (relais serve rebuilds) overlaps the rest of the wait.
// The last one is Final, sent once no change came for Delay: it holds
// what changed after the early look, often nothing. Work done for an
// early look must not be shown before the Final Batch: the storm may not
// be over, and a file may have been read half-written. A short storm may
// end with a single Batch, Final.
type Batch struct {
	Paths []string
	Final bool
}

// change is one changed path, and when the file system says it changed
// (zero: unknown).
type change struct {
	path string
	at   time.Time
}

// maxWait is how many Delays a batch may wait for quiet before it is sent
// anyway: a program that writes without pause (a download, a log) must
// not hold back the rebuild forever.
const maxWait = 5

// lookAfter is the quiet, as a fraction of Delay, after which an early
// look is sent.
const lookAfter = 5

// batch gathers the changes from in and sends them on out as Batches.
// The Final Batch goes once no change happened for delay, or maxWait×delay
// after the storm's first change, whichever comes first; one early look
// before it, once no change happened for delay/lookAfter. While out is not
// read (relais is still rebuilding), new paths join the waiting batch, so
// the next rebuild sees them all at once. batch returns, closing out, when
// done is closed.
//
// Quiet is counted from when each change happened, as the file system
// dates it, not from when its notification came: the system may deliver
// it milliseconds late (more on a busy or virtual machine, and a poll
// finds a change up to a whole Poll late), and that delay must not add to
// the wait. A date is trusted only within delay/2 before the notification
// came: copied files keep old dates, and clocks drift.
func batch(in <-chan change, out chan<- Batch, delay time.Duration, done <-chan struct{}) {
	defer close(out)
	pending := map[string]bool{}
	var first time.Time // when the storm's first change came; zero between storms
	var last time.Time  // when its last change happened
	looked := false     // the storm's early look was sent
	final, look := false, false
	quiet, glance := time.NewTimer(delay), time.NewTimer(delay)
	quiet.Stop()
	glance.Stop()
	defer quiet.Stop()
	defer glance.Stop()
	for {
		var send chan<- Batch
		var b Batch
		switch {
		case final:
			send, b = out, Batch{Paths: sorted(pending), Final: true}
		case look && len(pending) > 0:
			send, b = out, Batch{Paths: sorted(pending)}
		}
		select {
		case <-done:
			return
		case c := <-in:
			now := time.Now()
			at := c.at
			if at.IsZero() || at.After(now) {
				at = now
			}
			at = later(at, now.Add(-delay/2))
			if first.IsZero() {
				first, last = now, at
			}
			last = later(last, at)
			pending[c.path] = true
			if !final {
				// One timer serves both limits: it fires at the earlier
				// of "quiet for delay" and "maxWait×delay since first".
				quiet.Reset(earlier(last.Add(delay), first.Add(maxWait*delay)).Sub(now))
				if !looked && !look {
					glance.Reset(last.Add(delay / lookAfter).Sub(now))
				}
			}
		case <-glance.C:
			look = true
		case <-quiet.C:
			final = true
		case send <- b:
			clear(pending)
			look = false
			if b.Final {
				final, looked, first = false, false, time.Time{}
				glance.Stop()
			} else {
				looked = true
			}
		}
	}
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func sorted(set map[string]bool) []string {
	s := make([]string, 0, len(set))
	for p := range set {
		s = append(s, p)
	}
	slices.Sort(s)
	return s
}
