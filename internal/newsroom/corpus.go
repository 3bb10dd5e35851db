package newsroom

import (
	"math/rand/v2"
	"strings"
	"time"
)

// CorpusArticle is one article of the labelled stories corpus: its text
// as an outlet published it, and the truth about it.
type CorpusArticle struct {
	ID         int64
	Outlet     string
	Host       string
	Title      string
	Byline     string
	Paragraphs []string
	FirstSeen  time.Time
	Wire       int  // the agency story it reprints; 0 for none
	Event      int  // the event it reports; every article has its own or a shared one
	Origin     bool // the copy to take as its wire group's origin
}

// Corpus shape: enough agency stories, reprints and look-alikes that a
// rate measured on it means something, small enough for a unit test.
const (
	corpusWireStories  = 10
	corpusOnlyCovered  = 5  // events covered independently, with no agency copy
	corpusUnrelated    = 20 // articles on events of their own
	corpusMinReprints  = 3
	corpusMaxReprints  = 6
	corpusEventSpacing = 11 * time.Hour
)

// corpusAgency is an agency of the corpus: its dateline credit and site.
type corpusAgency struct{ name, credit, host, byline string }

var corpusAgencies = []corpusAgency{
	{"AFP", "(AFP) —", "www.afp.com", "AFP"},
	{"Reuters", "(Reuters) -", "www.reuters.com", "Reuters staff"},
	{"Associated Press", "(AP) —", "apnews.com", "The Associated Press"},
	{"dpa", "(dpa) -", "www.dpa.com", "dpa"},
}

// corpusOutlets are the outlets that reprint and cover events.
var corpusOutlets = []struct{ name, host, town string }{
	{"The Daily Ledger", "dailyledger.example", "Fenwick"},
	{"Harbour Times", "harbourtimes.example", "Port Ellery"},
	{"The Evening Courant", "courant.example", "Maplewood"},
	{"Metro Wire", "metrowire.example", "Eastgate"},
	{"The Signal", "thesignal.example", "Brookside"},
	{"Pulse News", "pulsenews.example", "Kingsbridge"},
	{"The Valley Herald", "valleyherald.example", "Alder Vale"},
	{"Gazette Régionale", "gazette.example", "Saint-Aubin"},
}

// StoriesCorpus generates the labelled corpus for story and copy
// detection: agency stories reprinted by 3–6 outlets each with furniture,
// trims, headline rewrites, local paragraphs, re-paragraphing and a late
// agency update only some outlets pick up; independent coverage of the
// same events (same facts, different prose); and unrelated articles,
// among them one on the same subject as each agency story but about
// another event (many words shared, different facts).
func StoriesCorpus(seed int64) []CorpusArticle {
	g := &corpusGen{seed: seed, t0: DefaultEpoch}
	for w := 1; w <= corpusWireStories; w++ {
		g.wireStory(w)
	}
	for e := 1; e <= corpusOnlyCovered; e++ {
		g.independentEvent(corpusWireStories + e)
	}
	for u := 1; u <= corpusUnrelated; u++ {
		g.unrelated(u)
	}
	return g.out
}

type corpusGen struct {
	seed   int64
	t0     time.Time
	out    []CorpusArticle
	events int
}

func (g *corpusGen) add(a CorpusArticle) {
	a.ID = int64(len(g.out) + 1)
	g.out = append(g.out, a)
}

func (g *corpusGen) eventVars(event int) (storyVars, *rand.Rand) {
	r := newRand(g.seed, 0x5709, uint64(event))
	return newStoryVars(r), r
}

func (g *corpusGen) eventTime(event int) time.Time {
	return g.t0.Add(time.Duration(event) * corpusEventSpacing)
}

// wireStory writes one agency story, its reprints and independent
// coverage of its event.
func (g *corpusGen) wireStory(w int) {
	v, r := g.eventVars(w)
	ag := corpusAgencies[w%len(corpusAgencies)]
	text := agencyBody(v, r)
	text[0] = strings.ToUpper(v.Place) + " " + ag.credit + " " + text[0]
	// The agency's update: a paragraph added some hours after the first
	// release.
	updated := append(append([]string{}, text...), fill("{Official} said on {Day} that the final figure would be published within {Num} weeks.", v, r))
	updateAt := 4 * time.Hour

	start := g.eventTime(w)
	n := corpusMinReprints + r.IntN(corpusMaxReprints-corpusMinReprints+1)
	outlets := r.Perm(len(corpusOutlets))
	withAgency := w%2 == 0
	first := len(g.out)
	if withAgency {
		// errata may find the agency's own page after a reprint.
		g.add(CorpusArticle{Outlet: ag.name, Host: ag.host, Title: headline(v, 0, r), Byline: ag.byline,
			Paragraphs: updated, FirstSeen: start.Add(time.Duration(r.IntN(90)) * time.Minute), Wire: w, Event: w})
	}
	for i := range n {
		o := corpusOutlets[outlets[i]]
		seen := start.Add(time.Duration(10+r.IntN(300)) * time.Minute)
		base := text
		if seen.Sub(start) > updateAt || r.IntN(3) == 0 {
			base = updated
		}
		g.add(CorpusArticle{Outlet: o.name, Host: o.host, Title: headline(v, 1+r.IntN(2), r),
			Byline:     pick(r, []string{ag.byline, "Staff and agencies", "By " + personName(r) + " with " + ag.name}),
			Paragraphs: reprint(base, o.name, o.town, r), FirstSeen: seen, Wire: w, Event: w})
	}
	g.markOrigin(first, withAgency)
	// One or two outlets not carrying the copy report the event themselves.
	for k := range 1 + r.IntN(2) {
		o := corpusOutlets[outlets[len(outlets)-1-k]]
		g.add(independentReport(v, k, o.name, o.host, start.Add(time.Duration(30+r.IntN(600))*time.Minute), w, r))
	}
}

