package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var storiesCmd = &command{
	name:    "stories",
	args:    "[ID | merge INTO FROM | split ID ARTICLE... | place]",
	summary: "list stories across outlets, show one, or merge and split them",
	help: `Without arguments, lists the most recently active stories: coverage of one event
across outlets, and copies of one agency text, grouped as articles arrive.

ID shows one story: its articles by outlet, first seen first, with the copies of
one text marked (the origin, and the agency its copies credit).

merge INTO FROM moves every article of story FROM into story INTO. split ID
ARTICLE... moves the given articles of story ID into a new story.

place places every stored article, oldest first: for data recorded before
stories existed (new versions are placed as they are recorded).`,
	example: `errata stories 12`,
	maxArgs: -1,
	run:     runStories,
}

// storiesListed is how many stories the list shows.
const storiesListed = 50

func runStories(ctx context.Context, e *env, args []string) error {
	var ids []int64
	for _, a := range args[min(len(args), 1):] {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("%q is not an id", a)}
		}
		ids = append(ids, n)
	}
	switch {
	case len(args) == 0:
	case args[0] == "place" && len(args) == 1:
		return placeStored(ctx, e)
	case args[0] == "merge" && len(ids) == 2 && ids[0] != ids[1]:
	case args[0] == "split" && len(ids) >= 2:
	case len(args) == 1:
		n, err := strconv.ParseInt(args[0], 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("%q is not a story id", args[0])}
		}
		ids = []int64{n}
	default:
		return usageError{"want no arguments, a story id, merge INTO FROM, split ID ARTICLE..., or place"}
	}
	if len(args) > 0 && (args[0] == "merge" || args[0] == "split") {
		return changeStories(ctx, e, args[0], ids)
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(ids) == 1 {
		return showStory(ctx, e.stdout, st, ids[0])
	}
	list, err := st.StoryList(ctx, storiesListed)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "no stories yet: a story forms when two outlets carry one text or report one event")
		return nil
	}
	for _, s := range list {
		fmt.Fprintf(e.stdout, "%6d  %3d articles  %2d outlets  %s  %s\n", s.ID, s.Articles, s.Outlets,
			s.Updated.UTC().Format(time.RFC3339), termsafe.Line(s.Title))
	}
	return nil
}

func showStory(ctx context.Context, w io.Writer, st *store.Store, id int64) error {
	s, err := st.Story(ctx, id)
	if err != nil {
		return fmt.Errorf("story %d: %w", id, err)
	}
	ms, err := st.StoryMembers(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "story %d: %s\n%s in %s\n", s.ID, termsafe.Line(s.Title), nouns(s.Articles, "article"), nouns(s.Outlets, "outlet"))
	for _, m := range ms {
		kind := "own report"
		switch {
		case m.WireOrigin && m.Agency != "":
			kind = fmt.Sprintf("copy %d, origin (%s)", m.Wire, termsafe.Line(m.Agency))
		case m.WireOrigin:
			kind = fmt.Sprintf("copy %d, origin", m.Wire)
		case m.Wire != 0:
			kind = fmt.Sprintf("copy %d", m.Wire)
		}
		fmt.Fprintf(w, "  %s  %-24s  %-22s  %s\n    %s\n", m.FirstSeen.UTC().Format(time.RFC3339), termsafe.Line(m.Outlet),
			kind, termsafe.Line(m.Title), termsafe.Line(m.URL))
	}
	return nil
}

func changeStories(ctx context.Context, e *env, op string, ids []int64) error {
	st, err := e.openExistingWriter(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if op == "merge" {
		if err := st.MergeStories(ctx, ids[0], ids[1], time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "merged story %d into story %d\n", ids[1], ids[0])
		return nil
	}
	fresh, err := st.SplitStory(ctx, ids[0], ids[1:], time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "moved %s of story %d into new story %d\n", nouns(len(ids)-1, "article"), ids[0], fresh)
	return nil
}

func placeStored(ctx context.Context, e *env) error {
	st, err := e.openExistingWriter(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := jobs.NewPlacer(st, nil).PlaceStored(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "placed %s ('errata stories' lists the stories)\n", nouns(n, "article"))
	return nil
}
