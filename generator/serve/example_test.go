package serve_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/relais/relais/generator/serve"
)

// relais serve hands each build to the Server; pages get the live-reload
// script on the way out, other files are served as they are.
func ExampleServer() {
	s := serve.New(serve.Options{})
	defer s.Close() // before http.Server.Shutdown, which waits for event streams
	build := map[string][]byte{
		"index.html":    []byte("<html><head><title>Accueil</title></head><body>« Bonjour »</body></html>"),
		"css/style.css": []byte("body { font-family: serif }"),
	}
	s.Update(build, nil, nil)

	for _, target := range []string{"/", "/css/style.css", "/posts"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		fmt.Println(target, rec.Code, rec.Header().Get("Content-Type"), strings.Contains(rec.Body.String(), serve.ScriptPath))
	}

	// A failed rebuild keeps the last good pages, under an overlay.
	s.Update(nil, errors.New("content/posts/x.md:3: date \"2024-13-01\": month out of range"), nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), "« Bonjour »"), strings.Contains(rec.Body.String(), "month out of range"))
	// Output:
	// / 200 text/html; charset=utf-8 true
	// /css/style.css 200 text/css; charset=utf-8 false
	// /posts 404 text/plain; charset=utf-8 false
	// 200 true true
}
