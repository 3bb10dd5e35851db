package newsroom

import (
	"strings"
	"time"
)

// Article timing. Step 0's articles are backdated one after another so a
// large archive spreads over months like a real one.
const (
	archiveGap      = 47 * time.Minute // between consecutive step-0 articles
	publishLead     = 9 * time.Minute  // a new article appears this long before its step
	articleIDOffset = 100000           // numeric ids start here, like a CMS that has run for years
)

// key names one article: its outlet and its index within that outlet.
// Indexes below Config.ArticlesPerOutlet are published at step 0; higher
// ones appear later.
type key struct{ outlet, index int }

// meta is the cheap, fixed part of an article, generated without its body so
// routing tables and sitemaps for 10,000 articles stay fast.
type meta struct {
	key       key
	vars      storyVars
	headIdx   int // which headline template the first version uses
	title     string
	slug      string
	author    string
	id        int
	published time.Time
	pubStep   int
}

// content is an article's editable state at one step. It is rebuilt from the
// seed on demand and never stored.
type content struct {
	Title   string
	Slug    string
	Authors []string
	Paras   [][]string
	Gone    bool
}

func (c *content) Byline() string {
	switch len(c.Authors) {
	case 0:
		return ""
	case 1:
		return c.Authors[0]
	}
	return strings.Join(c.Authors[:len(c.Authors)-1], ", ") + " and " + c.Authors[len(c.Authors)-1]
}

// Paragraphs returns each paragraph as published: its sentences joined by
// single spaces.
func (c *content) Paragraphs() []string {
	out := make([]string, len(c.Paras))
	for i, p := range c.Paras {
		out[i] = strings.Join(p, " ")
	}
	return out
}

func (c *content) Text() string {
	var b strings.Builder
	b.Grow(len(c.Paras) * 256)
	for i, p := range c.Paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		for j, s := range p {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

// metaFor generates an article's fixed part. pubStep is when it appears.
func (n *Newsroom) metaFor(k key, pubStep int) meta {
	r := newRand(n.cfg.Seed, 1, uint64(k.outlet), uint64(k.index))
	m := meta{key: k, vars: newStoryVars(r), pubStep: pubStep}
	if n.cfg.SharedStories && sharedKind(k.index) != 0 {
		m.vars = n.sharedVars(k.index)
	}
	m.headIdx = r.IntN(len(topics[m.vars.Topic].Headlines))
	m.title = headline(m.vars, m.headIdx, r)
	m.slug = slugify(m.title)
	if s, ok := n.outlets[k.outlet].slugs[k.index]; ok {
		m.slug = s
	}
	m.author = personName(r)
	m.id = articleIDOffset + k.index
	if pubStep == 0 {
		back := time.Duration(k.index)*archiveGap + time.Duration(r.IntN(20))*time.Minute
		m.published = n.stepTime(0).Add(-back)
	} else {
		m.published = n.stepTime(pubStep).Add(-publishLead)
	}
	return m
}

// baseContent generates the article as first written, before any op.
func (n *Newsroom) baseContent(m meta) content {
	c := content{Title: m.title, Slug: m.slug, Authors: []string{m.author}}
	if n.cfg.SharedStories {
		c.Paras = n.sharedParas(m)
		return c
	}
	c.Paras = body(m.vars, newRand(n.cfg.Seed, 2, uint64(m.key.outlet), uint64(m.key.index)))
	return c
}

// contentAt applies every op planned up to step to the base content.
// Callers hold n.mu (read or write).
func (n *Newsroom) contentAt(m meta, step int) content {
	c := n.baseContent(m)
	for _, o := range n.ops[m.key] {
		if o.step > step {
			break
		}
		o.apply(&c)
	}
	return c
}

// stepTime is the simulated wall-clock time of a step.
func (n *Newsroom) stepTime(step int) time.Time {
	return n.cfg.Epoch.Add(time.Duration(step) * n.cfg.StepInterval)
}
