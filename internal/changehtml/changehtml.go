// Package changehtml renders the body of a change between two versions as
// HTML for readers that drop styles (feed readers, mail and chat
// clients): the headline and byline before and after, the changed
// paragraphs with <ins> and <del>, unchanged stretches counted rather than
// repeated. Feed entries and notifications put their own opening line
// above it.
//
// html/template escapes every text from the outlet; the markup is
// errata's own, and the marks carry the meaning where styles are dropped.
package changehtml

import (
	"bytes"
	"html/template"

	"github.com/errata/errata/internal/diff"
)

// Change is what the body shows.
type Change struct {
	Title, Byline []diff.Segment   // word diffs; nil when unchanged
	Paragraphs    [][]diff.Segment // every paragraph of the inline diff, in order
	Cut           string           // why the diff stops short, when it does
}

var body = template.Must(template.New("body").Funcs(template.FuncMap{
	"isIns": func(s diff.Segment) bool { return s.Op == diff.Insert },
	"isDel": func(s diff.Segment) bool { return s.Op == diff.Delete },
}).Parse(`{{define "segments"}}{{range .}}{{if isIns .}}<ins>{{.Text}}</ins>{{else if isDel .}}<del>{{.Text}}</del>{{else}}{{.Text}}{{end}}{{end}}{{end}}` +
	`{{with .Title}}<p><strong>Headline:</strong> {{template "segments" .}}</p>
{{end}}{{with .Byline}}<p><strong>Byline:</strong> {{template "segments" .}}</p>
{{end}}{{range .Paragraphs}}{{if .Unchanged}}<p><em>[{{.Unchanged}} unchanged paragraph{{if gt .Unchanged 1}}s{{end}}]</em></p>
{{else}}<p>{{template "segments" .Segments}}</p>
{{end}}{{end}}{{with .Cut}}<p><em>{{.}}</em></p>
{{end}}`))

// para is one paragraph of the body: a changed one, or a count of the
// unchanged ones in its place.
type para struct {
	Segments  []diff.Segment
	Unchanged int
}

// Body renders c; the result is safe to place in a page or an entry as is.
func Body(c Change) (template.HTML, error) {
	data := struct {
		Title, Byline []diff.Segment
		Paragraphs    []para
		Cut           string
	}{c.Title, c.Byline, elide(c.Paragraphs), c.Cut}
	var b bytes.Buffer
	if err := body.Execute(&b, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil // #nosec: html/template escaped every text above
}

// elide keeps the changed paragraphs and counts the unchanged ones
// between them.
func elide(paras [][]diff.Segment) []para {
	var out []para
	for _, p := range paras {
		if diff.HasChanges(p) {
			out = append(out, para{Segments: p})
			continue
		}
		if n := len(out); n > 0 && out[n-1].Unchanged > 0 {
			out[n-1].Unchanged++
			continue
		}
		out = append(out, para{Unchanged: 1})
	}
	return out
}
