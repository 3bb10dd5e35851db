package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/furniture"
	"github.com/errata/errata/internal/identity"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// CheckResult tells what one check of an article found.
type CheckResult struct {
	Article model.Article // the article as recorded after the check
	Outcome model.Outcome
	Version *model.Version // the new version, when one was recorded
	Hash    string         // content hash seen, when extraction ran
	Err     error          // the fetch or extraction error behind an error outcome
	Status  int            // HTTP status of the response, 0 when none came
}

// CheckArticle fetches an article once, decides whether it changed and
// records the check (and the new version, if any) in one transaction.
// A returned error means nothing was recorded; a failed fetch is not such
// an error but a check with outcome "error".
func (e *Engine) CheckArticle(ctx context.Context, a model.Article) (CheckResult, error) {
	resp, ferr := e.get(ctx, a, fetch.Validators{ETag: a.ETag, LastModified: a.LastModified})
	if ctx.Err() != nil {
		return CheckResult{}, ctx.Err()
	}
	return e.checkResponse(ctx, a, resp, ferr)
}

// checkResponse decides and records a check from a response already
// fetched, so that `add` does not fetch an article twice.
func (e *Engine) checkResponse(ctx context.Context, a model.Article, resp *fetch.Response, ferr error) (CheckResult, error) {
	now := e.now()
	c := model.Check{ArticleID: a.ID, At: now}
	if resp != nil {
		c.Status = resp.Status
		c.Duration = resp.Duration
	}
	// The guard makes a second worker's check of the same visit fail
	// rather than be recorded twice.
	read := a.LastChecked
	rec := store.CheckRecord{Article: a, IfLastChecked: &read}
	var res CheckResult
	switch {
	case ferr != nil:
		res = CheckResult{Outcome: model.OutcomeError, Err: ferr}
	case resp.NotModified():
		res.Outcome = model.OutcomeNotModified
	case resp.Status == http.StatusNotFound || resp.Status == http.StatusGone:
		res.Outcome = model.OutcomeGone
	default:
		var err error
		res, err = e.compare(ctx, &rec, resp)
		if err != nil {
			return CheckResult{}, err
		}
		if unsettled(res.Outcome) {
			// The next fetch must see the whole page again, not a 304 or
			// the same-bytes shortcut, to confirm or refute what this one saw.
			rec.Article.ETag, rec.Article.LastModified, rec.Article.BodyHash = a.ETag, a.LastModified, a.BodyHash
		}
	}
	c.Outcome = res.Outcome
	res.Status = c.Status
	if res.Err != nil {
		c.Error = res.Err.Error()
	}
	c.Hash = res.Hash
	c.ArticleID = rec.Article.ID // another article when this one was absorbed
	rec.Check = c
	if err := e.lifecycle(ctx, a, &rec, res, now); err != nil {
		return CheckResult{}, err
	}
	id, err := e.Store.Record(ctx, rec)
	if err != nil {
		if !errors.Is(err, store.ErrStale) {
			e.countError(stageStore)
		}
		return CheckResult{}, fmt.Errorf("jobs: record check of %s: %w", a.URL, err)
	}
	e.observeCheck(res, c.Duration, ferr != nil)
	if res.Version != nil {
		res.Version.ID = id
		e.learnTemplate(ctx, rec.Article, res.Version)
		if e.OnVersion != nil {
			e.OnVersion(ctx, rec.Article, *res.Version)
		}
	}
	e.announce(ctx, rec.Article, rec.Events)
	res.Article = rec.Article
	return res, nil
}

// lifecycle reschedules the article and adds the lifecycle events of the
// check to rec: back, gone and the opening of a flip-flop episode (a move
// was added when the redirect was followed).
func (e *Engine) lifecycle(ctx context.Context, before model.Article, rec *store.CheckRecord, res CheckResult, now time.Time) error {
	comeBack(before, rec, res, rec.Check.Status)
	since, err := e.goneSince(ctx, rec.Article)
	if err != nil {
		return err
	}
	e.reschedule(&rec.Article, res, now, since)
	wentGone(before, rec, rec.Check.Status)
	ff, err := e.flipFlop(ctx, rec.Article, res)
	if err != nil {
		return err
	}
	if ff != nil {
		rec.Events = append(rec.Events, *ff)
	}
	stampEvents(rec.Events, rec.Check)
	return nil
}

