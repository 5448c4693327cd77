package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relais/relais/generator"
	"github.com/relais/relais/generator/publish"
)

// siteFlags are the flags every command that builds shares, with Hugo's
// names so habits carry over.
type siteFlags struct {
	source                  string
	baseURL                 string
	drafts, future, expired bool
	clock                   string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "s", ".", "")
	fs.StringVar(&f.source, "source", ".", "")
	fs.StringVar(&f.baseURL, "b", "", "")
	fs.StringVar(&f.baseURL, "baseURL", "", "")
	fs.BoolVar(&f.drafts, "D", false, "")
	fs.BoolVar(&f.drafts, "buildDrafts", false, "")
	fs.BoolVar(&f.future, "F", false, "")
	fs.BoolVar(&f.future, "buildFuture", false, "")
	fs.BoolVar(&f.expired, "E", false, "")
	fs.BoolVar(&f.expired, "buildExpired", false, "")
	fs.StringVar(&f.clock, "clock", "", "")
}

const siteFlagsHelp = `  -s, --source DIR      the site folder (default ".")
  -b, --baseURL URL     override config.toml's baseURL
  -D, --buildDrafts     include drafts
  -F, --buildFuture     include pages whose date is in the future
  -E, --buildExpired    include expired pages
      --clock TIME      build as if now were TIME (RFC 3339, or YYYY-MM-DD)
`

func (f *siteFlags) options() (generator.Options, error) {
	root, err := filepath.Abs(f.source)
	if err != nil {
		return generator.Options{}, err
	}
	opt := generator.Options{BaseURL: f.baseURL, Drafts: f.drafts, Future: f.future, Expired: f.expired, Root: root}
	if f.clock != "" {
		t, err := time.Parse(time.RFC3339, f.clock)
		if err != nil {
			t, err = time.Parse("2006-01-02", f.clock)
		}
		if err != nil {
			return opt, fmt.Errorf("--clock %q: want RFC 3339 (2026-11-22T10:00:00+01:00) or YYYY-MM-DD", f.clock)
		}
		opt.Now = t
	}
	return opt, nil
}

// newFlagSet returns a flag set whose -h prints help to stdout and whose
// errors say how to get help.
func newFlagSet(name, help string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("relais "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() { fmt.Fprint(stdout, help) }
	return fs
}

// parseFlags parses args and turns -h and flag errors into exit codes.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return exitOK, false
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v (see %s -h)\n", fs.Name(), err, fs.Name())
		return exitUsage, false
	}
	if fs.NArg() > 0 && fs.Name() != "relais social" && fs.Name() != "relais new" && fs.Name() != "relais init" {
		fmt.Fprintf(stderr, "%s: unexpected argument %q (see %s -h)\n", fs.Name(), fs.Arg(0), fs.Name())
		return exitUsage, false
	}
	return 0, true
}

const buildHelp = `Usage: relais build [flags]

Builds the site into public/ (or -d DIR). The previous output is replaced
only when the whole build succeeds.

Flags:
  -d, --destination DIR the output folder (default "public" in the site folder)
` + siteFlagsHelp + `  -q, --quiet           print errors only
`

func runBuild(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	var dest string
	var quiet bool
	fs := newFlagSet("build", buildHelp, stdout, stderr)
	sf.register(fs)
	fs.StringVar(&dest, "d", "", "")
	fs.StringVar(&dest, "destination", "", "")
	fs.BoolVar(&quiet, "q", false, "")
	fs.BoolVar(&quiet, "quiet", false, "")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	opt, err := sf.options()
	if err != nil {
		fmt.Fprintf(stderr, "relais build: %v\n", err)
		return exitUsage
	}
	if dest == "" {
		dest = filepath.Join(opt.Root, "public")
	}
	start := time.Now()
	// The files go to disk as they are rendered, into a folder beside dest
	// that replaces it only once the whole build succeeded.
	stage, err := publish.Begin(dest, publish.Options{Source: opt.Root})
	if err != nil {
		fmt.Fprintf(stderr, "relais build: %v\n", err)
		return exitBuild
	}
	defer stage.Abort()
	opt.Emit = stage.Add
	res, err := generator.Build(os.DirFS(opt.Root), opt)
	printWarnings(stderr, res, quiet)
	if err != nil {
		printErrors(stderr, err)
		fmt.Fprintf(stderr, "relais build: failed with %d error(s); %s left as it was\n", countErrors(err), dest)
		return exitBuild
	}
	if err := stage.Commit(); err != nil {
		fmt.Fprintf(stderr, "relais build: %v\n", err)
		return exitBuild
	}
	if !quiet {
		fmt.Fprintf(stdout, "relais: %d pages, %d files written to %s, %d warnings, in %d ms\n",
			res.Pages, len(res.Files), relPath(dest), len(res.Warnings), time.Since(start).Milliseconds())
	}
	return exitOK
}

func printWarnings(w io.Writer, res *generator.Result, quiet bool) {
	if res == nil || quiet {
		return
	}
	for _, e := range res.Warnings {
		fmt.Fprintf(w, "warning: %v\n", e)
	}
}

// printErrors prints one error a line, in the order Build sorted them.
func printErrors(w io.Writer, err error) {
	for _, e := range flatten(err) {
		fmt.Fprintf(w, "error: %v\n", e)
	}
}

func countErrors(err error) int { return len(flatten(err)) }

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func relPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
