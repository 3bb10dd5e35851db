package newsroom

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func BenchmarkTruth_TenThousandPerOutlet(b *testing.B) {
	n := New(Config{Seed: 1, ArticlesPerOutlet: 10000})
	runScript(n)
	b.ResetTimer()
	for b.Loop() {
		n.Truth()
	}
}

func BenchmarkNew_TenThousandPerOutlet(b *testing.B) {
	for b.Loop() {
		New(Config{Seed: 1, ArticlesPerOutlet: 10000})
	}
}

func BenchmarkServeArticle(b *testing.B) {
	n := New(Config{Seed: 1})
	truth := n.Truth()
	for o, style := range n.Outlets() {
		path := truth[o*n.cfg.ArticlesPerOutlet].URL
		b.Run(style.Style, func(b *testing.B) {
			h := n.Handler(o)
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			}
		})
	}
}
