package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/errata/errata/internal/extract/benchmark/corpus"
	"github.com/errata/errata/internal/extract/benchmark/score"
)

// bootstrapSeed fixes the ± figures so two runs print the same table.
const bootstrapSeed = 1

// row is one line of the table: a measured peer, a published output, or a
// peer that could not run (err).
type row struct {
	name     string
	metrics  score.Metrics
	run      run
	measured bool
	err      error
}

func scoreRow(name string, truth map[string]string, r run, err error) row {
	rw := row{name: name, run: r, measured: r.Seconds > 0, err: err}
	if err != nil {
		return rw
	}
	rw.metrics, rw.err = score.Evaluate(truth, r.output, bootstrapSeed)
	return rw
}

// printTable prints measured peers first, then published outputs, each by
// F1; peers that could not run close the table with their reason.
func printTable(w io.Writer, rows []row) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.err == nil) != (b.err == nil) {
			return a.err == nil
		}
		if a.measured != b.measured {
			return a.measured
		}
		return a.metrics.F1 > b.metrics.F1
	})
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "extractor\tF1\tprecision\trecall\taccuracy\tpages/s\tMB/s\tpeak RSS\t")
	for _, r := range rows {
		if r.err != nil {
			continue
		}
		m := r.metrics
		fmt.Fprintf(tw, "%s\t%.3f ± %.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\t\n", r.name, m.F1, m.F1Std,
			m.Precision, m.Recall, m.Accuracy, speed(r, pagesPerSec), speed(r, mbPerSec), rss(r))
	}
	tw.Flush()
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(w, "%s: not run: %s\n", r.name, strings.TrimSpace(r.err.Error()))
		}
	}
}

func pagesPerSec(r run) float64 { return float64(r.Pages) / r.Seconds }
func mbPerSec(r run) float64    { return float64(r.Bytes) / 1e6 / r.Seconds }

func speed(r row, f func(run) float64) string {
	if !r.measured {
		return "n/a"
	}
	return fmt.Sprintf("%.1f", f(r.run))
}

func rss(r row) string {
	if !r.measured || r.run.maxRSS == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d MB", r.run.maxRSS>>20)
}

func corpusBytes(rows []row) int64 {
	for _, r := range rows {
		if r.measured {
			return r.run.Bytes
		}
	}
	return 0
}

// printHalves prints F1, precision and recall of every scored row on each
// half of the corpus, in the table's order.
func printHalves(w io.Writer, c *corpus.Corpus, rows []row) {
	truth := c.Bodies()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "extractor\thalf\tpages\tF1\tprecision\trecall\t")
	for _, r := range rows {
		if r.err != nil {
			continue
		}
		for _, half := range []string{corpus.SplitDev, corpus.SplitTest} {
			t := c.Restrict(truth, half)
			m, err := score.Evaluate(t, c.Restrict(r.run.output, half), bootstrapSeed)
			if err != nil {
				continue
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t\n", r.name, half, len(t), m.F1, m.Precision, m.Recall)
		}
	}
	tw.Flush()
}
