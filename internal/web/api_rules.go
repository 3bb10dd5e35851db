package web

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/errata/errata/internal/model"
)

// maxRulesBody caps a PUT of an outlet's rules: a few hundred selectors.
const maxRulesBody = 64 << 10

// apiPutRules replaces an outlet's rules with {"keep":[...],"drop":[...]}.
// It takes the admin token as a bearer token, like the admin page, and
// changes nothing unless every selector parses.
func (s *Server) apiPutRules(w http.ResponseWriter, r *http.Request) {
	if err := s.adminAPI(w, r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	ctx := r.Context()
	name := r.PathValue("outlet")
	o, err := s.cfg.Store.OutletByName(ctx, name)
	if err != nil {
		s.apiFail(w, r, notFoundIf(err, "outlet"))
		return
	}
	rules, err := decodeRules(w, r)
	if err == nil {
		err = s.cfg.Store.SetOutletRules(ctx, o.ID, rules)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.log.Info("api rules", slog.String("outlet", o.Name), slog.Int("keep", len(rules.Keep)), slog.Int("drop", len(rules.Drop)))
	s.writeOutlet(w, r, o.Name)
}

// adminAPI is adminForm for JSON requests: the token comes only in the
// Authorization header.
func (s *Server) adminAPI(w http.ResponseWriter, r *http.Request) error {
	if err := s.adminGate(w, r, "endpoint", "cross-origin requests are refused"); err != nil {
		return err
	}
	return s.adminToken(w, r)
}

// decodeRules reads the body strictly, so a misspelt key ("drops") is an
// error rather than a silent "no rules", and checks every selector before
// anything is stored.
func decodeRules(w http.ResponseWriter, r *http.Request) (model.Rules, error) {
	var in struct {
		Keep []string `json:"keep"`
		Drop []string `json:"drop"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxRulesBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return model.Rules{}, &httpError{status: http.StatusRequestEntityTooLarge, msg: "body too large"}
		}
		return model.Rules{}, badRequest(`want a JSON object {"keep": [...], "drop": [...]}: %v`, err)
	}
	var rules model.Rules
	lists := []struct {
		kind model.RuleKind
		sels []string
	}{{model.RuleKeep, in.Keep}, {model.RuleDrop, in.Drop}}
	for _, l := range lists {
		for _, sel := range l.sels {
			sel = strings.TrimSpace(sel)
			if err := checkSelector(sel); err != nil {
				return model.Rules{}, badRequest("%s: %v", l.kind, err)
			}
			rules = rules.With(l.kind, sel)
		}
	}
	return rules, nil
}
