package extract

import (
	"fmt"
	"strings"
)

// vagueTypes say nothing certain about a body: servers label pages with
// them by mistake or by default, so the bytes decide.
var vagueTypes = map[string]bool{
	"text/plain": true, "text/xml": true, "application/xml": true,
	"application/octet-stream": true, "binary/octet-stream": true,
	"application/unknown": true, "application/x-unknown": true,
	"application/force-download": true, "application/x-download": true,
}

// namingTypes are the top-level media types whose every subtype names a
// format; another subtype of text or application than the vague ones is a
// format errata cannot read as a page (PDF, JSON, CSS, a feed, an archive).
var namingTypes = map[string]bool{
	"text": true, "application": true, "image": true, "audio": true,
	"video": true, "font": true, "model": true,
}

// checkContentType refuses a page served as another format. A missing or
// unreadable Content-Type, an HTML type (any subtype naming htm, such as
// application/xhtml+xml) and the vague types leave the decision to the
// page's bytes.
func checkContentType(contentType string) error {
	mt := mediaType(contentType)
	top, sub, ok := strings.Cut(mt, "/")
	if !ok || top == "" || sub == "" || strings.Contains(sub, "htm") || vagueTypes[mt] || !namingTypes[top] {
		return nil
	}
	return fmt.Errorf("%w (served as %s)", ErrNotHTML, mt)
}

// mediaType returns the lower-cased type/subtype of a Content-Type value,
// without parameters. mime.ParseMediaType would reject the sloppy headers
// servers send ("text/html;;charset=utf-8"), which must not refuse a page.
func mediaType(contentType string) string {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}
