package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/errata/errata/internal/newsroom"
)

// demoStateFile, in a demo's data directory, remembers the simulated
// newsroom the data was recorded from.
const demoStateFile = "demo.json"

// demoState is what a kept demo data directory remembers of its newsroom:
// the same epoch and pace replay the same articles, and the same
// addresses serve them at the URLs errata tracks. Without it a second
// demo on the data would find every tracked URL refusing connections.
type demoState struct {
	Epoch        time.Time `json:"epoch"`
	StepInterval string    `json:"step_interval"`
	Step         int       `json:"step"`
	Addrs        []string  `json:"addrs"` // one per outlet, in order
}

// loadDemoState reads dir's demo state; ok is false when there is none.
func loadDemoState(dir string) (demoState, bool, error) {
	var s demoState
	b, err := os.ReadFile(filepath.Join(dir, demoStateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, false, nil
	}
	if err != nil {
		return s, false, fmt.Errorf("demo: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, false, fmt.Errorf("demo: %s is damaged (%v); start the demo with a new --data directory", filepath.Join(dir, demoStateFile), err)
	}
	return s, true, nil
}

// save writes the state beside the data, replacing the file whole.
func (s demoState) save(dir string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	f, err := createOut(filepath.Join(dir, demoStateFile))
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Abort()
		return f.Named(err)
	}
	return f.Commit()
}

// demoNewsroom builds the newsroom for a demo data directory: the one the
// data came from, replayed to the step it had reached, or a new one for a
// directory without errata data. Data that no demo recorded is refused:
// its URLs are not the newsroom's.
func demoNewsroom(dir string, step time.Duration) (*newsroom.Newsroom, demoState, error) {
	s, ok, err := loadDemoState(dir)
	if err != nil {
		return nil, s, err
	}
	if !ok {
		if _, err := os.Stat(filepath.Join(dir, "errata.db")); err == nil {
			return nil, s, fmt.Errorf("demo: %s holds errata data that no demo of this errata recorded; give the demo a new --data directory, or none", dir)
		}
		s = demoState{Epoch: time.Now().UTC(), StepInterval: step.String()}
	}
	interval, err := time.ParseDuration(s.StepInterval)
	if err != nil || interval <= 0 {
		return nil, s, fmt.Errorf("demo: %s is damaged (step interval %q); start the demo with a new --data directory", filepath.Join(dir, demoStateFile), s.StepInterval)
	}
	nr := newsroom.New(newsroom.Config{Endless: true, SharedStories: true, Epoch: s.Epoch, StepInterval: interval, Addrs: s.Addrs})
	if err := nr.Start(); err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, s, fmt.Errorf("demo: the newsroom of the data in %s served on %s, now in use by another program; stop it, or give the demo a new --data directory", dir, strings.Join(s.Addrs, ", "))
		}
		return nil, s, err
	}
	for range s.Step {
		nr.Advance()
	}
	var addrs []string
	for _, o := range nr.Outlets() {
		addrs = append(addrs, strings.TrimPrefix(o.BaseURL, "http://"))
	}
	s.Addrs = addrs
	return nr, s, nil
}
