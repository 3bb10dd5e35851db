package store

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// seedLog appends n versions with their leaves to article a, in write
// transactions of a thousand, as an import would.
func seedLog(b *testing.B, s *Store, a model.Article, n int) {
	b.Helper()
	ctx := context.Background()
	const batch = 1000
	for start := 0; start < n; start += batch {
		err := s.write(ctx, "seed", func(tx *wtx) error {
			for seq := start; seq < min(start+batch, n); seq++ {
				v := version(a.ID, seq)
				v.Text = fmt.Sprintf("Paragraph %d of a long history.", seq)
				if _, err := insertVersion(ctx, tx, v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLog_Append is one version's leaf appended to a log of 1k and
// of 100k leaves: an append reads and writes O(log n) stored hashes, so
// the two should cost about the same.
func BenchmarkLog_Append(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("leaves=%d", n), func(b *testing.B) {
			forEachStoreB(b, func(b *testing.B, s *Store) {
				ctx := context.Background()
				a := mustArticle(b, s, mustOutlet(b, s, "Daily").ID, "https://d.example/a")
				seedLog(b, s, a, n)
				data := versionLeaf(*version(a.ID, n), a.URL).Encode()
				id := int64(1 << 40)
				for b.Loop() {
					id++
					err := s.write(ctx, "append", func(tx *wtx) error {
						_, err := appendLeaf(ctx, tx, data, leafRef{versionID: id, url: a.URL})
						return err
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkVerify runs VerifyLog over a store of ERRATA_BENCH_VERIFY
// versions (default 100k; 1M takes long to seed).
func BenchmarkVerify(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("ERRATA_BENCH_VERIFY")); err == nil && v > 0 {
		n = v
	}
	forEachStoreB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		a := mustArticle(b, s, mustOutlet(b, s, "Daily").ID, "https://d.example/a")
		start := time.Now()
		seedLog(b, s, a, n)
		b.Logf("seeded %d versions in %s", n, time.Since(start).Round(time.Second))
		for b.Loop() {
			rep, err := s.VerifyLog(ctx, "")
			if err != nil || len(rep.Findings) != 0 || rep.Leaves != int64(n) {
				b.Fatalf("VerifyLog = %d leaves, %v, %v", rep.Leaves, rep.Findings, err)
			}
		}
		b.ReportMetric(float64(n), "versions")
	})
}
