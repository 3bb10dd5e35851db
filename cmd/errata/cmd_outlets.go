package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var outletsCmd = &command{
	name:    "outlets",
	args:    "[rename OLD NEW | merge FROM INTO]",
	summary: "list outlets, rename one, or merge one into another",
	help: `Without arguments, lists every outlet with its host, articles and rules (as
'errata outlet' does).

rename OLD NEW gives an outlet a new name; a name another outlet has is refused
(merge them instead). merge FROM INTO moves every article and source of outlet
FROM, its rules and what errata learned of its pages, into outlet INTO, then
deletes FROM; nothing recorded is lost. Names match ignoring case.`,
	example: `errata outlets merge "Ledger" "The Daily Ledger"`,
	maxArgs: 3,
	run:     runOutlets,
}

func runOutlets(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && len(args) != 3 || len(args) == 3 && args[0] != "rename" && args[0] != "merge" {
		return usageError{"want no arguments, rename OLD NEW, or merge FROM INTO"}
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(args) == 0 {
		return listOutlets(ctx, e.stdout, st)
	}
	o, err := findOutlet(ctx, st, args[1])
	if err != nil {
		return err
	}
	if args[0] == "rename" {
		return renameOutlet(ctx, e, st, o.ID, o.Name, strings.TrimSpace(args[2]))
	}
	into, err := findOutlet(ctx, st, args[2])
	if err != nil {
		return err
	}
	if into.ID == o.ID {
		return usageError{fmt.Sprintf("%q and %q are the same outlet", args[1], args[2])}
	}
	m, err := st.MergeOutlets(ctx, o.ID, into.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "merged outlet \"%s\" into \"%s\": %s and %s moved\n",
		termsafe.Line(o.Name), termsafe.Line(into.Name), nouns(m.Articles, "article"), nouns(m.Sources, "source"))
	return nil
}

func renameOutlet(ctx context.Context, e *env, st *store.Store, id int64, old, name string) error {
	if name == "" {
		return usageError{"the new name is empty"}
	}
	err := st.RenameOutlet(ctx, id, name)
	if errors.Is(err, store.ErrExists) {
		return fmt.Errorf("an outlet is already called %q; merge them with: errata outlets merge %q %q", name, old, name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "renamed outlet \"%s\" to \"%s\"\n", termsafe.Line(old), termsafe.Line(name))
	return nil
}
