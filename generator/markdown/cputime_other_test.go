//go:build !unix

package markdown

import "time"

// cpuTime is not measured here: BenchmarkCorpus then reports ns/op only.
func cpuTime() time.Duration { return 0 }
