package notify

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/errata/errata/internal/changehtml"
)

// changeHTML opens a change's HTML with what changed where; the body below
// is the one the feeds show (package changehtml). html/template escapes
// every text from the outlet and refuses unsafe link schemes.
var changeHTML = template.Must(template.New("change").Parse(
	`<p>{{.Outlet}} changed <a href="{{.ArticleURL}}">{{.Title}}</a>: {{.Classes}}, +{{.Added}} words, −{{.Removed}} words.{{with .DiffURL}} <a href="{{.}}">See the diff</a>.{{end}}</p>
{{.Body}}`))

type htmlData struct {
	Outlet, Title, Classes, ArticleURL, DiffURL string
	Added, Removed                              int
	Body                                        template.HTML
}

func renderHTML(p Payload, d changeDiff) (string, error) {
	body, err := changehtml.Body(changehtml.Change{Title: d.title, Byline: d.byline, Paragraphs: d.paras, Cut: p.Cut})
	if err != nil {
		return "", err
	}
	data := htmlData{
		Outlet: p.Outlet, Title: p.Title, Classes: strings.Join(p.Classes, ", "), ArticleURL: p.ArticleURL,
		DiffURL: p.DiffURL, Added: p.Added, Removed: p.Removed, Body: body,
	}
	var b bytes.Buffer
	if err := changeHTML.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}
