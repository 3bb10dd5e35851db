package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"html/template"

	"github.com/errata/errata/internal/changehtml"
	"github.com/errata/errata/internal/store"
)

// A feed entry carries the change itself, so a reader sees what changed
// without opening the diff: an opening line, then the body notifications
// show too (package changehtml). html/template escapes every text from an
// outlet; the markup is errata's own.
var entryContent = template.Must(template.New("entry").Parse(
	`<p>{{.Outlet}} changed version {{.Seq}} of <a href="{{.ArticleURL}}">this article</a>: {{.Classes}}, +{{.Added}} words, −{{.Removed}} words. <a href="{{.DiffURL}}">See the diff</a>.</p>
{{.Body}}`))

type contentData struct {
	Outlet, Classes, ArticleURL, DiffURL string
	Seq, Added, Removed                  int
	Body                                 template.HTML
}

// An entry's content depends only on its version, which never changes,
// and on what the change row says of the article around it (outlet name,
// URL) and the links' base: rendered entries are kept under all of those,
// so a feed polled again renders only its new entries.
const (
	// entryCacheBytes bounds the rendered entries kept.
	entryCacheBytes = 16 << 20
	// entryCacheEntries bounds how many are kept: a few pages of every
	// feed a busy instance serves.
	entryCacheEntries = 8192
)

type entryKey struct {
	version              int64
	diffURL, outlet, url string
	classes              string
	added, removed, seq  int
}

type entryCache = lru[entryKey, string]

// gzipCache holds compressed feed documents by the hash of the document.
type gzipCache = lru[[sha256.Size]byte, []byte]

// Compressed feeds kept: every feed of a busy instance, a few versions
// of each while they change.
const (
	gzipCacheBytes   = 16 << 20
	gzipCacheEntries = 256
)

func newGzipCache() *gzipCache {
	return newLRU[[sha256.Size]byte](gzipCacheBytes, gzipCacheEntries, func(b []byte) int { return len(b) })
}

func newEntryCache() *entryCache {
	return newLRU[entryKey](entryCacheBytes, entryCacheEntries, func(s string) int { return len(s) })
}

// entryHTML renders a change's entry content; base makes links absolute.
func (s *Server) entryHTML(ctx context.Context, base string, c store.Change, v changeView) (string, error) {
	key := entryKey{version: c.VersionID, diffURL: base + v.DiffPath, outlet: c.OutletName, url: c.ArticleURL,
		classes: classNames(c.Classes), added: c.Added, removed: c.Removed, seq: c.Seq}
	if html, ok := s.entries.get(key); ok {
		return html, nil
	}
	html, err := s.renderEntry(ctx, base, c, v)
	if err == nil {
		s.entries.put(key, html)
	}
	return html, err
}

func (s *Server) renderEntry(ctx context.Context, base string, c store.Change, v changeView) (string, error) {
	old, err := s.cfg.Store.VersionBySeq(ctx, c.ArticleID, c.Seq-1)
	if err != nil {
		return "", err
	}
	nv, err := s.cfg.Store.VersionBySeq(ctx, c.ArticleID, c.Seq)
	if err != nil {
		return "", err
	}
	key := diffKey{old: old.ID, new: nv.ID, inline: true}
	body, ok := s.diffs.get(key)
	if !ok {
		body = computeDiff(old, nv, true)
		s.diffs.put(key, body)
	}
	html, err := changehtml.Body(changehtml.Change{Title: body.Title, Byline: body.Byline, Paragraphs: body.Inline, Cut: body.Cut.Note()})
	if err != nil {
		return "", err
	}
	d := contentData{
		Outlet: c.OutletName, Classes: classNames(c.Classes), ArticleURL: safeLink(c.ArticleURL),
		DiffURL: base + v.DiffPath, Seq: c.Seq, Added: c.Added, Removed: c.Removed, Body: html,
	}
	var b bytes.Buffer
	if err := entryContent.Execute(&b, d); err != nil {
		return "", err
	}
	return b.String(), nil
}
