package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/errata/errata/internal/model"
)

// Query parameters are read strictly: a value the server does not know is
// a 400 naming the values it does, never an empty list or a silent
// default, so a typo in a script shows at once.

// changeClasses are the classes the filter offers, in reading order.
var changeClasses = []string{"headline", "byline", "correction", "stealth", "text_added", "text_removed",
	"text_rewritten", "minor"}

// classParam reads ?class=, which may repeat and may hold a comma-separated
// list; a change matches when it has any of the classes. The result is in
// reading order without repeats; nil means every class.
func classParam(r *http.Request) ([]string, error) {
	asked := map[string]bool{}
	for _, v := range r.URL.Query()["class"] {
		for c := range strings.SplitSeq(v, ",") {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if !slices.Contains(changeClasses, c) {
				return nil, badRequest("class %.40q is not one of %s", c, strings.Join(changeClasses, ", "))
			}
			asked[c] = true
		}
	}
	var out []string
	for _, c := range changeClasses {
		if asked[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// boolSpellings are the yes/no values a parameter accepts. Immutable table.
var boolSpellings = map[string]bool{
	"1": true, "true": true, "yes": true, "on": true,
	"0": false, "false": false, "no": false, "off": false,
}

// boolParam reads a yes/no parameter; absent or empty is false.
func boolParam(r *http.Request, name string) (bool, error) {
	v := strings.ToLower(strings.TrimSpace(r.URL.Query().Get(name)))
	if v == "" {
		return false, nil
	}
	b, ok := boolSpellings[v]
	if !ok {
		return false, badRequest("%s %.40q is not yes or no: use 1, 0, true, false, yes, no, on or off", name, v)
	}
	return b, nil
}

// Diff views: side by side (the default) or inline.
const (
	viewSide   = "side"
	viewInline = "inline"
)

// inlineParam reads ?view= of a diff page.
func inlineParam(r *http.Request) (bool, error) {
	switch v := r.URL.Query().Get("view"); v {
	case "", viewSide:
		return false, nil
	case viewInline:
		return true, nil
	default:
		return false, badRequest("view %.40q is not one of %s, %s", v, viewSide, viewInline)
	}
}

// limitParam reads ?limit=, defaulting it and capping it at maxLimit.
func limitParam(r *http.Request) (int, error) {
	return limitParamOr(r, defaultLimit)
}

// limitParamOr is limitParam with another default.
func limitParamOr(r *http.Request, def int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, badRequest("limit %.40q is not a whole number from 1 to %d", v, maxLimit)
	}
	return min(n, maxLimit), nil
}

// eventParam reads ?event=, which may repeat and may hold a
// comma-separated list of lifecycle event kinds; the result is in the
// order of model.EventKinds without repeats; nil means none asked for.
func eventParam(r *http.Request) ([]model.EventKind, error) {
	asked := map[model.EventKind]bool{}
	for _, v := range r.URL.Query()["event"] {
		for k := range strings.SplitSeq(v, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			if !slices.Contains(model.EventKinds, model.EventKind(k)) {
				return nil, badRequest("event %.40q is not one of %s", k, eventKindList())
			}
			asked[model.EventKind(k)] = true
		}
	}
	var out []model.EventKind
	for _, k := range model.EventKinds {
		if asked[k] {
			out = append(out, k)
		}
	}
	return out, nil
}

func eventKindList() string {
	names := make([]string, len(model.EventKinds))
	for i, k := range model.EventKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
