package jobs

import (
	"context"

	"github.com/errata/errata/internal/furniture"
	"github.com/errata/errata/internal/model"
)

// learnTemplate counts the short blocks of a recorded version among the
// outlet's articles, and learns those that recur as the outlet's
// template. A failure here loses nothing recorded; it is only logged.
func (e *Engine) learnTemplate(ctx context.Context, a model.Article, v *model.Version) {
	keys := furniture.SightingKeys(furniture.Split(v.Text))
	if len(keys) == 0 {
		return
	}
	counts, total, err := e.Store.SightBlocks(ctx, a.OutletID, a.ID, keys)
	if err != nil {
		e.Log.Warn("template sightings not recorded", "url", a.URL, "err", err)
		return
	}
	var items []model.Furniture
	for k, n := range counts {
		if furniture.IsTemplate(n, total) {
			items = append(items, model.Furniture{OutletID: a.OutletID, Kind: furniture.KindText, Origin: furniture.OriginTemplate, Key: k})
		}
	}
	if err := e.Store.Learn(ctx, items, e.now()); err != nil {
		e.Log.Warn("template not recorded", "url", a.URL, "err", err)
	}
}
