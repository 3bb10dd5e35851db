package jobs

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
)

var prompts = []string{
	"Join %d readers who get our morning briefing.",
	"Never miss a story: %d people already subscribe.",
	"Our newsletter, trusted by %d readers, is free.",
	"Sign up today and join %d others.",
}

// promptPage is a page whose article carries a newsletter prompt with a
// different wording and count on every request: in its own box when boxed,
// else as a bare paragraph of the body.
func promptPage(n int64, boxed bool, paras ...string) string {
	prompt := fmt.Sprintf(prompts[n%int64(len(prompts))], 10000+n*37)
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>")
	for i, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>", p)
		if i == 0 {
			if boxed {
				fmt.Fprintf(&b, `<div class="nl-box"><p>%s</p></div>`, prompt)
			} else {
				fmt.Fprintf(&b, "<p>%s</p>", prompt)
			}
		}
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

var bridge = []string{
	"Police closed the Harbour Street bridge on Monday after engineers found a crack in one of its supports.",
	"The city said traffic would be diverted through the old town for at least a week while repairs are planned.",
	"Engineers will inspect the rest of the structure this week, the council said in a statement on Monday evening.",
	"Residents were asked to allow extra time for journeys and to use the ferry where they could.",
}

func TestCheck_RotatingPromptInsideTheArticleIsChurn(t *testing.T) {
	for _, boxed := range []bool{true, false} {
		t.Run(fmt.Sprintf("boxed=%v", boxed), func(t *testing.T) {
			var n atomic.Int64
			f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, promptPage(n.Add(1), boxed, bridge...))
			})
			got := outcomes(t, f, 8)
			t.Logf("outcomes %v", got)
			if vs := f.versions(t); len(vs) != 1 {
				t.Fatalf("%d versions, want 1; outcomes %v", len(vs), got)
			}
			for _, o := range got[1:] {
				if o != model.OutcomeChurn && o != model.OutcomeUnchanged {
					t.Fatalf("outcomes %v: want only churn or unchanged after the first", got)
				}
			}
			learned, err := f.st.FurnitureFor(context.Background(), f.a.OutletID, f.a.ID)
			if err != nil || len(learned) == 0 {
				t.Fatalf("nothing learned (%v)", err)
			}
		})
	}
}

func TestCheck_RealEditBesideChurnIsRecorded(t *testing.T) {
	var n atomic.Int64
	paras := append([]string(nil), bridge...)
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, promptPage(n.Add(1), true, paras...))
	})
	outcomes(t, f, 3)
	paras[2] = "Engineers will inspect the rest of the structure on Wednesday, the council said in a statement on Monday evening."
	res := f.check(t)
	if res.Version == nil || res.Version.Seq != 1 {
		t.Fatalf("outcome %s, want version 1", res.Outcome)
	}
	if strings.Contains(res.Version.Text, "readers") || strings.Contains(res.Version.Text, "subscribe") {
		t.Errorf("the volatile prompt was recorded as text:\n%s", res.Version.Text)
	}
	if !strings.Contains(res.Version.Text, "on Wednesday") {
		t.Errorf("the edit is missing:\n%s", res.Version.Text)
	}
	if got := outcomes(t, f, 3); len(f.versions(t)) != 2 {
		t.Fatalf("after the edit: outcomes %v, %d versions, want 2", got, len(f.versions(t)))
	}
}

func TestCheck_OneTruncatedResponseIsNoVersion(t *testing.T) {
	var truncate atomic.Bool
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		paras := bridge
		if truncate.Swap(false) {
			paras = bridge[:1]
		}
		fmt.Fprint(w, promptPage(1, true, paras...))
	})
	f.check(t)
	truncate.Store(true)
	if res := f.check(t); res.Version != nil {
		t.Fatalf("a truncated response made version %d (%s)", res.Version.Seq, res.Outcome)
	}
	if res := f.check(t); res.Version != nil || len(f.versions(t)) != 1 {
		t.Fatalf("restored text made a version (%s)", res.Outcome)
	}
}

