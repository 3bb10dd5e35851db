package revise

import (
	"strings"

	"github.com/errata/errata/internal/furniture"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// revertChecks is how many checks in a row must serve an earlier version's
// content (counting the current one) before it is taken as a genuine
// revert rather than cache flip-flop.
const revertChecks = 3

// lossShare: a candidate keeping less than this share of the latest
// version's words has lost most of its text. An outage page, a consent
// wall or a half-delivered body served with status 200 looks like that, so
// such a loss is recorded only once it is served consistently.
const lossShare = 0.5

// ClassLargeLoss marks a version that kept less than half of the previous
// version's text, recorded once the loss was served consistently.
const ClassLargeLoss = "large_loss"

// Decision is the outcome of one check's content and, for
// OutcomeNewVersion, the version to record.
type Decision struct {
	Outcome model.Outcome
	Version *model.Version
}

// Decide compares a candidate extraction to an article's history.
//
// versions are all versions oldest first (may be empty); recent are the
// article's latest checks, newest first, without the current one. cand
// carries Title, Byline, Published, Text, FetchedAt, CaptureHash and
// Extractor; Decide fills Hash, Seq, Classes, Added, Removed and ArticleID.
//
// Rules (DESIGN.md "Policies"):
//   - no versions: new version 0, no classes, every word counted as added;
//   - same hash as the latest version: unchanged;
//   - same hash as an earlier version: flip-flop, unless the previous
//     revertChecks-1 checks were flip-flops to this same hash, in which
//     case the outlet really reverted and a new version is recorded;
//   - (Sudden, which the caller asks first, holds back large losses and
//     large changes); a version that keeps less than half of the latest
//     version's words has the class large_loss;
//   - otherwise a new version numbered latest.Seq+1, classified against
//     the latest version.
func Decide(versions []model.Version, recent []model.Check, cand model.Version) Decision {
	cand.Hash = Hash(cand.Title, cand.Byline, cand.Text)
	if len(versions) == 0 {
		return first(cand)
	}
	if o := Peek(versions, recent, cand); o != model.OutcomeNewVersion {
		return Decision{Outcome: o}
	}
	latest := versions[len(versions)-1]
	d := next(latest, cand)
	if lostMost(latest, cand) {
		d.Version.Classes = append(d.Version.Classes, ClassLargeLoss)
	}
	return d
}

// Peek returns the outcome Decide would give, without the cost of building
// and classifying a new version.
func Peek(versions []model.Version, recent []model.Check, cand model.Version) model.Outcome {
	if len(versions) == 0 {
		return model.OutcomeNewVersion
	}
	hash := Hash(cand.Title, cand.Byline, cand.Text)
	latest := versions[len(versions)-1]
	switch {
	case hash == hashOf(latest):
		return model.OutcomeUnchanged
	case matchesEarlier(versions[:len(versions)-1], hash) && !consistentRevert(recent, hash):
		return model.OutcomeFlipFlop
	}
	return model.OutcomeNewVersion
}

// Sudden holds back a change that is too large to take from one check:
// a candidate keeping less than half of base's words (large loss) or
// adding or removing more than a fifth of them (large change) is recorded
// only when the previous check served the same text with the same
// outcome. base is the latest version as the current extractor reads its
// capture; cand the candidate, confirmed and stripped of furniture.
func Sudden(base, cand model.Version, recent []model.Check) model.Outcome {
	hash := Hash(cand.Title, cand.Byline, cand.Text)
	switch {
	case lostMost(base, cand):
		if !consistentAs(recent, model.OutcomeLargeLoss, hash) {
			return model.OutcomeLargeLoss
		}
	case rewroteMuch(base, cand):
		if !consistentAs(recent, model.OutcomeLargeChange, hash) {
			return model.OutcomeLargeChange
		}
	case numbersOnly(base, cand):
		if !consistentAs(recent, model.OutcomeNumbersOnly, hash) {
			return model.OutcomeNumbersOnly
		}
	}
	return model.OutcomeNewVersion
}

// numbersOnly reports whether cand differs from base only by the numbers
// in short blocks ("3 / 4", "2,061 comments", "Updated 5 minutes ago"):
// counters the page ticks, unless the next check serves the same numbers.
func numbersOnly(base, cand model.Version) bool {
	if base.Title != cand.Title || base.Byline != cand.Byline {
		return false
	}
	gone, added := blockDelta(base.Text, cand.Text)
	if len(gone) == 0 || len(gone) != len(added) {
		return false
	}
	masks := map[string]int{}
	for _, p := range gone {
		if len(strings.Fields(p)) > furniture.MaxCounterWords {
			return false
		}
		masks[furniture.Mask(p)]++
	}
	for _, p := range added {
		if masks[furniture.Mask(p)] == 0 {
			return false
		}
		masks[furniture.Mask(p)]--
	}
	return true
}

// blockDelta returns the paragraphs of a missing from b and those of b
// missing from a, counted as multisets.
func blockDelta(a, b string) (gone, added []string) {
	have := map[string]int{}
	for _, p := range strings.Split(a, "\n\n") {
		have[p]++
	}
	for _, p := range strings.Split(b, "\n\n") {
		if have[p] > 0 {
			have[p]--
		} else {
			added = append(added, p)
		}
	}
	for _, p := range strings.Split(a, "\n\n") {
		if have[p] > 0 {
			have[p]--
			gone = append(gone, p)
		}
	}
	return gone, added
}

// changeShare: a candidate that adds or removes more than this share of
// the latest version's words is a large change. Outlets make such changes
// (a developing story rewritten), but so does an extractor that takes
// another block of a page now and then; waiting for the next check to
// serve the same text tells them apart, at the cost of one check's delay.
const changeShare = 0.2

// minLargeChange is the fewest words a large change adds or removes: a
// sentence added to a three-paragraph brief is a fifth of it, and no
// extractor's stray block is that small.
const minLargeChange = 30

// rewroteMuch reports whether cand adds or removes more than changeShare
// of latest's words, counted as multisets (a moved paragraph changes no
// word).
func rewroteMuch(latest, cand model.Version) bool {
	before := strings.Fields(latest.Text)
	if len(before) == 0 {
		return false
	}
	bag := make(map[string]int, len(before))
	for _, w := range before {
		bag[w]++
	}
	added := 0
	after := strings.Fields(cand.Text)
	for _, w := range after {
		if bag[w] > 0 {
			bag[w]--
		} else {
			added++
		}
	}
	removed := len(before) - (len(after) - added)
	changed := max(added, removed)
	return changed >= minLargeChange && float64(changed) > changeShare*float64(len(before))
}

// lostMost reports whether cand keeps less than lossShare of latest's
// words.
func lostMost(latest, cand model.Version) bool {
	before := len(strings.Fields(latest.Text))
	return before > 0 && float64(len(strings.Fields(cand.Text))) < lossShare*float64(before)
}

// consistentAs reports whether the previous check already served the same
// content with outcome o: with the current one (itself confirmed by a
// second fetch), it has then been served on two checks in a row.
func consistentAs(recent []model.Check, o model.Outcome, hash string) bool {
	return len(recent) > 0 && recent[0].Outcome == o && recent[0].Hash == hash
}

// first makes version 0: there is nothing to compare with, so no classes.
func first(cand model.Version) Decision {
	r := diff.Compare(diff.Doc{}, doc(cand))
	cand.Seq = 0
	cand.Classes = nil
	cand.Added, cand.Removed = r.Added, 0
	return Decision{Outcome: model.OutcomeNewVersion, Version: &cand}
}

// next makes the version after latest, classified against it.
func next(latest, cand model.Version) Decision {
	r := diff.Compare(doc(latest), doc(cand))
	cand.Seq = latest.Seq + 1
	cand.ArticleID = latest.ArticleID
	cand.Classes = classNames(r.Classes)
	cand.Added, cand.Removed = r.Added, r.Removed
	return Decision{Outcome: model.OutcomeNewVersion, Version: &cand}
}

// hashOf is v's stored hash, computed when a caller left it empty.
func hashOf(v model.Version) string {
	if v.Hash != "" {
		return v.Hash
	}
	return Hash(v.Title, v.Byline, v.Text)
}

func matchesEarlier(earlier []model.Version, hash string) bool {
	for _, v := range earlier {
		if hashOf(v) == hash {
			return true
		}
	}
	return false
}

// consistentRevert reports whether the latest revertChecks-1 checks were
// flip-flops serving hash: with the current check that makes revertChecks
// consistent servings in a row.
func consistentRevert(recent []model.Check, hash string) bool {
	need := revertChecks - 1
	if len(recent) < need {
		return false
	}
	for _, c := range recent[:need] {
		if c.Outcome != model.OutcomeFlipFlop || c.Hash != hash {
			return false
		}
	}
	return true
}

func doc(v model.Version) diff.Doc {
	return diff.Doc{Title: v.Title, Byline: v.Byline, Text: v.Text, Modified: v.Modified}
}

func classNames(cs []diff.Class) []string {
	if len(cs) == 0 {
		return nil
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}
