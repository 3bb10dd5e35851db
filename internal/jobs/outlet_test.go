package jobs

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/errata/errata/internal/model"
)

// factbox is a block inside the article that an outlet rule will drop.
const factbox = `<p class="factbox">The council has nine members, each elected for a term of four years.</p>`

// A rule set while the engine runs (by the CLI, from another process)
// applies to the very next check: the engine keeps no stale copy.
func TestCheck_SeesARuleChangeWithoutRestart(t *testing.T) {
	var n atomic.Int64
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		html := page("Council approves budget", "The council approved the budget on Tuesday.", n.Add(1))
		fmt.Fprint(w, strings.Replace(html, "</article>", factbox+"</article>", 1))
	})
	first := f.check(t)
	if first.Version == nil || !strings.Contains(first.Version.Text, "nine members") {
		t.Fatalf("first check: %+v; want a version with the factbox", first)
	}
	// A second check, same rules: the outlet has been read once already.
	if again := f.check(t); again.Hash != first.Hash {
		t.Fatalf("churn alone changed the hash: %s then %s", first.Hash, again.Hash)
	}
	o, err := f.st.Outlet(context.Background(), f.a.OutletID)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetOutletRules(context.Background(), o.ID, model.Rules{Drop: []string{".factbox"}}); err != nil {
		t.Fatal(err)
	}
	after := f.check(t)
	if after.Hash == first.Hash {
		t.Errorf("check after the rule change saw the same content %s; the rule was not applied", after.Hash)
	}
	if after.Version != nil && strings.Contains(after.Version.Text, "nine members") {
		t.Errorf("version after the rule change still has the dropped block:\n%s", after.Version.Text)
	}
}
