package newsroom

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

// started returns a running default newsroom, closed with the test.
func started(t testing.TB, cfg Config) *Newsroom {
	t.Helper()
	n := New(cfg)
	if err := n.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.Close)
	return n
}

// runScript advances to the last scripted step.
func runScript(n *Newsroom) {
	for n.Step() < n.Steps()-1 {
		n.Advance()
	}
}

type response struct {
	status int
	header http.Header
	body   string // decoded to UTF-8
}

// fetch GETs u without following redirects and decodes windows-1252 bodies.
func fetch(t testing.TB, u string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(resp.Header.Get("Content-Type"), "windows-1252") {
		if b, err = charmap.Windows1252.NewDecoder().Bytes(b); err != nil {
			t.Fatal(err)
		}
	}
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// paragraphs returns the text of every <p> element in the page.
func paragraphs(t testing.TB, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(nd *html.Node) {
		if nd.Type == html.ElementNode && nd.Data == "p" {
			out = append(out, textOf(nd))
			return
		}
		for c := nd.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func textOf(nd *html.Node) string {
	if nd.Type == html.TextNode {
		return nd.Data
	}
	var b strings.Builder
	for c := nd.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// truthWith returns the first truth article with a version of kind k.
func truthWith(t testing.TB, truth []TruthArticle, k Kind) TruthArticle {
	t.Helper()
	for _, a := range truth {
		for _, v := range a.Versions {
			for _, part := range strings.Split(string(v.Kind), "+") {
				if Kind(part) == k {
					return a
				}
			}
		}
	}
	t.Fatalf("no truth article has a %q version", k)
	return TruthArticle{}
}