// compare handles a 200 response: the same bytes as last time skip
// extraction; otherwise the extraction, less known furniture, is compared
// with the history. A difference from the latest version is recorded only
// once a second fetch confirms it (see confirm.go).
func (e *Engine) compare(ctx context.Context, rec *store.CheckRecord, resp *fetch.Response) (CheckResult, error) {
	moved, err := e.follow(ctx, rec, resp)
	if err != nil {
		return CheckResult{}, err
	}
	if moved.Action == identity.Refuse {
		return CheckResult{Outcome: model.OutcomeGone, Err: errors.New(moved.Reason)}, nil
	}
	a := &rec.Article
	a.ETag, a.LastModified = resp.ETag(), resp.LastModified()
	bodyHash := archive.Hash(resp.Body)
	if bodyHash == a.BodyHash {
		// The bytes of the latest settled check: nothing to confirm. A
		// pending fetch left behind expires (maxPendingAge) before the
		// next regular check.
		return CheckResult{Outcome: model.OutcomeSameBytes}, nil
	}
	pending, confirming := e.pendingFor(ctx, *a, rec.Check.At)
	rec.ClearPending = confirming
	ctype := resp.Header.Get("Content-Type")
	r, err := e.read(ctx, a.URL, a.OutletID, resp.Body, ctype, extract.ReadingOther)
	e.noteShort(ctx, *a, resp, r)
	if err != nil {
		return CheckResult{Outcome: model.OutcomeError, Err: err}, nil
	}
	versions, err := e.Store.Lineage(ctx, a.ID)
	if err != nil {
		return CheckResult{}, fmt.Errorf("jobs: versions of %s: %w", a.URL, err)
	}
	recent, err := e.Store.RecentChecks(ctx, a.ID, 2*recentChecks)
	if err != nil {
		return CheckResult{}, fmt.Errorf("jobs: checks of %s: %w", a.URL, err)
	}
	recent = steadyChecks(recent)
	if !r.version.Published.IsZero() {
		a.Published = r.version.Published
	}
	known := e.furnitureFor(ctx, *a)
	candidate := func(r *read) model.Version {
		cand := r.version
		cand.FetchedAt, cand.CaptureHash = resp.FetchedAt.UTC(), bodyHash
		if known.Len() > 0 {
			cand.Text = furniture.Text(known.Drop(r.blocksOf()))
		}
		return cand
	}
	cand := candidate(r)
	if o := revise.Peek(versions, recent, cand); o != model.OutcomeNewVersion || len(versions) == 0 {
		// The body hash is remembered only once the check is recorded, so
		// an identical later response can skip extraction.
		a.BodyHash = bodyHash
		if o != model.OutcomeNewVersion {
			return CheckResult{Outcome: o, Hash: revise.Hash(cand.Title, cand.Byline, cand.Text)}, nil
		}
		return e.recordVersion(ctx, rec, resp, revise.Decide(versions, recent, cand), true)
	}
	lr := e.latestAgain(ctx, a, versions[len(versions)-1], extract.ReadingOther)
	if r2, lr2, ok := e.alike(ctx, a, r, lr, versions[len(versions)-1], resp.Body, ctype); ok {
		r, lr, cand = r2, lr2, candidate(r2)
	}
	latest, latestBlocks := lr.version, lr.blocks
	candHash := revise.Hash(cand.Title, cand.Byline, cand.Text)
	if candHash == revise.Hash(latest.Title, latest.Byline, furniture.Text(known.Drop(latestBlocks))) {
		a.BodyHash = bodyHash
		return CheckResult{Outcome: model.OutcomeUnchanged, Hash: candHash}, nil
	}
	if !confirming {
		rec.Pending = &model.Pending{FetchedAt: resp.FetchedAt.UTC(), Title: r.version.Title, Byline: r.version.Byline, Blocks: r.blocksOf()}
		return CheckResult{Outcome: model.OutcomeConfirming, Hash: candHash}, nil
	}
	confirmedCand, base, learned, changed := confirmed(latest, latestBlocks, pending, r, known)
	rec.Learn = learnedItems(*a, learned)
	if !changed {
		return CheckResult{Outcome: model.OutcomeChurn, Hash: candHash}, nil
	}
	confirmedCand.FetchedAt, confirmedCand.CaptureHash = cand.FetchedAt, cand.CaptureHash
	if o := revise.Sudden(base, confirmedCand, recent); o != model.OutcomeNewVersion {
		return CheckResult{Outcome: o, Hash: revise.Hash(confirmedCand.Title, confirmedCand.Byline, confirmedCand.Text)}, nil
	}
	d := revise.Decide(versions, recent, confirmedCand)
	if d.Version == nil {
		return CheckResult{Outcome: d.Outcome, Hash: revise.Hash(confirmedCand.Title, confirmedCand.Byline, confirmedCand.Text)}, nil
	}
	a.BodyHash = bodyHash
	return e.recordVersion(ctx, rec, resp, d, false)
}

