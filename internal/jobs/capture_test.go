package jobs

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/errata/errata/internal/fetch"
)

// A page served with thousands of header fields is recorded with a
// capture whose header is cut down to the fetch limits, validators kept.
func TestCheck_CaptureHeaderIsBounded(t *testing.T) {
	const sent = 3000
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		for i := range sent {
			w.Header().Add(fmt.Sprintf("X-Filler-%04d", i), strings.Repeat("x", 40))
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	if res := f.check(t); res.Version == nil {
		t.Fatalf("first check recorded no version: %+v", res)
	}
	vs := f.versions(t)
	c, err := f.st.Capture(context.Background(), vs[0].CaptureHash)
	if err != nil {
		t.Fatal(err)
	}
	fields, size := 0, 0
	for name, values := range c.Header {
		for _, v := range values {
			fields, size = fields+1, size+len(name)+len(v)+4
		}
	}
	if fields > fetch.MaxKeptHeaderFields || size > fetch.MaxKeptHeaderBytes {
		t.Errorf("capture keeps %d header fields, %d bytes; limits %d, %d",
			fields, size, fetch.MaxKeptHeaderFields, fetch.MaxKeptHeaderBytes)
	}
	if got := http.Header(c.Header).Get("ETag"); got != `"v1"` {
		t.Errorf("capture ETag = %q, want %q", got, `"v1"`)
	}
}
