package main

import "testing"

func TestTerminalSafe_NeutralisesControlsAndBidi(t *testing.T) {
	for in, want := range map[string]string{
		"Join 1,204 readers":    "Join 1,204 readers",
		"\x1b]0;pwned\x07title": "\uFFFD]0;pwned\uFFFDtitle",
		"abc\u202Edef":          "abc\uFFFDdef",
		"x\u0085y\u2067z":       "x\uFFFDy\uFFFDz",
		"Zürich — “quoted” 東京":  "Zürich — “quoted” 東京",
	} {
		if got := terminalSafe(in); got != want {
			t.Errorf("terminalSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
