package model

import (
	"fmt"
	"time"
)

// EventKind names a lifecycle fact of an article.
type EventKind string

const (
	// EventGone: the article answered 404/410 long enough to be marked gone.
	EventGone EventKind = "gone"
	// EventBack: a gone article answered with content again.
	EventBack EventKind = "back"
	// EventMoved: the article's URL permanently redirected to another URL
	// of the same article (a new slug); OldURL and NewURL say which.
	EventMoved EventKind = "moved"
	// EventFlipFlop: an episode of an earlier version (Seq) being served
	// again; one event per episode, however many checks it lasts.
	EventFlipFlop EventKind = "flip_flop"
)

// EventKinds lists every kind, in the order filters and help show them.
var EventKinds = []EventKind{EventGone, EventBack, EventMoved, EventFlipFlop}

// NoSeq is Event.Seq for kinds that name no version.
const NoSeq = -1

// Event is one lifecycle fact of an article, recorded with the check it
// came from. Append-only.
type Event struct {
	ID        int64
	ArticleID int64
	Kind      EventKind
	At        time.Time
	CheckID   int64
	Status    int    // HTTP status behind the event; 0 when none
	Seq       int    // the version served again (flip_flop); NoSeq otherwise
	OldURL    string // moved: the URL the article had
	NewURL    string // moved: the URL it has now
}

// Describe says what happened in words.
func (e Event) Describe() string {
	switch e.Kind {
	case EventGone:
		return "gone: the page answers “not found” (HTTP 404 or 410)"
	case EventBack:
		return "back: the page answers again after being gone"
	case EventMoved:
		return "moved to a new URL"
	case EventFlipFlop:
		if e.Seq >= 0 {
			return fmt.Sprintf("flip-flop: version %d served again (an older cached copy)", e.Seq)
		}
		return "flip-flop: an earlier version served again (an older cached copy)"
	}
	return string(e.Kind)
}
