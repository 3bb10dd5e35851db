package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
)

// fillUp caps the store's SQLite file at its current size, as a full disk
// would: the next write that needs a page fails with SQLITE_FULL. The
// limit holds for the writer's one connection.
func fillUp(t *testing.T, s *Store) {
	t.Helper()
	var pages int
	if err := s.w.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
}

// longText is an article body that needs many new pages.
func longText() string {
	words := make([]string, 40000)
	for i := range words {
		words[i] = fmt.Sprintf("w%x", rand.Uint32())
	}
	return strings.Join(words, " ")
}

func TestRecord_FullDiskIsErrFullNamingTheFile(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	a := mustArticle(t, s, mustOutlet(t, s, "daily").ID, "https://daily.example/a")
	fillUp(t, s)
	v := version(a.ID, 0)
	v.Text = longText()
	_, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Version: v, Capture: capture("c")})
	if !errors.Is(err, ErrFull) || !strings.Contains(err.Error(), "no space left for "+path) {
		t.Fatalf("Record on a full disk = %v; want ErrFull naming %s", err, path)
	}
	if n, _ := s.CountChecks(ctx, a.ID); n != 0 {
		t.Errorf("%d checks after a failed record, want 0", n)
	}
	dropped, err := s.DropUnchecked(ctx, a.ID)
	if err != nil || !dropped {
		t.Fatalf("DropUnchecked on a full disk = %v, %v; want the article dropped", dropped, err)
	}
	if _, err := s.Article(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article after DropUnchecked: %v, want ErrNotFound", err)
	}
}

func TestDropUnchecked_KeepsAnArticleCheckedMeanwhile(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "daily").ID, "https://daily.example/a")
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeError)}); err != nil {
			t.Fatal(err)
		}
		dropped, err := s.DropUnchecked(ctx, a.ID)
		if err != nil || dropped {
			t.Fatalf("DropUnchecked of a checked article = %v, %v; want it kept", dropped, err)
		}
		if _, err := s.Article(ctx, a.ID); err != nil {
			t.Errorf("Article: %v", err)
		}
	})
}
