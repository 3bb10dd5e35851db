package web

import (
	"bytes"
	"context"
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

// entryHTML renders a change's entry content; base makes links absolute.
func (s *Server) entryHTML(ctx context.Context, base string, c store.Change, v changeView) (string, error) {
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
