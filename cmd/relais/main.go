// Command relais builds a blog from Markdown and relays every article to
// the social platforms. main only parses flags, wires the stages and
// prints: the pipeline lives in package generator.
package main

import (
	"fmt"
	"io"
	"os"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes.
const (
	exitOK    = 0
	exitBuild = 1 // the site has errors
	exitUsage = 2 // the command line is wrong
)

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

var commands []command

func init() {
	// Filled here rather than in the declaration: help lists commands and
	// is itself a command.
	commands = []command{
		{"build", "build the site into public/", runBuild},
		{"serve", "serve the site with live reload while you write", runServe},
		{"social", "print the social excerpts of articles, ready to paste", runSocial},
		{"new", "create an article with its front matter", runNew},
		{"init", "create a new site", runInit},
		{"version", "print the version", runVersion},
		{"help", "show help for a command", runHelp},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "-v", "-version", "--version":
		return runVersion(nil, stdout, stderr)
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "relais: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `relais builds a blog from Markdown and relays every article to each social platform.

Usage:
  relais <command> [flags]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "relais help <command>" or "relais <command> -h" for a command's flags.
`)
}

func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "relais %s\n", version)
	return exitOK
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] && c.name != "help" {
			return c.run([]string{"-h"}, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "relais help: unknown command %q\n", args[0])
	return exitUsage
}
