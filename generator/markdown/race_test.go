//go:build race

package markdown

// raceEnabled: the race detector slows rendering about tenfold, so the
// corpora test renders a sample there; the full walk runs without -race.
const raceEnabled = true
