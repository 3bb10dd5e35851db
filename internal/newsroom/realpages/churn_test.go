package realpages

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// unbased hides the listeners' ports, which differ between newsrooms.
func unbased(n *Newsroom, page string) string {
	for o, s := range n.servers {
		page = strings.ReplaceAll(page, s.URL, "outlet"+strconv.Itoa(o))
	}
	return page
}

func testRand() *rand.Rand { return rand.New(rand.NewPCG(9, 9)) }

func TestRespond_SameSeedAndRequestReplay(t *testing.T) {
	a, b := newTestNewsroom(t, 3), newTestNewsroom(t, 3)
	for i := range 3 {
		x, y := unbased(a, get(t, a.articles[i].url)), unbased(b, get(t, b.articles[i].url))
		if x != y {
			t.Fatalf("article %d: same seed and request number served different pages", i)
		}
		if again := unbased(a, get(t, a.articles[i].url)); again == x {
			t.Errorf("article %d: two requests served the same churn", i)
		}
	}
}

func TestChurn_TextChangesOnEveryRequest(t *testing.T) {
	n := newTestNewsroom(t, 4)
	for _, a := range n.articles[:len(styles)] {
		seen := map[string]bool{}
		for range 5 {
			seen[pageText(t, get(t, a.url))] = true
		}
		if len(seen) != 5 {
			t.Errorf("%s: %d distinct texts in 5 requests", a.url, len(seen))
		}
	}
}
