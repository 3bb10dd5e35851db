package schedule

import (
	"math"
	"time"
)

// jitter spreads d by up to ±frac of itself, deterministically: the offset
// is a hash of id and at, so tests can pin it and concurrent workers agree,
// while articles found in the same instant still fan out.
func jitter(d time.Duration, frac float64, id int64, at time.Time) time.Duration {
	if !(frac > 0) {
		return d
	}
	frac = min(frac, maxJitter)
	u := float64(mix(uint64(id), uint64(at.UnixNano()))>>11) / (1 << 53) // [0, 1)
	offset := float64(d) * frac * (2*u - 1)
	out := float64(d) + offset
	if out >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(out)
}

// mix combines two words with the SplitMix64 finaliser, which is enough to
// make neighbouring ids and times land far apart.
func mix(a, b uint64) uint64 {
	x := a*0x9e3779b97f4a7c15 ^ b
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
