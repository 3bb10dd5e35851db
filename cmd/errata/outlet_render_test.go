package main

import "testing"

func TestOutlet_RenderModeRoundTrip(t *testing.T) {
	data := trackedOutlet(t)
	runSteps(t, data, []cliStep{
		{"plain by default", []string{"outlet", "Daily Planet"}, exitOK, []string{"fetch     http"}, []string{"--render browser"}},
		{"switch to the browser", []string{"outlet", "daily planet", "--render", "browser"}, exitOK, []string{"fetch     browser"}, nil},
		{"kept", []string{"outlet", "Daily Planet"}, exitOK, []string{"fetch     browser"}, nil},
		{"back to plain", []string{"outlet", "Daily Planet", "--render", "http"}, exitOK, []string{"fetch     http"}, nil},
		{"unknown mode", []string{"outlet", "Daily Planet", "--render", "lynx"}, exitUsage, []string{`--render "lynx": use http or browser`}, nil},
		{"mode without a name", []string{"outlet", "--render", "browser"}, exitUsage, []string{"name the outlet"}, nil},
	})
}
