package stories

// Verification of a candidate pair. The shared fraction is the number of
// shingles both texts have over the shingles of the smaller one
// (containment): a reprint keeps most of the agency text even when it is
// trimmed or padded with furniture and local paragraphs, and counting over
// the smaller text keeps the padding of one copy from diluting it.
const (
	// CopyThreshold: half the smaller text in common. Independent reports
	// of one event share quotes, names and stock phrases, in practice well
	// under a fifth of their 5-word shingles; a copy that kept less than
	// half of the other's text has become a different article.
	CopyThreshold = 0.5
	// MinSharedShingles: at least a short paragraph's worth (about 25
	// words) in common, so two briefs that share one stock sentence or a
	// credit line are never taken for copies, whatever their fraction.
	MinSharedShingles = 20
)

// Print is what copy detection keeps of one text.
type Print struct {
	Shingles []uint64 // sorted, distinct
	Sig      Signature
}

// NewPrint fingerprints a text given as paragraphs.
func NewPrint(paragraphs []string) Print {
	sh := Shingles(paragraphs)
	return Print{Shingles: sh, Sig: Sign(sh)}
}

// BandKeys returns the text's LSH keys; a text without words has none.
func (p Print) BandKeys() []int64 {
	if len(p.Shingles) == 0 {
		return nil
	}
	return p.Sig.BandKeys()
}

// Shared returns the shared fraction of two texts and the number of
// shingles they share.
func Shared(a, b Print) (fraction float64, shared int) {
	small := min(len(a.Shingles), len(b.Shingles))
	if small == 0 {
		return 0, 0
	}
	n := intersect(a.Shingles, b.Shingles)
	return float64(n) / float64(small), n
}

// IsCopy says whether two texts are copies of one text.
func IsCopy(a, b Print) (bool, float64) {
	f, n := Shared(a, b)
	return n >= MinSharedShingles && f >= CopyThreshold, f
}
