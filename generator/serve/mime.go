package serve

import (
	"mime"
	"net/http"
	"path"
	"strings"
)

// types fixes the Content-Type of the files a site is made of, whatever
// the machine's own MIME tables say. Text gets an explicit UTF-8 charset:
// without one, a browser may show « guillemets » and accents as mojibake.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".map":         "application/json; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	// Feeds and sitemaps as text/xml: browsers show them rather than
	// download them, as application/rss+xml would make them do.
	".xml":   "text/xml; charset=utf-8",
	".rss":   "text/xml; charset=utf-8",
	".atom":  "text/xml; charset=utf-8",
	".xsl":   "text/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".ics":   "text/calendar; charset=utf-8",
	".vtt":   "text/vtt; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".pdf":   "application/pdf",
	".wasm":  "application/wasm",
	".mp4":   "video/mp4",
	".webm":  "video/webm",
	".mp3":   "audio/mpeg",
	".ogg":   "audio/ogg",
	".m4a":   "audio/mp4",
	".zip":   "application/zip",
}

// contentType returns the Content-Type for the file name holding data:
// the table above, then the system's tables, then a look at the bytes.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	t := mime.TypeByExtension(ext)
	if t == "" {
		t = http.DetectContentType(data) // "CNAME", "_redirects": text
	}
	if strings.HasPrefix(t, "text/") && !strings.Contains(t, "charset=") {
		t += "; charset=utf-8"
	}
	return t
}

func isHTML(ctype string) bool { return strings.HasPrefix(ctype, "text/html") }
