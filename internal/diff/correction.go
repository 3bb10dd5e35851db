package diff

import (
	"regexp"
	"strings"
)

// correctionPatterns recognise the language newsrooms use to flag a
// correction, in English, German, French and Spanish. Labels need a colon
// (or dash) after them so "correction officer" does not match.
// Immutable table.
var correctionPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(^|[\s(\[*_"“])(correction|clarification|editor['’]?s note|` +
		`korrektur|richtigstellung|anmerkung der redaktion|` +
		`rectificatif|erratum|note de la rédaction|` +
		`corrección|correccion|aclaración|aclaracion|fe de errores|nota del editor|nota de la redacción)\s*[:—–-]`),
	regexp.MustCompile(`(?i)\ban earlier version of this (article|story|report|post|piece)\b`),
	regexp.MustCompile(`(?i)\bthis (article|story|report|post|piece) (has been|was) (corrected|updated|amended)\b`),
	regexp.MustCompile(`(?i)\b(in einer früheren (version|fassung) (dieses|des) (artikels|textes|beitrags)|` +
		`(dieser|der) (artikel|text|beitrag) wurde (korrigiert|berichtigt|aktualisiert))`),
	regexp.MustCompile(`(?i)\b(une (précédente|version précédente|ancienne) version de cet article|` +
		`cet article a été (corrigé|rectifié|modifié|mis à jour))`),
	regexp.MustCompile(`(?i)\b(una versión anterior de (este|esta) (artículo|nota|texto|información)|` +
		`(este|esta) (artículo|nota|texto) (ha sido|fue) (corregid[oa]|actualizad[oa]|modificad[oa]))`),
}

// isCorrection reports whether s reads like a correction notice.
func isCorrection(s string) bool {
	for _, re := range correctionPatterns {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// stripCorrections removes correction notices that are new in newText: a
// new paragraph (no old paragraph similar to it) that reads like a
// correction goes whole; in other paragraphs only the new sentences that
// read like one go. found is false when nothing was removed.
func stripCorrections(oldText, newText string) (stripped string, found bool) {
	oldParas := paragraphs(oldText)
	oldSents := make(map[string]bool)
	for _, s := range Sentences(oldText) {
		oldSents[s] = true
	}
	var kept []string
	for _, p := range paragraphs(newText) {
		if isCorrection(p) && !hasSimilar(p, oldParas) {
			found = true
			continue
		}
		q, removed := stripSentences(p, oldSents)
		found = found || removed
		if q != "" {
			kept = append(kept, q)
		}
	}
	return strings.Join(kept, "\n\n"), found
}

// stripSentences removes from paragraph p the sentences that are not in
// old and read like a correction.
func stripSentences(p string, old map[string]bool) (string, bool) {
	removed := false
	for _, s := range splitParagraph(p) {
		if old[s] || !isCorrection(s) {
			continue
		}
		if i := strings.Index(p, s); i >= 0 {
			p = joinTrimmed(p[:i], p[i+len(s):])
			removed = true
		}
	}
	return p, removed
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
