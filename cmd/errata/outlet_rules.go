package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// maxNamedOutlets is how many outlet names an "unknown outlet" error
// lists before it points to 'errata outlet' instead.
const maxNamedOutlets = 8

// ruleEdit is what the outlet command's flags ask to change.
type ruleEdit struct {
	drop, keep, remove []string
	clear              bool
}

func (e *env) ruleEdit() ruleEdit {
	return ruleEdit{drop: e.drop, keep: e.keep, remove: e.remove, clear: e.clear}
}

func (r ruleEdit) empty() bool {
	return len(r.drop)+len(r.keep)+len(r.remove) == 0 && !r.clear
}

// check trims the selectors and refuses one that does not parse, before
// anything is opened or fetched.
func (r *ruleEdit) check() error {
	var err error
	if r.drop, err = checkSelectors("drop", r.drop); err != nil {
		return err
	}
	r.keep, err = checkSelectors("keep", r.keep)
	for i, sel := range r.remove {
		r.remove[i] = strings.TrimSpace(sel)
	}
	return err
}

// checkSelectors returns sels trimmed, or a usage error naming the first
// one that is not a CSS selector.
func checkSelectors(flag string, sels []string) ([]string, error) {
	out := make([]string, len(sels))
	for i, sel := range sels {
		out[i] = strings.TrimSpace(sel)
		if err := extract.ValidateRules(model.Rules{Drop: out[i : i+1]}); err != nil {
			reason := err
			if inner := errors.Unwrap(err); inner != nil {
				reason = inner
			}
			return nil, usageError{fmt.Sprintf("--%s %q is not a CSS selector: %v", flag, sel, reason)}
		}
	}
	return out, nil
}

// apply makes the edit: clear first, then removals, then additions, so
// "--clear --drop X" leaves exactly X. It is pure, as the store requires.
func (r ruleEdit) apply(rules model.Rules) (model.Rules, error) {
	if r.clear {
		rules = model.Rules{}
	}
	for _, sel := range r.remove {
		rules, _ = rules.Without(sel)
	}
	for _, sel := range r.drop {
		rules = rules.With(model.RuleDrop, sel)
	}
	for _, sel := range r.keep {
		rules = rules.With(model.RuleKeep, sel)
	}
	return rules, nil
}

// missing returns an error for the first --remove selector that is not
// among rules, so a typo is reported rather than silently ignored.
func (r ruleEdit) missing(o model.Outlet) error {
	if r.clear {
		return nil
	}
	for _, sel := range r.remove {
		if _, found := o.Rules.Without(sel); !found {
			return fmt.Errorf("outlet %q has no rule %q; 'errata outlet %q' lists its rules", o.Name, sel, o.Name)
		}
	}
	return nil
}

// findOutlet looks an outlet up by name, ignoring case, and says what the
// user can do when there is none.
func findOutlet(ctx context.Context, st *store.Store, name string) (model.Outlet, error) {
	o, err := st.OutletNamed(ctx, name)
	switch {
	case errors.Is(err, store.ErrAmbiguous):
		return o, fmt.Errorf("several outlets are called %q in different cases; give the exact name ('errata outlet' lists them)", name)
	case errors.Is(err, store.ErrNotFound):
		return o, unknownOutlet(ctx, st, name)
	}
	return o, err
}

func unknownOutlet(ctx context.Context, st *store.Store, name string) error {
	all, err := st.Outlets(ctx)
	switch {
	case err != nil:
		return err
	case len(all) == 0:
		return fmt.Errorf("no outlet %q: no outlets yet; 'errata add URL --outlet NAME' creates one", name)
	case len(all) > maxNamedOutlets:
		return fmt.Errorf("no outlet %q; 'errata outlet' lists the %d outlets", name, len(all))
	}
	names := make([]string, len(all))
	for i, o := range all {
		names[i] = fmt.Sprintf("%q", o.Name)
	}
	return fmt.Errorf("no outlet %q; known outlets: %s", name, strings.Join(names, ", "))
}
