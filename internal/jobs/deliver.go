package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/notify"
	"github.com/errata/errata/internal/store"
)

// Sender sends one payload to one subscription; *notify.Sender is one.
type Sender interface {
	Send(ctx context.Context, sub model.Subscription, p notify.Payload) error
}

// Deliverer turns recorded versions into notifications: it finds the
// subscriptions a change matches and sends it to each, once.
type Deliverer struct {
	Store   *store.Store
	Send    Sender
	BaseURL string // makes diff links absolute; "" leaves them out
	Now     func() time.Time
	Log     *slog.Logger
}

// Delivery is one change (VersionID) or one lifecycle event (EventID)
// due to one subscription; the other id is 0.
type Delivery struct {
	SubscriptionID, VersionID, EventID int64
}

// Payload builds the payload of a recorded version.
func (d *Deliverer) Payload(ctx context.Context, v model.Version) (notify.Payload, error) {
	if v.Seq == 0 {
		return notify.Payload{}, fmt.Errorf("jobs: version %d is a first version, not a change", v.ID)
	}
	a, err := d.Store.Article(ctx, v.ArticleID)
	if err != nil {
		return notify.Payload{}, err
	}
	o, err := d.Store.Outlet(ctx, a.OutletID)
	if err != nil {
		return notify.Payload{}, err
	}
	old, err := d.Store.VersionBySeq(ctx, v.ArticleID, v.Seq-1)
	if err != nil {
		return notify.Payload{}, err
	}
	return notify.Build(notify.Change{Outlet: o.Name, ArticleURL: a.URL, Old: old, New: v, BaseURL: d.BaseURL})
}

// Due lists the deliveries a newly recorded version asks for: one per
// subscription whose filters it passes. A first version is no change.
// It runs in the check that recorded the version, so it reads only what
// the filters need; each delivery job builds the diff itself.
func (d *Deliverer) Due(ctx context.Context, v model.Version) ([]Delivery, error) {
	if v.Seq == 0 {
		return nil, nil
	}
	subs, err := d.Store.Subscriptions(ctx)
	if err != nil || len(subs) == 0 {
		return nil, err
	}
	a, err := d.Store.Article(ctx, v.ArticleID)
	if err != nil {
		return nil, err
	}
	o, err := d.Store.Outlet(ctx, a.OutletID)
	if err != nil {
		return nil, err
	}
	head := notify.Payload{Event: notify.EventChange, Outlet: o.Name, Classes: v.Classes, Added: v.Added, Removed: v.Removed}
	var out []Delivery
	for _, s := range subs {
		if notify.Matches(s, head) {
			out = append(out, Delivery{SubscriptionID: s.ID, VersionID: v.ID})
		}
	}
	return out, nil
}

