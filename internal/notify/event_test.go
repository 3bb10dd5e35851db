package notify

import (
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestBuildEvent_SaysWhatHappenedEscaped(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	p, err := BuildEvent(Lifecycle{
		Outlet: "Evil <b>Outlet</b>", ArticleURL: "https://planet.example/new-<script>alert(1)</script>",
		Title: `<script>alert(2)</script> "Mayor"`, BaseURL: "https://errata.example/",
		Event: model.Event{ID: 7, ArticleID: 3, Kind: model.EventMoved, At: at, Seq: model.NoSeq,
			OldURL: "javascript:alert(3)", NewURL: "https://planet.example/new-<script>alert(1)</script>"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.Event != "moved" || p.EventID != 7 || p.EventURL != "https://errata.example/articles/3#event-7" ||
		p.VersionID != 0 || p.ServedSeq != nil || len(p.Classes) != 0 || p.Classes == nil {
		t.Fatalf("payload %+v", p)
	}
	for _, raw := range []string{"<script>", "<b>Outlet", `href="javascript:`} {
		if strings.Contains(p.HTML, raw) {
			t.Errorf("HTML holds %q raw:\n%s", raw, p.HTML)
		}
	}
	mustHave := []string{"moved to a new URL", "javascript:alert(3)", "https://errata.example/articles/3#event-7"}
	for _, s := range mustHave {
		if !strings.Contains(p.Text, s) {
			t.Errorf("text lacks %q:\n%s", s, p.Text)
		}
	}
	if got := subject(p); got != `[errata] Evil <b>Outlet</b> moved: <script>alert(2)</script> "Mayor"` {
		t.Errorf("subject %q", got)
	}
}

func TestBuildEvent_FlipFlopNamesTheVersionServedAgain(t *testing.T) {
	p, err := BuildEvent(Lifecycle{Outlet: "Daily", ArticleURL: "https://d.example/a", Title: "Budget",
		BaseURL: "https://errata.example", Event: model.Event{ID: 9, ArticleID: 4, Kind: model.EventFlipFlop, Seq: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if p.ServedSeq == nil || *p.ServedSeq != 1 || p.VersionURL != "https://errata.example/articles/4/v/1" ||
		!strings.Contains(p.Text, "version 1 served again") {
		t.Fatalf("payload %+v", p)
	}
}
