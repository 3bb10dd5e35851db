// Package export writes what the store holds in formats other programs
// read. It only reads the store.
package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// pageSize is how many articles one store query reads while exporting.
const pageSize = 500

// Article is one line of the JSONL export; its keys are a contract that
// scripts outside errata depend on.
type Article struct {
	URL       string    `json:"url"`
	Outlet    string    `json:"outlet"`
	FirstSeen string    `json:"first_seen"`
	Checks    int       `json:"checks"`
	Versions  []Version `json:"versions"`
	// Story is the id of the article's story, Wire of its group of copies
	// of one text (both null when none); WireOrigin marks the copy taken
	// as the group's origin.
	Story      *int64 `json:"story"`
	Wire       *int64 `json:"wire"`
	WireOrigin bool   `json:"wire_origin"`
}

// Version is one version in the JSONL export, oldest first, seq from 0.
type Version struct {
	Seq       int    `json:"seq"`
	FetchedAt string `json:"fetched_at"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	Text      string `json:"text"`
	Hash      string `json:"hash"`
}

// JSONL writes one article a line, in the order articles were first seen.
// It returns how many articles it wrote.
func JSONL(ctx context.Context, st *store.Store, w io.Writer) (int, error) {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	outlets := map[int64]string{}
	n := 0
	for after := int64(0); ; {
		arts, err := st.Articles(ctx, after, pageSize)
		if err != nil {
			return n, err
		}
		if len(arts) == 0 {
			break
		}
		for _, a := range arts {
			line, err := articleLine(ctx, st, a, outlets)
			if err != nil {
				return n, err
			}
			if err := enc.Encode(line); err != nil {
				return n, fmt.Errorf("export: %w", err)
			}
			n++
		}
		after = arts[len(arts)-1].ID
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

func articleLine(ctx context.Context, st *store.Store, a model.Article, outlets map[int64]string) (Article, error) {
	name, ok := outlets[a.OutletID]
	if !ok {
		o, err := st.Outlet(ctx, a.OutletID)
		if err != nil {
			return Article{}, err
		}
		name = o.Name
		outlets[a.OutletID] = name
	}
	checks, err := st.CountChecks(ctx, a.ID)
	if err != nil {
		return Article{}, err
	}
	vs, err := st.Versions(ctx, a.ID)
	if err != nil {
		return Article{}, err
	}
	line := Article{URL: a.URL, Outlet: name, FirstSeen: rfc3339(a.FirstSeen), Checks: checks, Versions: make([]Version, 0, len(vs))}
	story, wire, origin, err := st.ArticleStory(ctx, a.ID)
	if err != nil {
		return Article{}, err
	}
	if story != 0 {
		line.Story = &story
	}
	if wire != 0 {
		line.Wire = &wire
	}
	line.WireOrigin = origin
	for _, v := range vs {
		line.Versions = append(line.Versions, Version{
			Seq: v.Seq, FetchedAt: rfc3339(v.FetchedAt), Title: v.Title, Byline: v.Byline,
			Published: rfc3339(v.Published), Text: v.Text, Hash: v.Hash,
		})
	}
	return line, nil
}

// rfc3339 formats a time in UTC, or "" for an unknown time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