// alike makes the candidate and the latest version readings of the same
// kind. Where one page gives two fair readings (the extractors' bodies
// overlap for the most part: one keeps the subheadings, the other the
// byline line) and the extractor's choice between them turns on the page
// around the article, two fetches of an unchanged article could otherwise
// differ by the choice alone. The one that could have been read either
// way is read again the way the other was; ok is false when neither could.
func (e *Engine) alike(ctx context.Context, a *model.Article, r *read, lr latestRead, last model.Version, body []byte, ctype string) (*read, latestRead, bool) {
	switch {
	case r.art.Reading == lr.reading:
	case r.art.Either && lr.reading != extract.ReadingOther:
		if again, err := e.read(ctx, a.URL, a.OutletID, body, ctype, lr.reading); err == nil && again.art.Reading == lr.reading {
			return again, lr, true
		}
	case lr.either && r.art.Reading != extract.ReadingOther:
		if again := e.latestAgain(ctx, a, last, r.art.Reading); again.reading == r.art.Reading {
			return r, again, true
		}
	}
	return r, lr, false
}

// recordVersion adds the decided version and its capture to the record.
func (e *Engine) recordVersion(ctx context.Context, rec *store.CheckRecord, resp *fetch.Response, d revise.Decision, first bool) (CheckResult, error) {
	a := &rec.Article
	if first {
		res, ok, err := e.movedHere(ctx, rec, d.Version.Hash)
		if err != nil || ok {
			return res, err
		}
	}
	bodyHash, blob, base, err := e.Store.PackCaptureAfter(ctx, a.OutletID, a.ID, resp.Body)
	if err != nil {
		return CheckResult{}, fmt.Errorf("jobs: keep capture of %s: %w", a.URL, err)
	}
	d.Version.ArticleID = a.ID
	rec.Version = d.Version
	rec.Capture = &model.Capture{
		Hash: bodyHash, URL: resp.URL, Status: resp.Status, Header: resp.Header,
		FetchedAt: resp.FetchedAt.UTC(), Size: int64(len(resp.Body)), Body: blob, Base: base,
	}
	if rec.Served, err = e.servedCapture(ctx, a.OutletID, resp); err != nil {
		return CheckResult{}, fmt.Errorf("jobs: keep served page of %s: %w", a.URL, err)
	}
	a.LastChanged = d.Version.FetchedAt
	return CheckResult{Outcome: d.Outcome, Version: d.Version, Hash: d.Version.Hash}, nil
}

