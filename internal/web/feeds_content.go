package web

import (
	"bytes"
	"context"
	"html/template"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/store"
)

// A feed entry carries the change itself, so a reader sees what changed
// without opening the diff: the headline and byline before and after, the
// changed paragraphs with <ins> and <del>, unchanged stretches elided. It
// is rendered by html/template: every piece of text from an outlet is
// escaped, and the markup is errata's own. Readers drop styles, so the
// marks carry the meaning.
var entryContent = template.Must(template.New("entry").Funcs(template.FuncMap{
	"isIns": func(s diff.Segment) bool { return s.Op == diff.Insert },
	"isDel": func(s diff.Segment) bool { return s.Op == diff.Delete },
}).Parse(`{{define "segments"}}{{range .}}{{if isIns .}}<ins>{{.Text}}</ins>{{else if isDel .}}<del>{{.Text}}</del>{{else}}{{.Text}}{{end}}{{end}}{{end}}` +
	`<p>{{.Outlet}} changed version {{.Seq}} of <a href="{{.ArticleURL}}">this article</a>: {{.Classes}}, +{{.Added}} words, −{{.Removed}} words. <a href="{{.DiffURL}}">See the diff</a>.</p>
{{with .Title}}<p><strong>Headline:</strong> {{template "segments" .}}</p>
{{end}}{{with .Byline}}<p><strong>Byline:</strong> {{template "segments" .}}</p>
{{end}}{{range .Paragraphs}}{{if .Unchanged}}<p><em>[{{.Unchanged}} unchanged paragraph{{if gt .Unchanged 1}}s{{end}}]</em></p>
{{else}}<p>{{template "segments" .Segments}}</p>
{{end}}{{end}}{{with .Cut}}<p><em>{{.}}</em></p>
{{end}}`))

// contentPara is one paragraph of an entry: a changed one, or a count of
// unchanged ones in its place.
type contentPara struct {
	Segments  []diff.Segment
	Unchanged int
}

type contentData struct {
	Outlet, Classes, ArticleURL, DiffURL string
	Seq, Added, Removed                  int
	Title, Byline                        []diff.Segment
	Paragraphs                           []contentPara
	Cut                                  string
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
	d := contentData{
		Outlet: c.OutletName, Classes: classNames(c.Classes), ArticleURL: safeLink(c.ArticleURL),
		DiffURL: base + v.DiffPath, Seq: c.Seq, Added: c.Added, Removed: c.Removed,
		Title: body.Title, Byline: body.Byline, Paragraphs: elide(body.Inline), Cut: body.Cut.Note(),
	}
	var b bytes.Buffer
	if err := entryContent.Execute(&b, d); err != nil {
		return "", err
	}
	return b.String(), nil
}

// elide keeps the changed paragraphs and counts the unchanged ones
// between them.
func elide(paras [][]diff.Segment) []contentPara {
	var out []contentPara
	for _, p := range paras {
		if changed(p) {
			out = append(out, contentPara{Segments: p})
			continue
		}
		if n := len(out); n > 0 && out[n-1].Unchanged > 0 {
			out[n-1].Unchanged++
			continue
		}
		out = append(out, contentPara{Unchanged: 1})
	}
	return out
}

func changed(p []diff.Segment) bool {
	for _, s := range p {
		if s.Op != diff.Equal {
			return true
		}
	}
	return false
}
