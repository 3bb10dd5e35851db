package web

import (
	"net/http"
	"time"
)

type apiStorySummary struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Articles int       `json:"articles"`
	Outlets  int       `json:"outlets"`
	URL      string    `json:"url"`
}

type apiStoryMember struct {
	ID         int64     `json:"id"`
	Outlet     string    `json:"outlet"`
	URL        string    `json:"url"`
	Title      string    `json:"title"`
	FirstSeen  time.Time `json:"first_seen"`
	Versions   int       `json:"versions"`
	Wire       *int64    `json:"wire"`
	WireOrigin bool      `json:"wire_origin"`
	API        string    `json:"api"`
}

type apiStoryVersion struct {
	Article int64     `json:"article"`
	Seq     int       `json:"seq"`
	At      time.Time `json:"at"`
	Title   string    `json:"title"`
	Classes []string  `json:"classes"`
}

type apiWire struct {
	ID     int64         `json:"id"`
	Agency string        `json:"agency"`
	Origin int64         `json:"origin"`
	Copies []apiWireCopy `json:"copies"`
}

type apiWireCopy struct {
	Article  int64    `json:"article"`
	Shared   int      `json:"shared_paragraphs"`
	Added    []string `json:"added"`
	Lacks    []string `json:"lacks"`
	PickedUp []string `json:"picked_up"`
	Dropped  []string `json:"dropped"`
}

type apiStory struct {
	apiStorySummary
	Members  []apiStoryMember  `json:"members"`
	Timeline []apiStoryVersion `json:"timeline"`
	Wires    []apiWire         `json:"wires"`
}

// apiStoryList is a page of stories, most recently active first.
type apiStoryList struct {
	Stories    []apiStorySummary `json:"stories"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

// apiStories lists stories: ?limit=N&cursor=... like every list.
func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	limit, err := limitParam(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	rows, next, err := s.storyRows(r, limit)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiStoryList{Stories: make([]apiStorySummary, len(rows)), NextCursor: next}
	for i, st := range rows {
		out.Stories[i] = apiStorySummary{ID: st.ID, Title: st.Title, Created: st.Created, Updated: st.Updated,
			Articles: st.Articles, Outlets: st.Outlets, URL: "/api/v1" + st.Path}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	id, err := storyID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	p, err := s.storyPage(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	st := p.Story
	out := apiStory{apiStorySummary: apiStorySummary{ID: st.ID, Title: st.Title, Created: st.Created, Updated: st.Updated,
		Articles: st.Articles, Outlets: st.Outlets, URL: "/api/v1" + p.Path}, Members: []apiStoryMember{}, Timeline: []apiStoryVersion{}, Wires: []apiWire{}}
	for _, m := range p.Members {
		am := apiStoryMember{ID: m.ID, Outlet: m.Outlet, URL: m.URL, Title: m.Title, FirstSeen: m.FirstSeen,
			Versions: m.Versions, WireOrigin: m.WireOrigin, API: apiArticlePath(m.ID)}
		if m.Wire != 0 {
			w := m.Wire
			am.Wire = &w
		}
		out.Members = append(out.Members, am)
	}
	for _, l := range p.Lanes {
		for _, mk := range l.Marks {
			out.Timeline = append(out.Timeline, apiStoryVersion{Article: l.Member.ID, Seq: mk.Seq, At: mk.At, Title: mk.Title, Classes: nonNil(mk.Classes)})
		}
	}
	for _, wv := range p.Wires {
		aw := apiWire{ID: wv.ID, Agency: wv.Agency, Origin: wv.Origin.ID, Copies: []apiWireCopy{}}
		for _, c := range wv.Copies {
			aw.Copies = append(aw.Copies, apiWireCopy{Article: c.Member.ID, Shared: c.Shared, Added: nonNil(c.Added), Lacks: nonNil(c.Lacks),
				PickedUp: nonNil(c.PickedUp), Dropped: nonNil(c.Dropped)})
		}
		out.Wires = append(out.Wires, aw)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
