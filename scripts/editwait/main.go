// Command editwait measures live reload as a writer feels it: it appends a
// word to a Markdown file, then polls a page until the word is served, and
// prints the milliseconds in between. scripts/bench.sh runs it against
// relais serve and hugo server alike, so both are timed the same way,
// without a process started for each poll.
//
//	go run ./scripts/editwait -file content/posts/x.md -url http://127.0.0.1:1414/posts/x/ -word mot123
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

func main() {
	file := flag.String("file", "", "the Markdown file to edit")
	url := flag.String("url", "", "the page that shows it")
	word := flag.String("word", "", "the word to append, then wait for")
	timeout := flag.Duration("timeout", 30*time.Second, "give up after this long")
	lead := flag.Bool("lead", false, "put the word at the start of the first paragraph (which feeds the summary and the social excerpts) instead of appending it")
	flag.Parse()
	if *file == "" || *url == "" || *word == "" {
		fmt.Fprintln(os.Stderr, "usage: editwait -file F -url U -word W")
		os.Exit(2)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	var text []byte
	if *lead {
		b, err := os.ReadFile(*file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		text = withLead(b, *word)
	}
	flags := os.O_APPEND | os.O_WRONLY
	if *lead {
		flags = os.O_TRUNC | os.O_WRONLY
	}
	f, err := os.OpenFile(*file, flags, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if !*lead {
		text = []byte("\n\n" + *word + "\n")
	}
	start := time.Now()
	if _, err := f.Write(text); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	want := []byte(*word)
	for time.Since(start) < *timeout {
		resp, err := client.Get(*url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if bytes.Contains(body, want) {
				fmt.Println(time.Since(start).Milliseconds())
				return
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	fmt.Fprintf(os.Stderr, "editwait: %s did not show %q within %v\n", *url, *word, *timeout)
	os.Exit(1)
}

// withLead puts word at the start of the body's first paragraph, after
// the front matter (between "---" or "+++" lines).
func withLead(b []byte, word string) []byte {
	body := 0
	if len(b) > 3 && (string(b[:4]) == "---\n" || string(b[:4]) == "+++\n") {
		fence := "\n" + string(b[:3]) + "\n"
		if i := bytes.Index(b[3:], []byte(fence)); i >= 0 {
			body = 3 + i + len(fence)
		}
	}
	for body < len(b) && b[body] == '\n' {
		body++
	}
	out := append([]byte{}, b[:body]...)
	out = append(out, word+" "...)
	return append(out, b[body:]...)
}
