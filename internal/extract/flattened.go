package extract

import "strings"

// dropFlattened removes a last paragraph that merely repeats all the ones
// before it run together. trafilatura's baseline, on a page too short for
// its thresholds, appends the whole document's text (the <title> included)
// after the paragraphs it already found. A last paragraph that is mostly
// new text (a page's menus around a one-line teaser) is the body itself
// and stays.
func dropFlattened(paras []string) []string {
	if len(paras) < 2 {
		return paras
	}
	last := squeeze(paras[len(paras)-1])
	at, repeated := 0, 0
	for _, p := range paras[:len(paras)-1] {
		sp := squeeze(p)
		i := strings.Index(last[at:], sp)
		if i < 0 {
			return paras
		}
		at += i + len(sp)
		repeated += len(sp)
	}
	if len(last)-repeated > repeated {
		return paras
	}
	return paras[:len(paras)-1]
}
