package notify

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/errata/errata/internal/diff"
)

// changeHTML renders a change as the feeds do: headline and byline before
// and after, the changed paragraphs with <ins> and <del>, unchanged
// stretches counted. html/template escapes every text from the outlet and
// refuses unsafe link schemes; the markup is errata's own. Mail and chat
// clients drop styles, so the marks carry the meaning.
var changeHTML = template.Must(template.New("change").Funcs(template.FuncMap{
	"isIns": func(s diff.Segment) bool { return s.Op == diff.Insert },
	"isDel": func(s diff.Segment) bool { return s.Op == diff.Delete },
}).Parse(`{{define "segments"}}{{range .}}{{if isIns .}}<ins>{{.Text}}</ins>{{else if isDel .}}<del>{{.Text}}</del>{{else}}{{.Text}}{{end}}{{end}}{{end}}` +
	`<p>{{.Outlet}} changed <a href="{{.ArticleURL}}">{{.Title}}</a>: {{.Classes}}, +{{.Added}} words, −{{.Removed}} words.{{with .DiffURL}} <a href="{{.}}">See the diff</a>.{{end}}</p>
{{with .Headline}}<p><strong>Headline:</strong> {{template "segments" .}}</p>
{{end}}{{with .Byline}}<p><strong>Byline:</strong> {{template "segments" .}}</p>
{{end}}{{range .Paragraphs}}{{if .Unchanged}}<p><em>[{{.Unchanged}} unchanged paragraph{{if gt .Unchanged 1}}s{{end}}]</em></p>
{{else}}<p>{{template "segments" .Segments}}</p>
{{end}}{{end}}{{with .Cut}}<p><em>{{.}}</em></p>
{{end}}`))

type htmlPara struct {
	Segments  []diff.Segment
	Unchanged int
}

type htmlData struct {
	Outlet, Title, Classes, ArticleURL, DiffURL, Cut string
	Added, Removed                                   int
	Headline, Byline                                 []diff.Segment
	Paragraphs                                       []htmlPara
}

func renderHTML(p Payload, d changeDiff) (string, error) {
	data := htmlData{
		Outlet: p.Outlet, Title: p.Title, Classes: strings.Join(p.Classes, ", "), ArticleURL: p.ArticleURL,
		DiffURL: p.DiffURL, Cut: p.Cut, Added: p.Added, Removed: p.Removed,
		Headline: d.title, Byline: d.byline, Paragraphs: elide(d.paras),
	}
	var b bytes.Buffer
	if err := changeHTML.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// elide keeps the changed paragraphs and counts the unchanged ones
// between them.
func elide(paras [][]diff.Segment) []htmlPara {
	var out []htmlPara
	for _, p := range paras {
		if diff.HasChanges(p) {
			out = append(out, htmlPara{Segments: p})
			continue
		}
		if n := len(out); n > 0 && out[n-1].Unchanged > 0 {
			out[n-1].Unchanged++
			continue
		}
		out = append(out, htmlPara{Unchanged: 1})
	}
	return out
}
