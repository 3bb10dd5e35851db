package stories

import "math"

// LSH banding. A pair whose shingle sets have Jaccard resemblance s shares
// at least one band key with probability 1-(1-s^Rows)^Bands:
//
//	s = 0.50 (shared fraction of the union) -> 0.9999 (target: >= 0.99)
//	s = 1/3  (half of each of two equal texts) -> 0.977
//	s = 0.25 (a copy trimmed to a quarter)     -> 0.873
//	s = 0.02 (unrelated texts sharing stock phrases) -> 0.013
//
// Two rows per band keep trimmed copies (whose resemblance falls with
// every paragraph cut) findable; 32 bands push the 0.5 case far past the
// 0.99 target. Every candidate is verified exactly, so the price of the
// low row count is only an occasional extra comparison.
const (
	Bands     = 32
	Rows      = 2
	NumHashes = Bands * Rows
)

// Signature is a text's MinHash signature: for each of NumHashes fixed
// hash functions, the least hash of any of its shingles.
type Signature [NumHashes]uint64

// Sign computes the signature of a sorted set of shingles. An empty set
// has the all-ones signature, whose band keys Print leaves out.
func Sign(shingles []uint64) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	for _, s := range shingles {
		for i := range sig {
			if h := mix(s ^ hashSeeds[i]); h < sig[i] {
				sig[i] = h
			}
		}
	}
	return sig
}

// BandKeys returns one key per band: the hash of the band's number and
// its rows, so equal rows in different bands never collide.
func (s Signature) BandKeys() []int64 {
	keys := make([]int64, Bands)
	for b := range Bands {
		h := mix(uint64(b) + 1)
		for r := range Rows {
			h = mix(h ^ s[b*Rows+r])
		}
		// Stored as a signed 64-bit integer: both SQL dialects index it.
		keys[b] = int64(h)
	}
	return keys
}

// mix is splitmix64's finaliser: a fixed bijection that makes the
// NumHashes hash functions (x XOR seed, mixed) independent enough for
// MinHash.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hashSeeds are the fixed seeds of the signature's hash functions. They
// are derived, not random, so every process computes the same keys.
var hashSeeds = func() [NumHashes]uint64 {
	var s [NumHashes]uint64
	x := uint64(0x6572726174610000) // "errata"
	for i := range s {
		x = mix(x)
		s[i] = x
	}
	return s
}()
