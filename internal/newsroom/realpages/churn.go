package realpages

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Churn sizes and ranges.
const (
	relatedSize   = 3
	mostReadSize  = 5
	slideCount    = 4
	tokenBytes    = 16
	adIDBytes     = 4
	maxReaders    = 250_000
	maxComments   = 9_000
	maxMinutesAgo = 59
)

// link is a teaser: another article's headline and address.
type link struct{ title, url string }

// Per-request wording; %s is a reader count.
var newsletterForms = []string{
	"Join %s readers who start the day with our morning briefing.",
	"%s people already get our newsletter. Sign up, it's free.",
	"Don't miss a story: %s subscribers read our evening email.",
	"Get the news that matters in your inbox, like %s other readers.",
}

var captions = []string{
	"Crowds gather outside the building on Tuesday.", "A view of the site from above.",
	"Officials speak to reporters.", "Residents look on as crews work.",
	"The scene later in the evening.", "Supporters hold up signs.",
}

// churn draws every slot's furniture for one request. r is seeded from the
// run's seed, the article and the request number, so a run replays.
func churn(r *rand.Rand, st style, pool []link, slides []string) map[string]string {
	return map[string]string{
		slotHead: fmt.Sprintf(`<meta name="csrf-token" content="%s"><script nonce="%s">window.__session=%q;</script>`,
			token(r, tokenBytes), token(r, tokenBytes), token(r, tokenBytes)),
		slotTop: ad(r, st, "leaderboard") + fmt.Sprintf(`<form action="/account/login" method="post"><input type="hidden" name="csrf" value="%s"><button type="submit">Log in</button></form>`,
			token(r, tokenBytes)),
		slotBefore:     st.wrap(roleRelated, "", "<h3>"+esc(st.related)+"</h3>"+list("ul", pick(r, pool, relatedSize))),
		slotAfter:      st.wrap(roleMostRead, "", "<h3>Most read</h3>"+list("ol", pick(r, pool, mostReadSize))),
		slotFoot:       st.wrap(roleFooter, "", fmt.Sprintf("<span>%s readers online now</span>", count(r, maxReaders))),
		slotLead:       st.wrap(roleStamp, "", fmt.Sprintf("Updated %d minutes ago", 1+r.IntN(maxMinutesAgo))),
		slotNewsletter: newsletter(r, st),
		slotReadMore:   readMore(r, st, pool),
		slotSlideshow:  slideshow(r, st, slides),
		slotInlineAd:   ad(r, st, "inline"),
		slotEnd:        st.wrap(roleCounter, "", fmt.Sprintf("%s comments", count(r, maxComments))),
		slotCut:        "",
	}
}

func newsletter(r *rand.Rand, st style) string {
	text := esc(fmt.Sprintf(newsletterForms[r.IntN(len(newsletterForms))], count(r, maxReaders)))
	if st.inline(roleNewsletter) {
		return st.wrap(roleNewsletter, "", text+` <a href="/newsletters">Sign up</a>`)
	}
	return st.wrap(roleNewsletter, "", "<p>"+text+`</p><form action="/newsletters" method="post"><input type="email" name="email" placeholder="Email address"><button type="submit">Sign up</button></form>`)
}

func readMore(r *rand.Rand, st style, pool []link) string {
	l := pool[r.IntN(len(pool))]
	return st.wrap(roleReadMore, "", fmt.Sprintf(`Read more: <a href="%s">%s</a>`, esc(l.url), esc(l.title)))
}

// slideshow shows the article's photos in a new order on each request.
func slideshow(r *rand.Rand, st style, slides []string) string {
	var b strings.Builder
	b.WriteString("<ul>")
	for _, i := range r.Perm(len(slides)) {
		fmt.Fprintf(&b, `<li><img src="/img/photo-%d.jpg" alt="%s"><span>%s</span></li>`, i, esc(slides[i]), esc(slides[i]))
	}
	fmt.Fprintf(&b, `</ul><button type="button">Prev</button><button type="button">Next</button><span>%d / %d</span>`,
		1+r.IntN(len(slides)), len(slides))
	return st.wrap(roleSlideshow, "", b.String())
}

func ad(r *rand.Rand, st style, unit string) string {
	extra := fmt.Sprintf(` id="ad-%s" data-unit="/2207/news/%s" data-request="%s"`, token(r, adIDBytes), unit, token(r, adIDBytes))
	return st.wrap(roleAd, extra, "<span>Advertisement</span>")
}

func list(kind string, links []link) string {
	var b strings.Builder
	b.WriteString("<" + kind + ">")
	for _, l := range links {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, esc(l.url), esc(l.title))
	}
	b.WriteString("</" + kind + ">")
	return b.String()
}

func pick(r *rand.Rand, pool []link, n int) []link {
	var out []link
	for _, i := range r.Perm(len(pool))[:min(n, len(pool))] {
		out = append(out, pool[i])
	}
	return out
}

func token(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return hex.EncodeToString(b)
}

// count draws a number up to limit, written with thousands commas.
func count(r *rand.Rand, limit int) string {
	s := strconv.Itoa(1 + r.IntN(limit))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
