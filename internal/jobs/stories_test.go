package jobs

import (
	"context"
	"testing"

	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/store"
)

// The store-backed placement finds the same copies and stories as the
// reference: on the labelled corpus, every reprint is linked to its
// siblings and only to them, the agency's own copy is taken as origin,
// and each event's articles share one story.
func TestPlacer_CorpusFormsCopiesAndStories(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir()+"/errata.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	corpus := newsroom.StoriesCorpus(2)
	ids := storeCorpus(t, st, corpus)

	story := map[int64]int64{}
	wire := map[int64]int64{}
	origin := map[int64]bool{}
	for _, id := range ids {
		s, w, o, err := st.ArticleStory(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		story[id], wire[id], origin[id] = s, w, o
	}
	var wrongWire, wrongStory, wrongOrigin, pairs int
	for i, a := range corpus {
		if a.Wire != 0 && origin[ids[i]] != a.Origin {
			wrongOrigin++
		}
		for j := i + 1; j < len(corpus); j++ {
			b := corpus[j]
			pairs++
			if (wire[ids[i]] != 0 && wire[ids[i]] == wire[ids[j]]) != (a.Wire != 0 && a.Wire == b.Wire) {
				wrongWire++
			}
			if (story[ids[i]] != 0 && story[ids[i]] == story[ids[j]]) != (a.Event == b.Event) {
				wrongStory++
			}
		}
	}
	t.Logf("%d articles, %d pairs: %d wire pairs wrong, %d story pairs wrong, %d origins wrong", len(ids), pairs, wrongWire, wrongStory, wrongOrigin)
	if wrongWire > 0 || wrongOrigin > 0 {
		t.Errorf("%d wire pairs and %d origins wrong, want none", wrongWire, wrongOrigin)
	}
	if wrongStory > pairs/100 {
		t.Errorf("%d story pairs wrong of %d", wrongStory, pairs)
	}
	list, err := st.StoryList(ctx, 100)
	if err != nil || len(list) == 0 {
		t.Fatalf("StoryList = %d, %v", len(list), err)
	}
}

// Articles recorded before stories existed are placed by PlaceStored: the
// corpus's agency copies then form their groups and stories.
func TestPlacer_PlaceStoredPlacesEarlierArticles(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir()+"/errata.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	corpus := newsroom.StoriesCorpus(3)
	ids := recordCorpus(t, st, corpus)
	if list, _ := st.StoryList(ctx, 10); len(list) != 0 {
		t.Fatalf("%d stories before placing", len(list))
	}
	n, err := NewPlacer(st, nil).PlaceStored(ctx)
	if err != nil || n != len(ids) {
		t.Fatalf("PlaceStored = %d, %v; want %d", n, err, len(ids))
	}
	wires := map[int]map[int64]bool{}
	for i, c := range corpus {
		if c.Wire == 0 {
			continue
		}
		_, w, _, err := st.ArticleStory(ctx, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if wires[c.Wire] == nil {
			wires[c.Wire] = map[int64]bool{}
		}
		wires[c.Wire][w] = true
	}
	for w, got := range wires {
		if len(got) != 1 || got[0] {
			t.Errorf("agency story %d: copies in groups %v, want one group", w, got)
		}
	}
}
