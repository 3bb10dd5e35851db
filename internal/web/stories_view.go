package web

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/stories"
)

func storyPath(id int64) string     { return fmt.Sprintf("/stories/%d", id) }
func storyFeedPath(id int64) string { return storyPath(id) + "/changes.atom" }
func storyComparePath(id, a, b int64) string {
	return fmt.Sprintf("/stories/%d/compare?a=%d&b=%d", id, a, b)
}

// storyListLimit is how many stories /stories and its API list.
const storyListLimit = 100

// storyPage is one story, shared by the page and the API.
type storyPage struct {
	Story     store.StorySummary
	Path      string
	FeedPath  string
	Members   []storyMember
	Start     time.Time
	End       time.Time
	Lanes     []storyLane
	Headlines []headlineRow
	Wires     []wireView
}

type storyMember struct {
	store.StoryMember
	Path       string
	OutletPath string
	Link       string
}

// storyLane is one member's versions on the story's time axis.
type storyLane struct {
	Member storyMember
	Marks  []laneMark
}

type laneMark struct {
	X       string // position along the lane, a percentage of its width
	At      time.Time
	Seq     int
	Title   string
	Classes []string
	Path    string // the version, or the change
}

// headlineRow is a headline as one outlet wrote it, from a time on.
type headlineRow struct {
	At     time.Time
	Outlet string
	Title  string
	Path   string
}

// wireView is one group of copies of one text within the story.
type wireView struct {
	ID     int64
	Agency string
	Origin storyMember
	Copies []wireCopy
}

// wireCopy says how one copy differs from the group's origin now.
type wireCopy struct {
	Member storyMember
	Shared int      // paragraphs the origin also carries
	Added  []string // its own paragraphs: furniture, local additions
	Lacks  []string // the origin's paragraphs it lacks: trims, updates not picked up
	// Over time, against its first version: the origin's paragraphs it
	// gained later (an update picked up) and those it dropped later.
	PickedUp    []string
	Dropped     []string
	ComparePath string
}

func (s *Server) storyPage(ctx context.Context, id int64) (storyPage, error) {
	st, err := s.cfg.Store.Story(ctx, id)
	if err != nil {
		return storyPage{}, notFoundIf(err, "story")
	}
	ms, err := s.cfg.Store.StoryMembers(ctx, id)
	if err != nil {
		return storyPage{}, err
	}
	vs, err := s.cfg.Store.StoryVersions(ctx, id)
	if err != nil {
		return storyPage{}, err
	}
	p := storyPage{Story: st, Path: storyPath(id), FeedPath: storyFeedPath(id)}
	byID := map[int64]storyMember{}
	for _, m := range ms {
		sm := storyMember{StoryMember: m, Path: articlePath(m.ID), OutletPath: outletPath(m.Outlet), Link: safeLink(m.URL)}
		p.Members = append(p.Members, sm)
		byID[m.ID] = sm
	}
	p.timeline(vs, byID)
	first := func(id int64) (string, error) {
		v, err := s.cfg.Store.VersionBySeq(ctx, id, 0)
		return v.Text, err
	}
	if err := p.wires(id, first); err != nil {
		return storyPage{}, err
	}
	return p, nil
}

// timeline puts every member's versions on one axis and lists the
// headlines as they changed across outlets.
func (p *storyPage) timeline(vs []store.StoryVersion, byID map[int64]storyMember) {
	if len(vs) == 0 {
		return
	}
	p.Start, p.End = vs[0].FetchedAt, vs[len(vs)-1].FetchedAt
	span := p.End.Sub(p.Start)
	lanes := map[int64]int{}
	for _, m := range p.Members {
		lanes[m.ID] = len(p.Lanes)
		p.Lanes = append(p.Lanes, storyLane{Member: m})
	}
	last := map[int64]string{}
	for _, v := range vs {
		i, ok := lanes[v.ArticleID]
		if !ok {
			continue
		}
		// Marks stay a little inside the lane's ends, so none is cut.
		x := 50.0
		if span > 0 {
			x = 2 + 96*float64(v.FetchedAt.Sub(p.Start))/float64(span)
		}
		mk := laneMark{X: fmt.Sprintf("%.1f%%", x), At: v.FetchedAt, Seq: v.Seq, Title: v.Title, Classes: v.Classes, Path: versionPath(v.ArticleID, v.Seq)}
		if v.Seq > 0 {
			mk.Path = diffPath(v.ArticleID, v.Seq-1, v.Seq)
		}
		p.Lanes[i].Marks = append(p.Lanes[i].Marks, mk)
		if v.Title != last[v.ArticleID] {
			last[v.ArticleID] = v.Title
			p.Headlines = append(p.Headlines, headlineRow{At: v.FetchedAt, Outlet: byID[v.ArticleID].Outlet, Title: v.Title, Path: mk.Path})
		}
	}
}

