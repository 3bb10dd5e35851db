package newsroom

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates is parsed once; html/template values are safe for concurrent
// use and never modified after parsing, so this is an immutable table.
var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"iso":        func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"longDate":   func(t time.Time) string { return t.UTC().Format("January 2, 2006") },
	"legacyDate": func(t time.Time) string { return t.UTC().Format("Monday, January 2, 2006 3:04 PM") },
	"ymd":        func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"title":      sectionTitle,
}).ParseFS(templateFS, "templates/*.html"))

var articleTemplates = [styleCount]string{"wordpress.html", "nextjs.html", "legacy.html"}

// author is a byline entry with the slug of its author page.
type author struct{ Name, Slug string }

// block is one element of the article body: a paragraph or furniture.
type block struct{ Kind, Text string }

// furniture is what CMSs drop between paragraphs, in the order it appears.
var furniture = []string{"ad", "paywall", "newsletter", "related"}

// articleView is the data every article template gets.
type articleView struct {
	Outlet, Base, Style, Canonical, Title, Byline, Section, Description string
	ID                                                                  int
	Authors                                                             []author
	Published, Modified                                                 time.Time
	Blocks                                                              []block
	Churn                                                               churn
	JSONLD, NextData                                                    any
	// Script and Paras are for outlets whose text a script puts on the
	// page: "inline" or "json", and the paragraphs it puts there.
	Script string
	Paras  []string
}

// bodyBlocks interleaves paragraphs with furniture: one piece after each
// paragraph from the second on, never after the last; leftovers close the
// body, as in short stories on real sites.
func bodyBlocks(paras []string) []block {
	out := make([]block, 0, len(paras)+len(furniture))
	f := 0
	for i, p := range paras {
		out = append(out, block{Kind: "p", Text: p})
		if i >= 1 && i < len(paras)-1 && f < len(furniture) {
			out = append(out, block{Kind: furniture[f]})
			f++
		}
	}
	for ; f < len(furniture); f++ {
		out = append(out, block{Kind: furniture[f]})
	}
	return out
}

func (n *Newsroom) renderArticle(r *http.Request, o int, st articleState) (page, error) {
	out := n.outlets[o]
	hash := contentHash(&st.c)
	rng := n.freshChurn()
	if out.style == styleNext {
		rng = n.frozenChurn(hash)
	}
	paras := st.c.Paragraphs()
	v := articleView{
		Outlet: out.name, Base: baseOf(r), Style: out.style.String(),
		Canonical: baseOf(r) + st.path, Title: st.c.Title, Byline: st.c.Byline(),
		Section: topics[st.m.vars.Topic].Section, ID: st.m.id,
		Published: st.m.published, Modified: st.modified,
		Blocks: bodyBlocks(paras), Churn: newChurn(rng, st.links),
	}
	if len(paras) > 0 {
		v.Description = paras[0]
	}
	for _, a := range st.c.Authors {
		v.Authors = append(v.Authors, author{Name: a, Slug: slugify(a)})
	}
	v.JSONLD = jsonLD(v)
	v.NextData = nextData(v, paras)
	tmpl := articleTemplates[out.style]
	if out.script != scriptNone {
		tmpl, v.Paras, v.Script = "script.html", paras, map[scriptKind]string{scriptInline: "inline", scriptJSON: "json"}[out.script]
		// Sites that build their pages in the browser still give search
		// engines the text, in the schema.org markup.
		v.JSONLD.(map[string]any)["articleBody"] = strings.Join(paras, "\n\n")
	}
	body, ctype, err := n.execute(out.style, tmpl, v)
	if err != nil {
		return page{}, err
	}
	return page{body: body, contentType: ctype, etag: `"` + hash[:32] + `"`, modified: st.modified}, nil
}

// execute renders a template and encodes it in the outlet's charset.
func (n *Newsroom) execute(st style, name string, data any) ([]byte, string, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, "", fmt.Errorf("newsroom: render %s: %w", name, err)
	}
	if st != styleLegacy {
		return buf.Bytes(), "text/html; charset=UTF-8", nil
	}
	// Characters windows-1252 lacks become numeric references, as legacy
	// CMSs do when an editor pastes them.
	enc := encoding.HTMLEscapeUnsupported(charmap.Windows1252.NewEncoder())
	b, err := enc.Bytes(buf.Bytes())
	if err != nil {
		return nil, "", fmt.Errorf("newsroom: encode windows-1252: %w", err)
	}
	return b, "text/html; charset=windows-1252", nil
}

func sectionTitle(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// jsonLD is the schema.org NewsArticle a WordPress SEO plugin emits.
func jsonLD(v articleView) any {
	authors := make([]map[string]string, len(v.Authors))
	for i, a := range v.Authors {
		authors[i] = map[string]string{"@type": "Person", "name": a.Name, "url": v.Base + "/author/" + a.Slug + "/"}
	}
	return map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         v.Title,
		"description":      v.Description,
		"author":           authors,
		"datePublished":    v.Published.UTC().Format(time.RFC3339),
		"dateModified":     v.Modified.UTC().Format(time.RFC3339),
		"mainEntityOfPage": map[string]string{"@type": "WebPage", "@id": v.Canonical},
		"articleSection":   sectionTitle(v.Section),
		"publisher":        map[string]any{"@type": "Organization", "name": v.Outlet},
	}
}

// nextData is the page props a Next.js site ships for hydration: the whole
// story again, as JSON.
func nextData(v articleView, paras []string) any {
	elems := make([]map[string]string, len(paras))
	for i, p := range paras {
		elems[i] = map[string]string{"type": "text", "content": p}
	}
	names := make([]string, len(v.Authors))
	for i, a := range v.Authors {
		names[i] = a.Name
	}
	return map[string]any{
		"props": map[string]any{"pageProps": map[string]any{"article": map[string]any{
			"id": v.ID, "headline": v.Title, "authors": names, "section": v.Section,
			"publishedAt": v.Published.UTC().Format(time.RFC3339), "canonicalUrl": v.Canonical,
			"contentElements": elems,
		}}},
		"page":    "/news/[section]/[slug]",
		"buildId": "x7Kq2mPz9Rw",
	}
}

// simpleView fills the 404 and search pages.
type simpleView struct {
	Outlet, Style, Heading, Message string
	Churn                           churn
}

func (n *Newsroom) renderNotFound(r *http.Request, o int) ([]byte, string, error) {
	out := n.outlets[o]
	v := simpleView{Outlet: out.name, Style: out.style.String(), Heading: "Page not found",
		Message: "Sorry, we couldn’t find the page you were looking for.", Churn: newChurn(n.freshChurn(), nil)}
	if r.URL.Path == "/search" {
		v.Heading, v.Message = "Search", "No results found for your query."
	}
	return n.execute(out.style, "simple.html", v)
}
