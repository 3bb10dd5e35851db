package extract

import (
	"net/url"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
)

// readabilityBody returns the paragraphs go-readability finds in the
// cleaned page. It scores candidate containers differently from
// trafilatura (by commas, paragraph length and class weights rather than
// by the text trafilatura's own rules keep), so the two rarely take the
// same wrong block. It works on a copy of the page.
func readabilityBody(doc *html.Node, pageURL string) []string {
	u, err := url.Parse(pageURL)
	if err != nil {
		u = nil
	}
	art, err := readability.FromDocument(doc, u)
	if err != nil || art.Node == nil {
		return nil
	}
	return paragraphs(art.Node)
}