// wires groups the members by their group of copies and aligns each copy
// with the group's origin, now and, for a copy edited since, as first seen
// (first reads a member's first text).
func (p *storyPage) wires(story int64, first func(int64) (string, error)) error {
	groups := map[int64][]storyMember{}
	var order []int64
	for _, m := range p.Members {
		if m.Wire == 0 {
			continue
		}
		if _, ok := groups[m.Wire]; !ok {
			order = append(order, m.Wire)
		}
		groups[m.Wire] = append(groups[m.Wire], m)
	}
	for _, w := range order {
		ms := groups[w]
		if len(ms) < 2 {
			continue
		}
		origin := ms[0] // the earliest seen, until an origin is recorded
		if i := slices.IndexFunc(ms, func(m storyMember) bool { return m.WireOrigin }); i >= 0 {
			origin = ms[i]
		}
		wv := wireView{ID: w, Agency: origin.Agency, Origin: origin}
		op := paragraphs(origin.Text)
		var copies []storyMember
		var aligns []stories.Alignment
		for _, m := range ms {
			if m.ID != origin.ID {
				copies = append(copies, m)
				aligns = append(aligns, stories.Align(op, paragraphs(m.Text)))
			}
		}
		// With two copies or more, an origin paragraph no copy carries is
		// the origin's own (its furniture), not something the others lack.
		carried := make([]bool, len(op))
		for _, al := range aligns {
			for i, pa := range al.A {
				carried[i] = carried[i] || pa.Shared || len(aligns) < 2
			}
		}
		for i, m := range copies {
			al := aligns[i]
			c := wireCopy{Member: m, Added: stories.Own(al.B), ComparePath: storyComparePath(story, origin.ID, m.ID)}
			for j, pa := range al.A {
				if !pa.Shared && carried[j] {
					c.Lacks = append(c.Lacks, pa.Text)
				}
			}
			for _, pa := range al.B {
				if pa.Shared {
					c.Shared++
				}
			}
			if m.Versions > 1 {
				text, err := first(m.ID)
				if err != nil {
					return err
				}
				was := stories.Align(op, paragraphs(text))
				for j, pa := range al.A {
					switch {
					case !carried[j]:
					case pa.Shared && !was.A[j].Shared:
						c.PickedUp = append(c.PickedUp, pa.Text)
					case !pa.Shared && was.A[j].Shared:
						c.Dropped = append(c.Dropped, pa.Text)
					}
				}
			}
			wv.Copies = append(wv.Copies, c)
		}
		p.Wires = append(p.Wires, wv)
	}
	return nil
}

// articleStory is what an article page says of the article's story and
// its copies in other outlets.
type articleStory struct {
	StoryPath string // "" when the article is in no story
	Origin    bool   // the article is its group's origin
	Copies    []articleCopy
}

type articleCopy struct {
	store.ArticleCopy
	Path    string
	Percent int
}

func (s *Server) articleStory(ctx context.Context, id int64) (articleStory, error) {
	story, _, origin, err := s.cfg.Store.ArticleStory(ctx, id)
	if err != nil {
		return articleStory{}, err
	}
	var as articleStory
	if story != 0 {
		as.StoryPath = storyPath(story)
	}
	as.Origin = origin
	cs, err := s.cfg.Store.ArticleCopies(ctx, id)
	if err != nil {
		return articleStory{}, err
	}
	for _, c := range cs {
		as.Copies = append(as.Copies, articleCopy{ArticleCopy: c, Path: articlePath(c.ArticleID), Percent: int(c.Shared*100 + 0.5)})
	}
	return as, nil
}