func TestCheck_LargeLossIsRecordedOnlyWhenServedConsistently(t *testing.T) {
	var short atomic.Bool
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		paras := bridge
		if short.Load() {
			paras = bridge[:1]
		}
		fmt.Fprint(w, promptPage(1, true, paras...))
	})
	f.check(t)
	short.Store(true)
	if res := f.check(t); res.Outcome != model.OutcomeLargeLoss || res.Version != nil {
		t.Fatalf("first short check: %s, want %s and no version", res.Outcome, model.OutcomeLargeLoss)
	}
	res := f.check(t)
	if res.Version == nil {
		t.Fatalf("second short check: %s, want the loss recorded", res.Outcome)
	}
	if !hasClass(res.Version.Classes, revise.ClassLargeLoss) {
		t.Errorf("classes %v, want %s", res.Version.Classes, revise.ClassLargeLoss)
	}
}

func TestCheck_ConfirmationFetchesTheWholePageAgain(t *testing.T) {
	body := bridge[0]
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		etag := fmt.Sprintf(`"%x"`, len(body))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, page("Bridge closed", body, 1))
	})
	f.check(t)
	body = bridge[0] + " It reopens Friday."
	first := f.fetch(t, time.Hour)
	if first.Outcome != model.OutcomeConfirming {
		t.Fatalf("first fetch after the edit: %s, want %s", first.Outcome, model.OutcomeConfirming)
	}
	if res := f.fetch(t, time.Second); res.Version == nil {
		t.Fatalf("confirmation: %s, want a version (a 304 must not answer a confirmation)", res.Outcome)
	}
}

func hasClass(cs []string, c string) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func TestCheck_OutletTemplateIsLearnedAcrossArticles(t *testing.T) {
	const box = "Support local journalism: 1,204 readers gave this month."
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		// Each article's prose is its own; only the box recurs.
		i := len(r.URL.Path) + int(r.URL.Path[len(r.URL.Path)-1])
		who, what := towns[i%len(towns)], topics[(i/2)%len(topics)]
		fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>
<p>%s councillors argued about %s for three hours on Monday night.</p><div class="support"><p>%s</p></div>
<p>A vote on %s in %s is expected before the end of %s.</p></article></body></html>`,
			r.URL.Path, r.URL.Path, who, what, box, what, who, r.URL.Path)
	})
	ctx := context.Background()
	var last CheckResult
	for i := range 12 {
		a, _, err := f.st.AddArticle(ctx, model.Article{OutletID: f.a.OutletID, URL: fmt.Sprintf("%s/story-%d", f.srv.URL, i),
			FirstSeen: f.now, NextCheck: f.now, State: model.StateActive})
		if err != nil {
			t.Fatal(err)
		}
		if last, err = f.e.CheckArticle(ctx, a); err != nil || last.Version == nil {
			t.Fatalf("first check of article %d: %v %v", i, last.Outcome, err)
		}
	}
	learned, err := f.st.OutletFurniture(ctx, f.a.OutletID)
	if err != nil {
		t.Fatal(err)
	}
	var template []string
	for _, l := range learned {
		if l.Origin == "template" {
			template = append(template, l.Key)
		}
	}
	if len(template) != 1 || template[0] != "Support local journalism: # readers gave this month." {
		t.Fatalf("template %q, want the support box alone", template)
	}
	if strings.Contains(last.Version.Text, "Support local journalism") {
		t.Errorf("a later article kept the template:\n%s", last.Version.Text)
	}
	if !strings.Contains(last.Version.Text, "councillors argued") {
		t.Errorf("a later article lost its prose:\n%s", last.Version.Text)
	}
}

var (
	towns  = []string{"Lakeview", "Millbrook", "Harlow", "Cedar Falls", "Port Ellery", "Fairhaven", "Riverton"}
	topics = []string{"the budget", "the bus depot", "a new school", "parking fees", "the harbour wall"}
)
