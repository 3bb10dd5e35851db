package archive

import (
	"fmt"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/zstd"
)

// A delta is body packed as a zstd frame whose history starts with base,
// as zstd's own --patch-from makes them: what body shares with base costs
// a few bytes a match, what it adds is compressed as usual. One version
// of an article against the one before it, or a page against the same
// page fetched earlier, packs to a small part of itself.
//
// The frame names no dictionary (ID 0), so only a caller that knows which
// base it was packed against can read it: the base is stored beside it.

// deltaEncoders and deltaDecoders are pooled: each holds compressor
// state worth hundreds of kilobytes, and the base changes on every use.
// Deltas are packed at zstd's fastest level: the base's match table is
// built again for every delta, and on real article bodies the default
// level took 9 times as long (BenchmarkDelta_RealText: 600 against 70
// µs a body) for deltas no smaller (123 bytes of 5,172).
var (
	deltaEncoders = sync.Pool{New: func() any {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1),
			zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(window))
		if err != nil {
			panic(err) // the options are constants
		}
		return enc
	}}
	deltaDecoders = sync.Pool{New: func() any {
		dec, err := zstd.NewReader(nil, decoderOptions(zstd.WithDecoderConcurrency(1))...)
		if err != nil {
			panic(err) // the options are constants
		}
		return dec
	}}
)

// PackDelta packs body against base. The frame keeps zstd's checksum, so
// a delta read against the wrong base fails instead of giving another
// text.
func PackDelta(base, body []byte) ([]byte, error) {
	if len(body) > MaxBlobSize {
		return nil, fmt.Errorf("archive: pack delta: %w: %d bytes, limit %d", ErrTooLarge, len(body), MaxBlobSize)
	}
	enc := deltaEncoders.Get().(*zstd.Encoder)
	defer deltaEncoders.Put(enc)
	if err := enc.ResetWithOptions(nil, zstd.WithEncoderDictRaw(0, base)); err != nil {
		return nil, fmt.Errorf("archive: pack delta: %w", err)
	}
	return enc.EncodeAll(body, make([]byte, 0, 64+len(body)/8)), nil
}

// UnpackDelta reads a delta PackDelta made against base.
func UnpackDelta(base, delta []byte) ([]byte, error) {
	dec := deltaDecoders.Get().(*zstd.Decoder)
	defer deltaDecoders.Put(dec)
	if err := dec.ResetWithOptions(nil, zstd.WithDecoderDictRaw(0, base)); err != nil {
		return nil, fmt.Errorf("archive: unpack delta: %w", err)
	}
	body, err := dec.DecodeAll(delta, nil)
	if err != nil {
		return nil, fmt.Errorf("archive: unpack delta: %w", err)
	}
	return body, nil
}

// UnpackDeltaString is UnpackDelta for a text: it reads base in place and
// hands the unpacked bytes over as the string, where the conversions
// each way had copied every text an export reads twice. Both are sound:
// the decoder only reads its dictionary, and the unpacked bytes are new
// and referenced by nothing else.
func UnpackDeltaString(base string, delta []byte) (string, error) {
	body, err := UnpackDelta(unsafe.Slice(unsafe.StringData(base), len(base)), delta)
	if err != nil || len(body) == 0 {
		return "", err
	}
	return unsafe.String(unsafe.SliceData(body), len(body)), nil
}
