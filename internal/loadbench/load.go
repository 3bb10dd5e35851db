package loadbench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// maxInFlight bounds concurrent requests, so an overloaded server slows
// the generator down instead of piling up goroutines.
const maxInFlight = 512

// Result is what one load run measured. Latencies are counted from when
// each request was due, so a stalled server is not hidden by the
// generator waiting for it (coordinated omission).
type Result struct {
	Sent, Errors  int
	Rate          float64 // requests completed per second
	P50, P90, P99 time.Duration
	Max           time.Duration
	StatusNot200  int
	Dropped       int // due requests not sent because maxInFlight were pending
	Elapsed       time.Duration
}

func (r Result) String() string {
	return fmt.Sprintf("sent %d in %s (%.0f req/s): p50 %s  p90 %s  p99 %s  max %s  errors %d  non-200 %d  dropped %d",
		r.Sent, r.Elapsed.Round(time.Millisecond), r.Rate, r.P50.Round(10*time.Microsecond), r.P90.Round(10*time.Microsecond),
		r.P99.Round(10*time.Microsecond), r.Max.Round(10*time.Microsecond), r.Errors, r.StatusNot200, r.Dropped)
}

// Run sends rate requests a second for d to the URLs next returns, one
// fixed schedule (open loop), and reports latencies.
func Run(ctx context.Context, client *http.Client, rate int, d time.Duration, next func(i int) string) Result {
	_, all := RunKinds(ctx, client, rate, d, func(i int) (string, string) { return "", next(i) })
	return all
}

// RunKinds is Run over URLs of several kinds (next returns each request's
// kind and URL); it reports each kind's latencies and all of them.
func RunKinds(ctx context.Context, client *http.Client, rate int, d time.Duration, next func(i int) (kind, url string)) (map[string]Result, Result) {
	total := int(d.Seconds() * float64(rate))
	interval := time.Second / time.Duration(rate)
	sem := make(chan struct{}, maxInFlight)
	var mu sync.Mutex
	var wg sync.WaitGroup
	lat := map[string][]time.Duration{}
	byKind := map[string]Result{}
	res := Result{}
	start := time.Now()
	for i := 0; i < total && ctx.Err() == nil; i++ {
		due := start.Add(time.Duration(i) * interval)
		if wait := time.Until(due); wait > 0 {
			time.Sleep(wait)
		}
		kind, u := next(i)
		select {
		case sem <- struct{}{}:
		default:
			res.Dropped++
			k := byKind[kind]
			k.Dropped++
			byKind[kind] = k
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			status, err := Get(ctx, client, u)
			took := time.Since(due)
			mu.Lock()
			defer mu.Unlock()
			k := byKind[kind]
			for _, r := range []*Result{&res, &k} {
				r.Sent++
				if err != nil {
					r.Errors++
				} else if status != http.StatusOK {
					r.StatusNot200++
				}
			}
			byKind[kind] = k
			lat[kind] = append(lat[kind], took)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for kind, l := range lat {
		all = append(all, l...)
		k := byKind[kind]
		k.finish(l, elapsed)
		byKind[kind] = k
	}
	res.finish(all, elapsed)
	return byKind, res
}

// finish sets the rate and percentiles from the latencies measured.
func (r *Result) finish(lat []time.Duration, elapsed time.Duration) {
	r.Elapsed = elapsed
	r.Rate = float64(r.Sent) / elapsed.Seconds()
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		r.P50, r.P90, r.P99, r.Max = lat[n*50/100], lat[n*90/100], lat[n*99/100], lat[n-1]
	}
}

// Get fetches u, reads its body whole and returns the status.
func Get(ctx context.Context, client *http.Client, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}
