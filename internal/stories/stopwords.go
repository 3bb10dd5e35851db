package stories

// stopwords are English function words and the verbs of reporting, which
// every news text has and which say nothing about the event. Texts in
// other languages keep theirs, which lowers their word similarity evenly;
// names and numbers, which carry most of the weight, are unaffected.
var stopwords = toSet(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves said says say told according
new one two three four five six seven eight nine ten first last year years week weeks month months
day days time people may might must would also many much however since while yet still well
monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr it's its per cent percent
told added including included just like get got make made take took going went come came
january february march april june july august september october november december`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for _, r := range s + " " {
		if r == ' ' || r == '\n' || r == '\t' {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return m
}
