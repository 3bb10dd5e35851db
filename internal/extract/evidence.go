package extract

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
)

// evidence is what the page says about its own body, apart from either
// extractor: the text it publishes for machines (JSON-LD articleBody, the
// description) and the markup around each paragraph.
type evidence struct {
	ldBody      bag // JSON-LD articleBody; empty when the page has none
	description bag // og/meta description
	blocks      blockIndex
}

// minLDBodyWords is the least length of a JSON-LD articleBody taken as the
// article's text; shorter ones are teasers or truncations.
const minLDBodyWords = 40 // counted as word pairs

func gatherEvidence(doc *html.Node, pm pageMeta) evidence {
	ev := evidence{
		description: wordBag(pm.first("og:description", "description", "twitter:description")),
		blocks:      indexBlocks(doc),
	}
	if b := wordBag(ldArticleBody(pm.jsonLD)); b.total >= minLDBodyWords {
		ev.ldBody = b
	}
	return ev
}

// ldArticleBody returns the articleBody of the page's first article-typed
// JSON-LD object, or "".
func ldArticleBody(blocks []string) string {
	for _, raw := range blocks {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(raw)), &v); err != nil {
			continue
		}
		if obj := findArticle(v, 0); obj != nil {
			s, _ := obj["articleBody"].(string)
			return html.UnescapeString(s)
		}
	}
	return ""
}
