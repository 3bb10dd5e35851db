package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
)

// extractUndescribed turns the pages no metadata record described into
// versions: per URL, in WARC-Date order, each text that differs from the
// one before it is a new version. Bodies are read back from the store one
// at a time.
func (e *Engine) extractUndescribed(ctx context.Context, order []*response, res *WARCImported) error {
	byURL := map[string][]*response{}
	var urls []string
	for _, r := range order {
		if r.metadata {
			continue
		}
		if _, ok := byURL[r.url]; !ok {
			urls = append(urls, r.url)
		}
		byURL[r.url] = append(byURL[r.url], r)
	}
	for _, u := range urls {
		rs := byURL[u]
		slices.SortStableFunc(rs, func(a, b *response) int { return a.date.Compare(b.date) })
		if err := e.extractURL(ctx, u, rs, res); err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) extractURL(ctx context.Context, url string, rs []*response, res *WARCImported) error {
	var a model.Article
	var latest model.Version
	for _, r := range rs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if a.ID == 0 {
			var err error
			if a, err = e.importArticle(ctx, url, "", r.date); err != nil {
				return err
			}
			if latest, err = e.Store.LatestVersion(ctx, a.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		v, ok, err := e.extractCapture(ctx, a, r)
		if err != nil {
			return err
		}
		if !ok {
			res.skip(SkipNoText)
			continue
		}
		seen, err := e.fromCapture(ctx, a.ID, r.hash)
		if err != nil {
			return err
		}
		if seen || v.Hash == latest.Hash {
			continue // imported before, or the text did not change
		}
		v.Seq = 0
		if latest.Hash != "" {
			v.Seq = latest.Seq + 1
		}
		if err := e.importVersion(ctx, v, res); err != nil {
			return err
		}
		latest = v
	}
	return nil
}

// extractCapture reads the stored capture behind r as errata reads a page
// it fetched; ok is false for a page holding no article text.
func (e *Engine) extractCapture(ctx context.Context, a model.Article, r *response) (model.Version, bool, error) {
	body, err := e.Store.CaptureContent(ctx, r.hash)
	if err != nil {
		return model.Version{}, false, fmt.Errorf("jobs: import %s: %w", r.url, err)
	}
	rd, err := e.read(ctx, r.url, a.OutletID, body, r.ctype, extract.ReadingOther)
	if err != nil || rd.version.Text == "" {
		return model.Version{}, false, nil
	}
	v := rd.version
	v.ArticleID, v.FetchedAt, v.CaptureHash = a.ID, r.date, r.hash
	v.Hash = revise.Hash(v.Title, v.Byline, v.Text)
	return v, true, nil
}

// fromCapture reports whether the article already has a version read from
// the capture hash: an archive imported again adds nothing.
func (e *Engine) fromCapture(ctx context.Context, articleID int64, hash string) (bool, error) {
	vs, err := e.Store.CaptureVersions(ctx, hash)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(vs, func(v model.Version) bool { return v.ArticleID == articleID }), nil
}
