package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestOutletNamed_IgnoresCaseAndPrefersExact(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		planet := mustOutlet(t, s, "Daily Planet")
		echos := mustOutlet(t, s, "Échos du Matin")
		lower := mustOutlet(t, s, "the bugle")
		upper := mustOutlet(t, s, "THE BUGLE")
		tests := []struct {
			name  string
			query string
			want  model.Outlet
			err   error
		}{
			{"exact", "Daily Planet", planet, nil},
			{"other case", "daily PLANET", planet, nil},
			{"non-ASCII case", "ÉCHOS DU MATIN", echos, nil},
			{"exact wins over a case twin", "the bugle", lower, nil},
			{"exact upper", "THE BUGLE", upper, nil},
			{"case twins are ambiguous", "The Bugle", model.Outlet{}, ErrAmbiguous},
			{"unknown", "Weekly", model.Outlet{}, ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.OutletNamed(ctx, tt.query)
				if !errors.Is(err, tt.err) || !reflect.DeepEqual(got, tt.want) {
					t.Errorf("OutletNamed(%q) = %+v, %v; want %+v, %v", tt.query, got, err, tt.want, tt.err)
				}
			})
		}
	})
}

func TestEditOutletRules_AppliesTheEditAndKeepsRulesOnError(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		got, err := s.EditOutletRules(ctx, o.ID, func(r model.Rules) (model.Rules, error) {
			return r.With(model.RuleDrop, ".ad").With(model.RuleKeep, "article"), nil
		})
		want := model.Rules{Keep: []string{"article"}, Drop: []string{".ad"}}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("EditOutletRules = %+v, %v; want %+v", got, err, want)
		}
		refused := errors.New("no such rule")
		_, err = s.EditOutletRules(ctx, o.ID, func(model.Rules) (model.Rules, error) { return model.Rules{}, refused })
		if !errors.Is(err, refused) {
			t.Errorf("edit error = %v; want the edit's own error", err)
		}
		if stored, _ := s.Outlet(ctx, o.ID); !reflect.DeepEqual(stored.Rules, want) {
			t.Errorf("rules after a refused edit = %+v; want %+v", stored.Rules, want)
		}
		if _, err := s.EditOutletRules(ctx, 42, func(r model.Rules) (model.Rules, error) { return r, nil }); !errors.Is(err, ErrNotFound) {
			t.Errorf("EditOutletRules(42) error = %v; want ErrNotFound", err)
		}
	})
}

// Two editors adding rules at once must both keep theirs: the edit reads
// and writes inside one transaction.
func TestEditOutletRules_ConcurrentEditorsLoseNothing(t *testing.T) {
	forEachDialect(t, func(t *testing.T, s *Store, reopen func() (*Store, error)) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		other, err := reopen()
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		const each = 10
		var wg sync.WaitGroup
		for i, st := range []*Store{s, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range each {
					sel := fmt.Sprintf(".editor%d-rule%d", i, j)
					if _, err := st.EditOutletRules(ctx, o.ID, func(r model.Rules) (model.Rules, error) {
						return r.With(model.RuleDrop, sel), nil
					}); err != nil {
						t.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		got, err := s.Outlet(ctx, o.ID)
		if err != nil || len(got.Rules.Drop) != 2*each {
			t.Errorf("%d rules after concurrent edits (%v); want %d", len(got.Rules.Drop), err, 2*each)
		}
	})
}

func TestOutletSources_OnlyThatOutlets(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, b := mustOutlet(t, s, "A"), mustOutlet(t, s, "B")
		var want []string
		for i, o := range []model.Outlet{a, b, a} {
			u := fmt.Sprintf("https://%d.example/feed", i)
			if _, _, err := s.AddSource(ctx, model.Source{OutletID: o.ID, URL: u, Kind: model.SourceFeed}); err != nil {
				t.Fatal(err)
			}
			if o.ID == a.ID {
				want = append(want, u)
			}
		}
		srcs, err := s.OutletSources(ctx, a.ID)
		var got []string
		for _, src := range srcs {
			got = append(got, src.URL)
		}
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("OutletSources = %q, %v; want %q", got, err, want)
		}
	})
}
