package furniture

import "github.com/errata/errata/internal/model"

// Template learning: a short block that recurs, digits masked, across
// most articles of one outlet is the outlet's furniture. Long blocks are
// prose and never counted. Furniture sits on nearly every page of an
// outlet, while a stock sentence or a quote repeated in a story's
// follow-ups sits on a few; the share tells them apart, once the outlet
// has enough articles for a share to mean something.
const (
	maxTemplateWords    = 40
	TemplateMinArticles = 5
	TemplateMinSample   = 10
	TemplateMinShare    = 0.5
)

// SightingKeys returns the masked texts of blocks short enough to be
// template furniture, each once.
func SightingKeys(blocks []model.Block) []string {
	seen := map[string]bool{}
	var out []string
	for _, b := range blocks {
		if words(b.Text) > maxTemplateWords {
			continue
		}
		k := Mask(b.Text)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	return out
}

// IsTemplate reports whether a block seen in articles of an outlet's
// tracked articles is template furniture.
func IsTemplate(articles, outletArticles int) bool {
	return articles >= TemplateMinArticles && outletArticles >= TemplateMinSample &&
		float64(articles) >= TemplateMinShare*float64(outletArticles)
}
