package archive

import (
	"compress/gzip"
	"fmt"
	"os"
	"testing"
)

// benchSize is a typical news page with its markup and scripts.
const benchSize = 200 << 10

// BenchmarkPut measures the gzip levels on a 200 KB page; "ratio" is the
// stored size as a fraction of the body. Each iteration stores a new body
// (a distinct last byte) so the idempotence check does not skip the work.
func BenchmarkPut(b *testing.B) {
	for _, lvl := range []int{gzip.BestSpeed, gzip.DefaultCompression, gzip.BestCompression} {
		b.Run(fmt.Sprintf("level=%d", lvl), func(b *testing.B) {
			a := open(b)
			a.level = lvl
			body := page(benchSize)
			b.SetBytes(int64(len(body)))
			var i int
			for b.Loop() {
				body[len(body)-1] = byte(i)
				body[len(body)-2] = byte(i >> 8)
				i++
				if _, err := a.Put(body); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(storedRatio(b, a, body), "ratio")
		})
	}
}

func BenchmarkGet(b *testing.B) {
	a := open(b)
	body := page(benchSize)
	hash, err := a.Put(body)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := a.Get(hash); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPut_Existing(b *testing.B) {
	a := open(b)
	body := page(benchSize)
	if _, err := a.Put(body); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := a.Put(body); err != nil {
			b.Fatal(err)
		}
	}
}

func storedRatio(b *testing.B, a *Archive, body []byte) float64 {
	fi, err := os.Stat(a.path(Hash(body)))
	if err != nil {
		b.Fatal(err)
	}
	return float64(fi.Size()) / float64(len(body))
}
