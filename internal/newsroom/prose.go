package newsroom

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Limits on generated prose, so every article has the shape of a short news
// story: 5–10 paragraphs of 1–4 sentences.
const (
	minParagraphs       = 5
	maxParagraphs       = 10
	maxSentencesPerPara = 4
	maxSlugWords        = 8
	quoteParagraph      = 2 // index of the paragraph that carries the main quote
)

// newRand returns a generator seeded from the newsroom seed and a path of
// labels, so every article, step and outlet has its own stable stream.
func newRand(seed int64, parts ...uint64) *rand.Rand {
	h := mix(uint64(seed))
	for _, p := range parts {
		h = mix(h ^ p)
	}
	return rand.New(rand.NewPCG(h, mix(h+1)))
}

// mix is splitmix64's finaliser: cheap and good enough to decorrelate seeds.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func personName(r *rand.Rand) string {
	return pick(r, firstNames) + " " + pick(r, lastNames)
}

// storyVars are the facts fixed for one article, so its headline, lede and
// quotes agree with each other.
type storyVars struct {
	Topic    int
	Place    string
	Org      string
	Thing    string
	Money    string
	Official string
}

func newStoryVars(r *rand.Rand) storyVars {
	t := r.IntN(len(topics))
	tp := topics[t]
	return storyVars{
		Topic:    t,
		Place:    pick(r, places),
		Org:      pick(r, tp.Orgs),
		Thing:    pick(r, tp.Things),
		Money:    "$" + strconv.Itoa(r.IntN(90)+2) + "." + strconv.Itoa(r.IntN(10)) + " million",
		Official: personName(r),
	}
}

// fill expands one template. Slots fixed per article come from v; {Num},
// {Pct}, {Day} and {Person} are drawn fresh for each occurrence.
func fill(tmpl string, v storyVars, r *rand.Rand) string {
	var b strings.Builder
	b.Grow(len(tmpl) + len(tmpl)/2)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		b.WriteString(slot(tmpl[i+1:i+j], v, r))
		tmpl = tmpl[i+j+1:]
	}
	return capitalise(b.String())
}

func slot(name string, v storyVars, r *rand.Rand) string {
	switch name {
	case "Place":
		return v.Place
	case "Org":
		return v.Org
	case "Thing":
		return v.Thing
	case "Money":
		return v.Money
	case "Official":
		return v.Official
	case "Role":
		return topics[v.Topic].Role
	case "Num":
		return strconv.Itoa(r.IntN(8) + 2)
	case "Pct":
		return strconv.Itoa(r.IntN(30) + 3)
	case "Day":
		return pick(r, weekdays)
	case "Person":
		return personName(r)
	}
	return name
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// headline returns headline variant i of the article's topic.
func headline(v storyVars, i int, r *rand.Rand) string {
	hs := topics[v.Topic].Headlines
	return fill(hs[i%len(hs)], v, r)
}

// quoteSentence renders a quote the way wire copy does: curly quotes, the
// comma inside, attribution after.
func quoteSentence(quote, who, role string) string {
	return "“" + quote + ",” said " + who + ", " + role + "."
}

// body writes the article's paragraphs as sentences. Sentences are drawn
// without replacement so no sentence repeats within an article, which keeps
// the script's find-and-replace revisions unambiguous.
func body(v storyVars, r *rand.Rand) [][]string {
	tp := topics[v.Topic]
	pool := make([]string, 0, len(tp.Facts)+len(genericSentences))
	pool = append(pool, tp.Facts...)
	pool = append(pool, genericSentences...)
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	quotes := append([]string(nil), tp.Quotes...)
	r.Shuffle(len(quotes), func(i, j int) { quotes[i], quotes[j] = quotes[j], quotes[i] })

	n := minParagraphs + r.IntN(maxParagraphs-minParagraphs+1)
	paras := make([][]string, 0, n)
	paras = append(paras, []string{fill(pick(r, tp.Ledes), v, r)})
	next := 0
	for i := 1; i < n; i++ {
		var p []string
		switch i {
		case quoteParagraph:
			p = append(p, quoteSentence(quotes[0], v.Official, tp.Role))
		case n - 1:
			p = append(p, quoteSentence(quotes[1], personName(r), "a resident of "+v.Place))
		}
		want := 1 + r.IntN(maxSentencesPerPara)
		for len(p) < want && next < len(pool) {
			p = append(p, fill(pool[next], v, r))
			next++
		}
		paras = append(paras, p)
	}
	return paras
}

var genericSentences = []string{
	"The decision comes after months of debate in {Place}.",
	"{Person}, who has lived in {Place} for {Num}0 years, said the news was not a surprise.",
	"Critics said the process had moved too quickly.",
	"Supporters pointed to similar efforts in neighbouring towns.",
	"A final report is expected in the spring.",
	"The figures could not be independently verified.",
	"Officials did not say how many people would be affected.",
	"{Person}, a local business owner, said the change had been a long time coming.",
	"It was not immediately clear how the change would be paid for.",
	"The {Org} is scheduled to meet again on {Day}.",
	"A similar proposal failed by a single vote in 2023.",
	"{Official} said a timeline would be published within {Num} weeks.",
	"Several residents said they first heard about the plan on social media.",
	"The issue has dominated local meetings since the summer.",
	"State lawmakers are watching the outcome closely.",
	"{Person}, an analyst who studies the region, called the move overdue.",
	"Opponents have until {Day} to file a formal objection.",
	"The last comparable project took nearly {Num} years to finish.",
	"Records obtained by this newspaper show the cost estimate was revised twice.",
	"Neither side expects the debate to end soon.",
	"{Official} declined to answer questions after the announcement.",
	"Turnout at the public hearing was the highest in a decade.",
	"The change takes effect on the first of next month.",
	"An independent review found no evidence of wrongdoing.",
	"Some business owners said they were still waiting for details.",
}

// slugify turns a headline into a URL slug the way CMSs do: folded to
// ASCII, lower case, punctuation dropped, a bounded number of words.
func slugify(title string) string {
	var b strings.Builder
	b.Grow(len(title))
	words, pendingDash := 0, false
	add := func(s string) {
		if pendingDash {
			words++
			if words >= maxSlugWords {
				return
			}
			b.WriteByte('-')
			pendingDash = false
		}
		b.WriteString(s)
	}
	for _, c := range title {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			add(string(c))
		case c == '’' || c == '\'' || c == '$' || c == '.' || c == ',':
			// Dropped without splitting: "city’s" -> "citys", "$4.5" -> "45".
		default:
			if f, ok := asciiFold[c]; ok {
				add(f)
				continue
			}
			pendingDash = b.Len() > 0
		}
		if words >= maxSlugWords {
			break
		}
	}
	return b.String()
}

var asciiFold = map[rune]string{
	'é': "e", 'è': "e", 'ë': "e", 'á': "a", 'à': "a", 'ä': "a", 'í': "i", 'ó': "o",
	'ö': "o", 'ø': "o", 'ú': "u", 'ü': "u", 'ñ': "n", 'ç': "c", 'É': "e", 'Ü': "u", 'Ö': "o",
}
