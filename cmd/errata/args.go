package main

import (
	"errors"
	"fmt"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/fetch"
)

// checkURLArg refuses, as a usage error, an argument that is not a URL
// errata could ever fetch: its form is wrong whatever the store holds.
func checkURLArg(cmd, raw string) error {
	u, err := discover.Canonicalize(raw)
	if err == nil {
		_, err = fetch.CheckURL(u)
	}
	if err == nil {
		return nil
	}
	return usageError{fmt.Sprintf("%s %s: %s", cmd, raw, urlProblem(err))}
}

// urlProblem says in a few words what is wrong with a URL.
func urlProblem(err error) string {
	var fe *fetch.Error
	switch {
	case errors.Is(err, discover.ErrScheme), errors.Is(err, fetch.ErrScheme):
		return "not an http(s) URL"
	case errors.As(err, &fe):
		return fe.Detail
	}
	return userMessage(err)
}