// movedHere handles the first version of a new URL whose text is, word for
// word, the latest version of another article of the same outlet: the
// outlet moved that article (a new slug found in a feed before the old URL
// was seen redirecting) or serves it twice. The older article takes the
// new URL and absorbs the new one, so one story stays one article.
func (e *Engine) movedHere(ctx context.Context, rec *store.CheckRecord, hash string) (CheckResult, bool, error) {
	a := rec.Article
	other, err := e.Store.ArticleByContent(ctx, a.OutletID, hash, a.ID)
	if errors.Is(err, store.ErrNotFound) {
		return CheckResult{}, false, nil
	}
	if err != nil {
		return CheckResult{}, false, fmt.Errorf("jobs: articles of the same text as %s: %w", a.URL, err)
	}
	e.Log.Info("new URL serves a tracked article; merged", "url", a.URL, "article", other.URL)
	rec.Events = append(rec.Events, movedEvent(other.URL, a.URL))
	other.URL, other.State = a.URL, model.StateActive
	other.BodyHash, other.ETag, other.LastModified = a.BodyHash, a.ETag, a.LastModified
	read := other.LastChecked // the guard now watches the article recorded into
	rec.Article, rec.Absorb, rec.IfLastChecked = other, a.ID, &read
	return CheckResult{Outcome: model.OutcomeUnchanged, Hash: hash}, true, nil
}

// follow applies the identity rules (package identity) to a response that
// came through redirects: a move within the site re-keys the article (its
// old URL becomes an alias), folding in an article discovered meanwhile at
// the new URL; a redirect to another site changes nothing; a redirect to a
// home page means the article is not there. It reports false for the
// latter: the response must not be compared with the article's history.
func (e *Engine) follow(ctx context.Context, rec *store.CheckRecord, resp *fetch.Response) (identity.Decision, error) {
	a := &rec.Article
	r := identity.Redirect{Article: *a, Redirected: resp.Redirected, Permanent: resp.Permanent}
	if resp.Redirected {
		to, err := discover.Canonicalize(resp.URL)
		if err != nil {
			return identity.Decision{Action: identity.Refuse, Reason: "redirected to an unreadable URL"}, nil
		}
		r.Final = to
		if to != a.URL {
			occ, err := e.occupant(ctx, to)
			if err != nil {
				return identity.Decision{}, err
			}
			r.Occupant = occ
		}
	}
	d := identity.Decide(r)
	if d.Reason != "" {
		e.Log.Info("redirect: "+d.Reason, "url", a.URL, "to", r.Final, "decision", d.Action)
	}
	switch d.Action {
	case identity.Rekey:
		rec.Events = append(rec.Events, movedEvent(a.URL, d.URL))
		a.URL = d.URL
	case identity.Absorb:
		rec.Events = append(rec.Events, movedEvent(a.URL, d.URL))
		a.URL, rec.Absorb = d.URL, d.Absorb
	}
	return d, nil
}

// occupant returns the article already stored under u, if any.
func (e *Engine) occupant(ctx context.Context, u string) (*identity.Occupant, error) {
	other, err := e.Store.ArticleByURL(ctx, u)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: article at %s: %w", u, err)
	}
	_, err = e.Store.LatestVersion(ctx, other.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("jobs: versions of %s: %w", u, err)
	}
	return &identity.Occupant{Article: other, Versions: err == nil}, nil
}

// unsettled outcomes leave the page's content undecided.
func unsettled(o model.Outcome) bool {
	switch o {
	case model.OutcomeConfirming, model.OutcomeLargeLoss, model.OutcomeLargeChange, model.OutcomeNumbersOnly:
		return true
	}
	return false
}

// reschedule sets the article's counters, state and next check.
// goneSince is when a gone article went (zero when not gone or unknown).
func (e *Engine) reschedule(a *model.Article, res CheckResult, now, goneSince time.Time) {
	a.LastChecked = now
	if res.Outcome == model.OutcomeConfirming {
		a.NextCheck = now.Add(e.confirmDelay())
		return
	}
	switch res.Outcome {
	case model.OutcomeError:
		a.Errors++
	case model.OutcomeGone:
		a.Gone++
		a.Errors = 0
	default:
		a.Errors, a.Gone = 0, 0
	}
	h := schedule.HistoryOf(*a)
	h.GoneSince = goneSince
	plan := e.Policy.Next(h, now)
	a.NextCheck, a.State = plan.Next, plan.State
}
