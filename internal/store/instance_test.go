package store

import (
	"context"
	"regexp"
	"testing"
	"time"
)

func TestInstance_NamedOnceAndKept(t *testing.T) {
	forEachDialect(t, func(t *testing.T, st *Store, reopen func() (*Store, error)) {
		ctx := context.Background()
		in, err := st.Instance(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(in.ID) || time.Since(in.Created) > time.Hour || time.Since(in.Created) < 0 {
			t.Fatalf("instance %+v: want 32 hex digits made just now", in)
		}
		second, err := reopen()
		if err != nil {
			t.Fatal(err)
		}
		defer second.Close()
		if again, err := second.Instance(ctx); err != nil || again != in {
			t.Fatalf("reopened: %+v (%v), want %+v", again, err, in)
		}
	})
}

func TestInstance_EveryStoreHasItsOwn(t *testing.T) {
	a, _ := openTemp(t)
	b, _ := openTemp(t)
	ia, _ := a.Instance(context.Background())
	ib, _ := b.Instance(context.Background())
	if ia.ID == "" || ia.ID == ib.ID {
		t.Fatalf("instances %q and %q", ia.ID, ib.ID)
	}
}
