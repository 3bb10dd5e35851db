package diff

import (
	"regexp"
	"strings"
)

// correctionRule is one way newsrooms flag a correction. keys are
// lower-case words the pattern cannot match without; checking them first
// keeps the regexp off almost all text.
type correctionRule struct {
	keys []string
	re   *regexp.Regexp
}

// correctionRules recognise correction notices in English, German, French
// and Spanish. Labels need a colon (or dash) after them so "correction
// officer" does not match. Immutable table.
var correctionRules = []correctionRule{
	{[]string{"correc", "clarif", "editor", "korrektur", "richtigstellung", "redaktion", "rectif", "errat",
		"rédaction", "aclara", "errores"},
		regexp.MustCompile(`(?i)(^|[\s(\[*_"“])(correction|clarification|editor['’]?s note|` +
			`korrektur|richtigstellung|anmerkung der redaktion|rectificatif|erratum|note de la rédaction|` +
			`corrección|correccion|aclaración|aclaracion|fe de errores|nota del editor|nota de la redacción)\s*[:—–-]`)},
	{[]string{"earlier version"},
		regexp.MustCompile(`(?i)\ban earlier version of this (article|story|report|post|piece)\b`)},
	{[]string{"correct", "updated", "amended"},
		regexp.MustCompile(`(?i)\bthis (article|story|report|post|piece) (has been|was) (corrected|updated|amended)\b`)},
	{[]string{"früheren", "korrigiert", "berichtigt", "aktualisiert"},
		regexp.MustCompile(`(?i)\b(in einer früheren (version|fassung) (dieses|des) (artikels|textes|beitrags)|` +
			`(dieser|der) (artikel|text|beitrag) wurde (korrigiert|berichtigt|aktualisiert))`)},
	{[]string{"version de cet article", "cet article a été"},
		regexp.MustCompile(`(?i)\b(une (précédente|version précédente|ancienne) version de cet article|` +
			`cet article a été (corrigé|rectifié|modifié|mis à jour))`)},
	{[]string{"versión anterior", "corregid", "actualizad", "modificad"},
		regexp.MustCompile(`(?i)\b(una versión anterior de (este|esta) (artículo|nota|texto|información)|` +
			`(este|esta) (artículo|nota|texto) (ha sido|fue) (corregid[oa]|actualizad[oa]|modificad[oa]))`)},
}

// isCorrection reports whether s reads like a correction notice.
func isCorrection(s string) bool {
	lower := strings.ToLower(s)
	for _, rule := range correctionRules {
		if containsAny(lower, rule.keys) && rule.re.MatchString(s) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// stripCorrections removes correction notices that are new in newText.
// Only sentences absent from the old text are examined. A new paragraph
// (no old paragraph similar to it) holding a notice goes whole, since the
// sentences after "Correction:" belong to it; elsewhere only the notice
// sentences go. found is false when nothing was removed.
func stripCorrections(oldText, newText string, oldSentences []string) (stripped string, found bool) {
	oldParas := paragraphs(oldText)
	unchanged := make(map[string]bool, len(oldParas))
	for _, p := range oldParas {
		unchanged[p] = true
	}
	oldSents := make(map[string]bool, len(oldSentences))
	for _, s := range oldSentences {
		oldSents[s] = true
	}
	var kept []string
	for _, p := range paragraphs(newText) {
		var notices []string
		// A paragraph that does not match cannot hold a sentence that
		// does: one regexp pass spares splitting most paragraphs.
		if !unchanged[p] && isCorrection(p) {
			notices = newNotices(p, oldSents)
		}
		switch {
		case len(notices) == 0:
			kept = append(kept, p)
		case !hasSimilar(p, oldParas):
			found = true
		default:
			found = true
			if q := removeSentences(p, notices); q != "" {
				kept = append(kept, q)
			}
		}
	}
	return strings.Join(kept, "\n\n"), found
}

// newNotices lists the sentences of paragraph p that are not in old and
// read like a correction.
func newNotices(p string, old map[string]bool) []string {
	var out []string
	for _, s := range splitParagraph(p, nil) {
		if !old[s] && isCorrection(s) {
			out = append(out, s)
		}
	}
	return out
}

// removeSentences cuts each sentence out of p once.
func removeSentences(p string, sentences []string) string {
	for _, s := range sentences {
		if i := strings.Index(p, s); i >= 0 {
			p = joinTrimmed(p[:i], p[i+len(s):])
		}
	}
	return p
}

func joinTrimmed(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}

func hasSimilar(p string, candidates []string) bool {
	bag := wordBag(p)
	for _, c := range candidates {
		if dice(bag, wordBag(c)) >= matchThreshold {
			return true
		}
	}
	return false
}
