package jobs

import (
	"context"
	"io"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/model"
)

// Imported tells what ImportOPML did.
type Imported struct {
	Feeds   int // feeds the file lists that are tracked now
	New     int // of those, the ones not tracked before
	Skipped []discover.OPMLSkip
}

// ImportOPML starts tracking every feed an OPML file lists. A feed joins
// the outlet already tracking its site, else one named by its outline.
// Outlines whose URL cannot be followed are returned with the reason.
func (e *Engine) ImportOPML(ctx context.Context, r io.Reader) (Imported, error) {
	list, err := discover.ParseOPML(r)
	if err != nil {
		return Imported{}, err
	}
	res := Imported{Skipped: list.Skipped}
	now := e.now()
	for _, f := range list.Feeds {
		o, err := e.outletFor(ctx, "", f.Title, hostOf(f.URL))
		if err != nil {
			return res, err
		}
		_, isNew, err := e.Store.AddSource(ctx, model.Source{
			OutletID: o.ID, URL: f.URL, Kind: model.SourceFeed, NextPoll: now, CreatedAt: now,
		})
		if err != nil {
			return res, err
		}
		res.Feeds++
		if isNew {
			res.New++
		}
	}
	return res, nil
}
