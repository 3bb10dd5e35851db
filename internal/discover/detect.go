package discover

import (
	"bytes"
	"mime"
	"strings"
)

// Kind says what a fetched document is.
type Kind string

const (
	KindFeed         Kind = "feed" // RSS 0.9x/2.0, Atom, RDF (RSS 1.0) or JSON Feed
	KindSitemap      Kind = "sitemap"
	KindSitemapIndex Kind = "sitemapindex"
	KindOPML         Kind = "opml"
	KindHTML         Kind = "html"
	KindUnknown      Kind = "unknown"
)

// DetectPeekSize is how many leading bytes Detect looks at: the root element
// of any real document sits well within it, after prolog and comments.
const DetectPeekSize = 8192

// rootKinds maps a root element's local name (lower-cased) to its kind.
var rootKinds = map[string]Kind{
	"rss": KindFeed, "rdf": KindFeed, "feed": KindFeed,
	"urlset": KindSitemap, "sitemapindex": KindSitemapIndex,
	"opml": KindOPML,
	// Pages that open without <html> (it is optional in HTML) start with one
	// of these.
	"html": KindHTML, "head": KindHTML, "body": KindHTML, "meta": KindHTML,
	"title": KindHTML, "script": KindHTML, "link": KindHTML, "style": KindHTML,
}

// contentKinds is the fallback when the body does not say: servers label
// feeds as text/xml or even text/html, so the body is trusted first.
var contentKinds = map[string]Kind{
	"application/rss+xml": KindFeed, "application/atom+xml": KindFeed,
	"application/rdf+xml": KindFeed, "application/feed+json": KindFeed,
	"text/x-opml": KindOPML, "text/x-opml+xml": KindOPML,
	"text/html": KindHTML, "application/xhtml+xml": KindHTML,
}

// Detect says what a fetched document is, from its first bytes (inflated
// first if gzipped, as sitemap.xml.gz files are) and, when they do not settle
// it, its Content-Type.
func Detect(body []byte, contentType string) Kind {
	if isGzip(body) {
		body = gunzipPrefix(body, DetectPeekSize)
	}
	if len(body) > DetectPeekSize {
		body = body[:DetectPeekSize]
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")) // UTF-8 BOM
	body = bytes.TrimLeft(body, " \t\r\n")
	if k := detectBody(body); k != KindUnknown {
		return k
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return KindUnknown
	}
	if k, ok := contentKinds[mt]; ok {
		return k
	}
	return KindUnknown
}

func detectBody(body []byte) Kind {
	if len(body) > 0 && body[0] == '{' {
		// A JSON Feed declares its version URL near the top.
		if bytes.Contains(body, []byte("jsonfeed.org/version")) {
			return KindFeed
		}
		return KindUnknown
	}
	name := rootElement(body)
	if name == "!doctype html" {
		return KindHTML
	}
	if k, ok := rootKinds[name]; ok {
		return k
	}
	return KindUnknown
}

// rootElement returns the lower-cased local name of the first element in an
// XML or HTML prefix, skipping processing instructions, comments and
// doctypes; an HTML doctype is returned as "!doctype html". It returns "" when
// none is found in the prefix.
func rootElement(b []byte) string {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		if len(b) < 2 || b[0] != '<' {
			return ""
		}
		var end int
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			end = skipPast(b, "?>")
		case bytes.HasPrefix(b, []byte("<!--")):
			end = skipPast(b, "-->")
		case bytes.HasPrefix(b, []byte("<!")):
			end = skipDeclaration(b)
			if end > 0 && isHTMLDoctype(b[:end]) {
				return "!doctype html"
			}
		default:
			return elementName(b[1:])
		}
		if end < 0 {
			return ""
		}
		b = b[end:]
	}
}

// skipPast returns the index just after the first occurrence of sep, or -1.
func skipPast(b []byte, sep string) int {
	i := bytes.Index(b, []byte(sep))
	if i < 0 {
		return -1
	}
	return i + len(sep)
}

// skipDeclaration returns the index just after a <!...> declaration, or -1.
// A doctype's internal subset ("<!DOCTYPE rss [ <!ENTITY ...> ]>") holds
// declarations of its own, so the '>' that ends it is the first one
// outside brackets and quotes.
func skipDeclaration(b []byte) int {
	depth := 0
	var quote byte
	for i := 2; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case c == '>' && depth == 0:
			return i + 1
		}
	}
	return -1
}

func isHTMLDoctype(decl []byte) bool {
	fields := strings.Fields(strings.ToLower(string(decl[2 : len(decl)-1])))
	return len(fields) >= 2 && fields[0] == "doctype" && strings.TrimSuffix(fields[1], ">") == "html"
}

// elementName reads a tag name up to whitespace, '>' or '/', drops any
// namespace prefix ("rdf:RDF" -> "rdf") and lower-cases it.
func elementName(b []byte) string {
	end := bytes.IndexAny(b, " \t\r\n>/")
	if end < 0 {
		end = len(b)
	}
	name := string(b[:end])
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return strings.ToLower(name)
}
