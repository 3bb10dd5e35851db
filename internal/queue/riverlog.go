package queue

import (
	"context"
	"log/slog"
)

// riverLogger is the log River writes to: its routine lines ("River
// client started", producers' job counts, maintenance services' runs,
// migrations) come at INFO every few seconds and say nothing an operator
// acts on, so everything below WARN is logged at DEBUG. Warnings and
// errors keep their level.
func riverLogger(log *slog.Logger) *slog.Logger {
	return slog.New(demoted{log.Handler()})
}

// demoted lowers records under WARN to DEBUG.
type demoted struct{ h slog.Handler }

func demote(l slog.Level) slog.Level {
	if l < slog.LevelWarn {
		return slog.LevelDebug
	}
	return l
}

func (d demoted) Enabled(ctx context.Context, l slog.Level) bool {
	return d.h.Enabled(ctx, demote(l))
}

func (d demoted) Handle(ctx context.Context, r slog.Record) error {
	r.Level = demote(r.Level)
	return d.h.Handle(ctx, r)
}

func (d demoted) WithAttrs(attrs []slog.Attr) slog.Handler {
	return demoted{d.h.WithAttrs(attrs)}
}

func (d demoted) WithGroup(name string) slog.Handler {
	return demoted{d.h.WithGroup(name)}
}
