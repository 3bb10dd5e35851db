package web

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/errata/errata/internal/store"
)

// Page sizes: HTML pages show a fixed number of rows; API clients may ask
// for up to maxLimit.
const (
	pageSize     = 50
	defaultLimit = 50
	maxLimit     = 200
	feedSize     = 50
	// searchLimit is search's default page: each hit carries an excerpt
	// cut from its text, so a page costs in proportion to its hits.
	searchLimit = 20
)

func articlePath(id int64) string           { return fmt.Sprintf("/articles/%d", id) }
func versionPath(id int64, n int) string    { return fmt.Sprintf("/articles/%d/v/%d", id, n) }
func diffPath(id int64, a, b int) string    { return fmt.Sprintf("/articles/%d/diff/%d/%d", id, a, b) }
func outletPath(name string) string         { return "/outlets/" + url.PathEscape(name) }
func articleFeedPath(id int64) string       { return fmt.Sprintf("/articles/%d/changes.atom", id) }
func outletFeedPath(name string) string     { return outletPath(name) + "/changes.atom" }
func apiArticlePath(id int64) string        { return fmt.Sprintf("/api/v1/articles/%d", id) }
func apiDiffPath(id int64, a, b int) string { return "/api/v1" + diffPath(id, a, b) }
func apiVersionPath(id int64, n int) string {
	return fmt.Sprintf("/api/v1/articles/%d/versions/%d", id, n)
}

// safeLink returns u when it is an absolute http or https URL, else "".
// Outlets control article URLs; a javascript: or data: URL must never
// become a link.
func safeLink(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	if s := strings.ToLower(p.Scheme); s != "http" && s != "https" {
		return ""
	}
	return p.String()
}

// pathID reads a positive integer path value.
func pathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, notFound("article")
	}
	return n, nil
}

// pathSeq reads a version number (0 or more) path value.
func pathSeq(r *http.Request, name string) (int, error) {
	n, err := strconv.Atoi(r.PathValue(name))
	if err != nil || n < 0 {
		return 0, notFound("version")
	}
	return n, nil
}

// Cursors are opaque to clients: base64 of a kind letter and the position,
// so their format can change without breaking anyone who treats them so.
const (
	cursorChanges  = "c"
	cursorArticles = "a"
	cursorHits     = "s"
	cursorVersions = "v"
	cursorOutlets  = "o"
)

func encodeChangeCursor(c store.Change) string {
	raw := fmt.Sprintf("%s.%d.%d", cursorChanges, c.At.UnixNano(), c.VersionID)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeChangeCursor(s string) (store.ChangeCursor, error) {
	if s == "" {
		return store.ChangeCursor{}, nil
	}
	parts, err := cursorParts(s, cursorChanges, 2)
	if err != nil {
		return store.ChangeCursor{}, err
	}
	return store.ChangeCursor{At: time.Unix(0, parts[0]).UTC(), VersionID: parts[1]}, nil
}

func encodeArticleCursor(id int64) string { return encodeIDCursor(cursorArticles, id) }

func decodeArticleCursor(s string) (int64, error) { return decodeIDCursor(s, cursorArticles) }

// encodeIDCursor and decodeIDCursor are the cursors that hold one number:
// an id or a version number.
func encodeIDCursor(kind string, n int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("%s.%d", kind, n)))
}

func decodeIDCursor(s, kind string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	parts, err := cursorParts(s, kind, 1)
	if err != nil {
		return 0, err
	}
	return parts[0], nil
}

// The outlet cursor holds the last outlet's name: outlets are listed by
// name, and names are unique.
func encodeOutletCursor(name string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorOutlets + "." + name))
}

func decodeOutletCursor(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	kind, name, ok := strings.Cut(string(raw), ".")
	if err != nil || !ok || kind != cursorOutlets || name == "" {
		return "", badRequest("cursor is not one this server handed out")
	}
	return name, nil
}

func cursorParts(s, kind string, n int) ([]int64, error) {
	bad := badRequest("cursor is not one this server handed out")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	fields := strings.Split(string(raw), ".")
	if len(fields) != n+1 || fields[0] != kind {
		return nil, bad
	}
	out := make([]int64, n)
	for i, f := range fields[1:] {
		if out[i], err = strconv.ParseInt(f, 10, 64); err != nil || out[i] < 0 {
			return nil, bad
		}
	}
	return out, nil
}
