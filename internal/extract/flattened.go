package extract

import "strings"

// dropFlattened removes a last paragraph that merely repeats all the ones
// before it run together. trafilatura's baseline, on a page too short for
// its thresholds, appends the whole document's text (the <title> included)
// after the paragraphs it already found.
func dropFlattened(paras []string) []string {
	if len(paras) < 2 {
		return paras
	}
	last := squeeze(paras[len(paras)-1])
	at := 0
	for _, p := range paras[:len(paras)-1] {
		i := strings.Index(last[at:], squeeze(p))
		if i < 0 {
			return paras
		}
		at += i + len(squeeze(p))
	}
	return paras[:len(paras)-1]
}
