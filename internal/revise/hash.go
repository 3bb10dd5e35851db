package revise

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Hash is the content hash of a version: SHA-256 (hex) over
// title+"\x00"+byline+"\x00"+text after normalisation. Extraction already
// normalises; doing it again here is cheap insurance that whitespace or
// Unicode-composition churn can never make a new version.
func Hash(title, byline, text string) string {
	sum := sha256.Sum256([]byte(normalizeLine(title) + "\x00" + normalizeLine(byline) + "\x00" + normalizeText(text)))
	return hex.EncodeToString(sum[:])
}

// normalizeLine is NFC with runs of whitespace collapsed to one space and
// the ends trimmed.
func normalizeLine(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// normalizeText normalises each paragraph, drops empty ones and joins the
// rest with "\n\n", the form every stage agrees on.
func normalizeText(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var paras []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = normalizeLine(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
