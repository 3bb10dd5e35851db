package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/model"
)

// maxSelector bounds one CSS selector a form or the API may submit.
const maxSelector = 500

// ruleForm is what the rule form of one outlet shows after a post.
type ruleForm struct {
	Kind     string // the kind chosen, kept when an add is refused
	Selector string // the selector typed, kept when an add is refused
	Result   string
	Error    string
}

// adminOutlet is one outlet's rules and its form on the admin page.
type adminOutlet struct {
	Name, Host string
	Drop, Keep []string
	Action     string
	// Browser and FetchAction are the outlet's fetch mode and its form;
	// Suggest, that plain fetches fell short of what its pages promise.
	Browser, Suggest bool
	FetchAction      string
	ruleForm
}

func newAdminOutlet(o model.Outlet) adminOutlet {
	return adminOutlet{Name: o.Name, Host: o.Host, Drop: o.Rules.Drop, Keep: o.Rules.Keep,
		Action: adminRulesPath(o.Name), ruleForm: ruleForm{Kind: string(model.RuleDrop)},
		Browser: o.Browser(), Suggest: o.SuggestBrowser(), FetchAction: adminFetchPath(o.Name)}
}

func adminRulesPath(name string) string { return "/admin/outlets/" + url.PathEscape(name) + "/rules" }

// handleAdminRules adds one rule to an outlet or, when the post names a
// rule to remove, removes it; then shows the admin page again with the
// outcome under that outlet.
func (s *Server) handleAdminRules(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	o, err := s.pathOutlet(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	edit, form, err := parseRuleForm(r.PostForm)
	if err == nil {
		_, err = s.cfg.Store.EditOutletRules(ctx, o.ID, edit)
	}
	// A refused form is shown under its outlet; anything else is a fault.
	status := http.StatusOK
	var fe formError
	switch {
	case errors.As(err, &fe):
		form.Error, form.Result, status = fe.msg, "", http.StatusUnprocessableEntity
	case err != nil:
		s.fail(w, r, err)
		return
	default:
		s.log.Info("admin rules", slog.String("outlet", o.Name), slog.String("result", form.Result))
		form.Selector = "" // saved: nothing to type again
	}
	s.renderAdmin(w, r, status, adminPage{outletID: o.ID, ruleForm: form})
}

// formError is a refusal worded for the person who filled the form.
type formError struct{ msg string }

func (e formError) Error() string { return e.msg }

// parseRuleForm reads a post: remove=SEL removes that rule; otherwise
// kind and selector add one. The edit it returns is pure, as the store
// asks.
func parseRuleForm(f url.Values) (func(model.Rules) (model.Rules, error), ruleForm, error) {
	if f.Has("remove") {
		sel := strings.TrimSpace(f.Get("remove"))
		form := ruleForm{Kind: string(model.RuleDrop), Result: fmt.Sprintf("Removed the rule %q.", sel)}
		return func(r model.Rules) (model.Rules, error) {
			r, found := r.Without(sel)
			if !found {
				return r, formError{fmt.Sprintf("there is no rule %q to remove", sel)}
			}
			return r, nil
		}, form, nil
	}
	kind := model.RuleKind(f.Get("kind"))
	form := ruleForm{Kind: string(kind), Selector: strings.TrimSpace(f.Get("selector"))}
	if kind != model.RuleDrop && kind != model.RuleKeep {
		form.Kind = string(model.RuleDrop)
		return nil, form, formError{"choose drop or keep"}
	}
	if err := checkSelector(form.Selector); err != nil {
		return nil, form, err
	}
	form.Result = fmt.Sprintf("Added the %s rule %q; it applies from each article's next check.", kind, form.Selector)
	return func(r model.Rules) (model.Rules, error) { return r.With(kind, form.Selector), nil }, form, nil
}

// checkSelector refuses a selector the extractor could not use, in words
// a form can show.
func checkSelector(sel string) error {
	if len(sel) > maxSelector {
		return formError{fmt.Sprintf("a selector is at most %d bytes", maxSelector)}
	}
	err := extract.ValidateRules(model.Rules{Drop: []string{sel}})
	if err == nil {
		return nil
	}
	if inner := errors.Unwrap(err); inner != nil {
		err = inner
	}
	return formError{fmt.Sprintf("%q is not a CSS selector: %v", sel, err)}
}