// markOrigin sets Origin on the true origin of the copies added from
// index first: the agency's own copy, otherwise the earliest seen.
func (g *corpusGen) markOrigin(first int, withAgency bool) {
	if withAgency {
		g.out[first].Origin = true
		return
	}
	best := first
	for i := first + 1; i < len(g.out); i++ {
		if g.out[i].FirstSeen.Before(g.out[best].FirstSeen) {
			best = i
		}
	}
	g.out[best].Origin = true
}

func (g *corpusGen) independentEvent(e int) {
	v, r := g.eventVars(e)
	outlets := r.Perm(len(corpusOutlets))
	for k := range 2 + r.IntN(2) {
		o := corpusOutlets[outlets[k]]
		g.add(independentReport(v, k, o.name, o.host, g.eventTime(e).Add(time.Duration(r.IntN(900))*time.Minute), e, r))
	}
}

// unrelated writes an article on an event of its own. The first ones
// share the subject of an agency story (its topic, so much of its
// vocabulary) but not its facts.
func (g *corpusGen) unrelated(u int) {
	event := 1000 + u
	v, r := g.eventVars(event)
	at := g.t0.Add(time.Duration(r.IntN(corpusWireStories*11*60)) * time.Minute)
	if u <= corpusWireStories {
		wv, _ := g.eventVars(u)
		for v.Topic != wv.Topic || v.Place == wv.Place {
			v = newStoryVars(r)
		}
		at = g.eventTime(u).Add(time.Duration(r.IntN(600)) * time.Minute)
	}
	o := corpusOutlets[r.IntN(len(corpusOutlets))]
	g.add(independentReport(v, r.IntN(3), o.name, o.host, at, event, r))
}

// Reprint is outlet's copy of text as a reprint would carry it (see
// reprint), drawn from seed: for tests that reprint text of their own.
func Reprint(text []string, outlet, town string, seed uint64) []string {
	return reprint(text, outlet, town, newRand(0, 0x9e9, seed))
}

// reprint is an outlet's copy of agency text: furniture around it, maybe
// trimmed, re-paragraphed and given a local paragraph.
func reprint(text []string, outlet, town string, r *rand.Rand) []string {
	ps := append([]string{}, text...)
	if r.IntN(2) == 0 && len(ps) > 4 {
		ps = ps[:len(ps)-1-r.IntN(min(3, len(ps)-4))]
	}
	if r.IntN(2) == 0 && len(ps) > 3 {
		i := 1 + r.IntN(len(ps)-2)
		ps = append(ps[:i], append([]string{ps[i] + " " + ps[i+1]}, ps[i+2:]...)...)
	}
	if r.IntN(2) == 0 {
		local := "In " + town + ", " + pick(r, localReactions)
		i := min(len(ps), 1+r.IntN(len(ps)))
		ps = append(ps[:i], append([]string{local}, ps[i:]...)...)
	}
	top := pick(r, topFurniture)
	bottom := strings.ReplaceAll(pick(r, bottomFurniture), "{Outlet}", outlet)
	return append(append([]string{top}, ps...), bottom)
}

var localReactions = []string{
	"where similar plans were shelved last year, councillors said they would watch the outcome closely before deciding anything of their own.",
	"shop owners on the high street told this newspaper they had heard nothing official and were worried about what it would mean for them.",
	"the local member of parliament called for an urgent briefing and said residents deserved straight answers within the week.",
}

var topFurniture = []string{
	"Listen to this article",
	"Advertisement",
	"Share this story on social media",
	"This article is more than 2 hours old",
}

var bottomFurniture = []string{
	"Sign up for the {Outlet} morning briefing, delivered to your inbox every weekday.",
	"Read more from {Outlet}: the week in pictures, our daily puzzle and the latest local news.",
	"Have a story tip? Contact the {Outlet} newsroom. Copyright {Outlet}, all rights reserved.",
}

