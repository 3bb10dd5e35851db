package queue

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestRiverLogger_RoutineLinesAtDebug: River's INFO lines are logged at
// DEBUG, so an INFO log does not show them; warnings and errors stay.
func TestRiverLogger_RoutineLinesAtDebug(t *testing.T) {
	for _, tt := range []struct {
		level slog.Level
		want  []string
		not   []string
	}{
		{slog.LevelInfo, []string{"level=WARN msg=\"lost leadership\"", "level=ERROR msg=\"job failed\""}, []string{"River client started", "Producer job counts"}},
		{slog.LevelDebug, []string{"level=DEBUG msg=\"River client started\"", "level=DEBUG msg=\"producer: Producer job counts\"", "level=WARN", "level=ERROR"}, nil},
	} {
		var b bytes.Buffer
		log := riverLogger(slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: tt.level}))).With("client", "c1")
		log.Info("River client started")
		log.Info("producer: Producer job counts", "running", 1)
		log.Warn("lost leadership")
		log.Error("job failed")
		out := b.String()
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("at %s: log lacks %q:\n%s", tt.level, w, out)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(out, n) {
				t.Errorf("at %s: log shows %q:\n%s", tt.level, n, out)
			}
		}
	}
}
