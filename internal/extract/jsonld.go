package extract

import (
	"encoding/json"
	"strings"
)

// ldArticle is what errata takes from a schema.org article object.
type ldArticle struct {
	headline  string
	authors   []string
	published string
	modified  string
}

// maxLDDepth bounds the walk through nested JSON-LD so hostile input cannot
// make it expensive.
const maxLDDepth = 8

// articleFromJSONLD returns the first article-typed object found in the
// page's JSON-LD blocks. Blocks that do not parse are skipped: many outlets
// ship broken JSON-LD and the rest of the page is still usable.
func articleFromJSONLD(blocks []string) (ldArticle, bool) {
	for _, raw := range blocks {
		var v any
		if err := json.Unmarshal([]byte(strings.TrimSpace(raw)), &v); err != nil {
			continue
		}
		if obj := findArticle(v, 0); obj != nil {
			return ldArticle{
				headline:  firstString(obj["headline"], obj["name"]),
				authors:   ldNames(obj["author"], 0),
				published: firstString(obj["datePublished"], obj["dateCreated"]),
				modified:  firstString(obj["dateModified"]),
			}, true
		}
	}
	return ldArticle{}, false
}

// findArticle searches v (object, array or @graph) for an article object.
func findArticle(v any, depth int) map[string]any {
	if depth > maxLDDepth {
		return nil
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if obj := findArticle(e, depth+1); obj != nil {
				return obj
			}
		}
	case map[string]any:
		if isArticleType(t["@type"]) {
			return t
		}
		for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
			if obj := findArticle(t[k], depth+1); obj != nil {
				return obj
			}
		}
	}
	return nil
}

// isArticleType accepts schema.org's article family (NewsArticle,
// ReportageNewsArticle, BlogPosting, LiveBlogPosting, ...), given as a string
// or a list of strings.
func isArticleType(v any) bool {
	switch t := v.(type) {
	case string:
		name := t[strings.LastIndexAny(t, "/:")+1:]
		return strings.HasSuffix(name, "Article") || strings.HasSuffix(name, "Posting") ||
			name == "Report"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldNames returns the names in an author value: a string, an object with a
// name, or a list of either.
func ldNames(v any, depth int) []string {
	if depth > maxLDDepth {
		return nil
	}
	switch t := v.(type) {
	case string:
		return []string{t}
	case map[string]any:
		if s := firstString(t["name"]); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e, depth+1)...)
		}
		return out
	}
	return nil
}

// firstString returns the first value that is a non-empty string (or a list
// starting with one).
func firstString(vs ...any) string {
	for _, v := range vs {
		switch t := v.(type) {
		case string:
			if s := strings.TrimSpace(t); s != "" {
				return s
			}
		case []any:
			if len(t) > 0 {
				if s, ok := t[0].(string); ok && strings.TrimSpace(s) != "" {
					return strings.TrimSpace(s)
				}
			}
		}
	}
	return ""
}