// Deliver makes one attempt at a delivery and logs it. A delivery already
// made, or one whose subscription was removed, is done.
func (d *Deliverer) Deliver(ctx context.Context, dl Delivery) error {
	sub, err := d.Store.Subscription(ctx, dl.SubscriptionID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	rec, p, err := d.prepare(ctx, dl)
	if err != nil || rec.Status == model.DeliveryDelivered {
		return err
	}
	sendErr := d.Send.Send(ctx, sub, p)
	if err := d.Store.RecordAttempt(context.WithoutCancel(ctx), rec.ID, sendErr, d.Now()); err != nil {
		return errors.Join(sendErr, err)
	}
	if sendErr != nil {
		d.Log.Warn("notification not delivered", "subscription", sub.Name, "version", dl.VersionID, "event", dl.EventID, "err", sendErr)
		return sendErr
	}
	d.Log.Info("notification delivered", "subscription", sub.Name, "version", dl.VersionID, "event", dl.EventID)
	return nil
}

// prepare returns the delivery's log row, made pending if new, and its
// payload; the payload is left empty for a delivery already made.
func (d *Deliverer) prepare(ctx context.Context, dl Delivery) (model.Delivery, notify.Payload, error) {
	if dl.EventID != 0 {
		rec, err := d.Store.EnsureEventDelivery(ctx, dl.SubscriptionID, dl.EventID, d.Now())
		if err != nil || rec.Status == model.DeliveryDelivered {
			return rec, notify.Payload{}, err
		}
		e, err := d.Store.EventByID(ctx, dl.EventID)
		if err != nil {
			return rec, notify.Payload{}, err
		}
		p, err := notify.BuildEvent(notify.Lifecycle{Outlet: e.OutletName, ArticleURL: e.ArticleURL, Title: e.Title,
			Event: e.Event, BaseURL: d.BaseURL})
		return rec, p, err
	}
	rec, err := d.Store.EnsureDelivery(ctx, dl.SubscriptionID, dl.VersionID, d.Now())
	if err != nil || rec.Status == model.DeliveryDelivered {
		return rec, notify.Payload{}, err
	}
	v, err := d.Store.VersionByID(ctx, dl.VersionID)
	if err != nil {
		return rec, notify.Payload{}, err
	}
	p, err := d.Payload(ctx, v)
	return rec, p, err
}

// DueEvent lists the deliveries a newly recorded lifecycle event asks
// for: one per subscription that asks for its kind and passes its outlet
// filter.
func (d *Deliverer) DueEvent(ctx context.Context, a model.Article, ev model.Event) ([]Delivery, error) {
	subs, err := d.Store.Subscriptions(ctx)
	if err != nil || len(subs) == 0 {
		return nil, err
	}
	o, err := d.Store.Outlet(ctx, a.OutletID)
	if err != nil {
		return nil, err
	}
	head := notify.Payload{Event: string(ev.Kind), Outlet: o.Name}
	var out []Delivery
	for _, s := range subs {
		if notify.Matches(s, head) {
			out = append(out, Delivery{SubscriptionID: s.ID, EventID: ev.ID})
		}
	}
	return out, nil
}

// Collector gathers the deliveries of a crawl, which has no queue, to be
// made once the pass is over, as confirmations are: a check never waits
// for a subscriber.
type Collector struct {
	d    *Deliverer
	mu   sync.Mutex
	vs   []model.Version
	evs  []model.Event
	arts []model.Article // the article of each of evs
}

// NewCollector returns a collector for d.
func NewCollector(d *Deliverer) *Collector { return &Collector{d: d} }

// Recorded keeps a newly recorded version; it suits Engine.OnVersion.
func (c *Collector) Recorded(_ context.Context, _ model.Article, v model.Version) {
	c.mu.Lock()
	c.vs = append(c.vs, v)
	c.mu.Unlock()
}

// Event keeps a newly recorded lifecycle event; it suits Engine.OnEvent.
func (c *Collector) Event(_ context.Context, a model.Article, ev model.Event) {
	c.mu.Lock()
	c.evs, c.arts = append(c.evs, ev), append(c.arts, a)
	c.mu.Unlock()
}

// DeliverAll makes one attempt at every delivery the kept versions and
// events ask for and reports how many were delivered and how many failed;
// failures are in the deliveries log.
func (c *Collector) DeliverAll(ctx context.Context) (sent, failed int, err error) {
	c.mu.Lock()
	vs, evs, arts := c.vs, c.evs, c.arts
	c.vs, c.evs, c.arts = nil, nil, nil
	c.mu.Unlock()
	var all []Delivery
	for _, v := range vs {
		due, err := c.d.Due(ctx, v)
		if err != nil {
			return sent, failed, err
		}
		all = append(all, due...)
	}
	for i, ev := range evs {
		due, err := c.d.DueEvent(ctx, arts[i], ev)
		if err != nil {
			return sent, failed, err
		}
		all = append(all, due...)
	}
	for _, dl := range all {
		if ctx.Err() != nil {
			return sent, failed, ctx.Err()
		}
		if c.d.Deliver(ctx, dl) != nil {
			failed++
		} else {
			sent++
		}
	}
	return sent, failed, nil
}
