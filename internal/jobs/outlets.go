package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// OutletHostError refuses to start a new outlet on a host another outlet
// already tracks: its articles would stay with the older one and the new
// outlet would stay empty.
type OutletHostError struct {
	Host     string
	Named    string // the outlet asked for
	Existing string // the outlet already tracking the host
}

func (e *OutletHostError) Error() string {
	return fmt.Sprintf("%s is already tracked as outlet %q; add it there with --outlet %q, or rename that outlet first with errata outlets rename %q %q",
		e.Host, e.Existing, e.Existing, e.Existing, e.Named)
}

// outletFor picks the outlet something on host joins. A name given by a
// person is that outlet (matched ignoring case), or a new one, unless the
// host is already another outlet's: that is refused with OutletHostError
// rather than making a second, empty outlet for one site. Without a name,
// the host's outlet is joined, else one is made named title (a feed's),
// else after the host.
func (e *Engine) outletFor(ctx context.Context, named, title, host string) (model.Outlet, error) {
	if named != "" {
		o, err := e.Store.OutletNamed(ctx, named)
		if !errors.Is(err, store.ErrNotFound) {
			return o, err
		}
		if other, err := e.Store.OutletByHost(ctx, host); err == nil {
			return model.Outlet{}, &OutletHostError{Host: host, Named: named, Existing: other.Name}
		} else if !errors.Is(err, store.ErrNotFound) {
			return model.Outlet{}, err
		}
		return e.Store.EnsureOutlet(ctx, named, host)
	}
	if o, err := e.Store.OutletByHost(ctx, host); err == nil {
		return o, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return model.Outlet{}, err
	}
	if title == "" {
		title = host
	}
	return e.Store.EnsureOutlet(ctx, title, host)
}
