package diff

import (
	"regexp"
	"strings"
)

// correctionPattern recognises the language newsrooms use to flag a
// correction, in English, German, French and Spanish. Labels need a colon
// (or dash) after them so "correction officer" does not match. One
// alternation keeps it to a single pass over each new sentence.
// Immutable table.
var correctionPattern = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`(^|[\s(\[*_"“])(correction|clarification|editor['’]?s note|` +
		`korrektur|richtigstellung|anmerkung der redaktion|` +
		`rectificatif|erratum|note de la rédaction|` +
		`corrección|correccion|aclaración|aclaracion|fe de errores|nota del editor|nota de la redacción)\s*[:—–-]`,
	`\ban earlier version of this (article|story|report|post|piece)\b`,
	`\bthis (article|story|report|post|piece) (has been|was) (corrected|updated|amended)\b`,
	`\bin einer früheren (version|fassung) (dieses|des) (artikels|textes|beitrags)`,
	`\b(dieser|der) (artikel|text|beitrag) wurde (korrigiert|berichtigt|aktualisiert)`,
	`\bune (précédente|version précédente|ancienne) version de cet article`,
	`\bcet article a été (corrigé|rectifié|modifié|mis à jour)`,
	`\buna versión anterior de (este|esta) (artículo|nota|texto|información)`,
	`\b(este|esta) (artículo|nota|texto) (ha sido|fue) (corregid[oa]|actualizad[oa]|modificad[oa])`,
}, "|"))

// isCorrection reports whether s reads like a correction notice.
func isCorrection(s string) bool {
	return correctionPattern.MatchString(s)
}

// stripCorrections removes correction notices that are new in newText.
// Only sentences absent from the old text are examined. A new paragraph
// (no old paragraph similar to it) holding a notice goes whole, since the
// sentences after "Correction:" belong to it; elsewhere only the notice
// sentences go. found is false when nothing was removed.
func stripCorrections(oldText, newText string) (stripped string, found bool) {
	oldParas := paragraphs(oldText)
	oldSents := make(map[string]bool)
	for _, s := range Sentences(oldText) {
		oldSents[s] = true
	}
	var kept []string
	for _, p := range paragraphs(newText) {
		notices := newNotices(p, oldSents)
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
	for _, s := range splitParagraph(p) {
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