// agencyBody is an agency's account of the event v: the topic's lede, the
// official's quote, the topic's facts and sentences of its own.
func agencyBody(v storyVars, r *rand.Rand) []string {
	tp := topics[v.Topic]
	lede := fill(pick(r, tp.Ledes), v, r)
	paras := composeReport(v, r, lede, quoteSentence(tp.Quotes[0], v.Official, tp.Role), 7+r.IntN(4))
	return append(paras[:1], append([]string{fill(agencyFigureLine, v, r)}, paras[1:]...)...)
}

// independentReport is one outlet's own account of the event v: the same
// facts as every other report of it, in prose of its own (its own lede,
// quote and wording of the figures; the rest drawn fresh).
func independentReport(v storyVars, k int, outlet, host string, at time.Time, event int, r *rand.Rand) CorpusArticle {
	k %= len(independentLedes)
	tp := topics[v.Topic]
	paras := composeReport(v, r, fill(independentLedes[k], v, r), quoteSentence(tp.Quotes[1+k%2], v.Official, tp.Role), 5+r.IntN(4))
	paras = append(paras[:1], append([]string{fill(figureLines[k], v, r)}, paras[1:]...)...)
	return CorpusArticle{Outlet: outlet, Host: host, Title: headline(v, k, r), Byline: "By " + personName(r),
		Paragraphs: paras, FirstSeen: at, Event: event}
}

// composeReport builds n paragraphs: the lede, the quote, two of the
// topic's facts, and sentences composed from parts. Composed sentences
// vary from article to article the way prose does, so two articles on one
// subject share words but rarely a run of five of them; the generator's
// stock sentences would repeat whole sentences across unrelated articles.
func composeReport(v storyVars, r *rand.Rand, lede, quote string, n int) []string {
	return joinParas(composeParas(v, r, lede, quote, n))
}

// composeParas is composeReport with each paragraph's sentences apart.
func composeParas(v storyVars, r *rand.Rand, lede, quote string, n int) [][]string {
	tp := topics[v.Topic]
	facts := append([]string{}, tp.Facts...)
	r.Shuffle(len(facts), func(i, j int) { facts[i], facts[j] = facts[j], facts[i] })
	paras := [][]string{{lede}, {quote}}
	for i := 0; len(paras) < n; i++ {
		var p []string
		if i < 2 {
			p = append(p, fill(facts[i], v, r))
		}
		for range 1 + r.IntN(3) {
			p = append(p, composedSentence(v, r))
		}
		paras = append(paras, p)
	}
	return paras
}

func joinParas(ps [][]string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = strings.Join(p, " ")
	}
	return out
}

func composedSentence(v storyVars, r *rand.Rand) string {
	return fill(pick(r, sentenceSubjects)+" "+pick(r, sentenceVerbs)+" "+pick(r, sentenceClauses)+pick(r, sentenceTails)+".", v, r)
}

var sentenceSubjects = []string{
	"residents", "council members", "{Person}", "local business owners", "several officials",
	"opponents of the plan", "supporters", "an analyst, {Person},", "parents", "union leaders",
	"neighbours", "two former officials", "volunteers", "{Person}, who has followed the issue for years,",
}

var sentenceVerbs = []string{
	"said", "warned", "argued", "complained", "predicted", "insisted", "conceded", "noted",
	"suggested", "repeated", "wrote", "told reporters",
}

var sentenceClauses = []string{
	"that {Thing} had been discussed for too long", "that the {Org} had not explained its numbers",
	"that {Thing} would change daily life in {Place}", "the timing was wrong", "costs would keep rising",
	"nobody had asked them first", "that the vote had been rushed", "more meetings were needed",
	"the decision was overdue", "that they expected legal challenges", "the money could be better spent",
	"that {Thing} was only the start", "the public deserved a clearer answer", "that trust had been damaged",
	"the details still mattered most", "it was too early to judge", "the figures looked optimistic",
}

var sentenceTails = []string{
	"", "", " on {Day}", " after the meeting", " in interviews", " in a statement", " at a packed hall",
	" on social media", " during a radio debate", " late in the evening", " outside the building",
}

var independentLedes = []string{
	"Officials in {Place} confirmed on {Day} what the {Org} had been signalling for weeks, and the reaction was swift.",
	"It was a long {Day} for the {Org}, which ended it facing questions from {Place} residents about {Thing}.",
	"{Place} woke up on {Day} to news from the {Org} that few there had expected so soon.",
}

const agencyFigureLine = "The {Org} put the total at {Money}, {Official} told reporters in {Place}."

var figureLines = []string{
	"{Official} put the cost at {Money}, a sum that drew gasps at the meeting.",
	"The price tag, {Money}, was confirmed by {Official} of the {Org} late in the afternoon.",
	"According to the {Org}, the bill comes to {Money}; {Official} defended it in {Place} on {Day}.",
}
