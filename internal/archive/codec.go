package archive

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// level is the zstd level of new blobs. Packing sits on the path of every
// changed-page check, whose cost must stay close to extraction alone; the
// default level packs pages smaller than gzip's BestSpeed did at a cost
// of the same order (BenchmarkPack; BenchmarkStorage in store).
const level = zstd.SpeedDefault

// codecConcurrency bounds the encoder and decoder states each codec keeps
// (several hundred KB each); more at once wait for one.
const codecConcurrency = 2

// window bounds how far back an encoder looks, and so its memory: a
// dictionary's encoder and decoder, two states each, took 22 MB at the
// default window with lower-memory mode off, 6 MB with them. News pages
// are a few hundred KB, well inside.
const window = 1 << 20

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// The dictionary-less codecs are built once: each holds compressor state
// whose allocation would cost as much as packing a news page.
var (
	plainEncoder = sync.OnceValue(func() *zstd.Encoder { return mustEncoder() })
	plainDecoder = sync.OnceValue(func() *zstd.Decoder { return mustDecoder() })
)

func encoderOptions(extra ...zstd.EOption) []zstd.EOption {
	return append([]zstd.EOption{
		zstd.WithEncoderLevel(level),
		zstd.WithEncoderConcurrency(codecConcurrency),
		zstd.WithEncoderCRC(false), // the SHA-256 address already checks every body
		zstd.WithLowerEncoderMem(true),
		zstd.WithWindowSize(window),
	}, extra...)
}

func decoderOptions(extra ...zstd.DOption) []zstd.DOption {
	return append([]zstd.DOption{
		zstd.WithDecoderConcurrency(codecConcurrency),
		zstd.WithDecoderMaxMemory(MaxBlobSize),
		zstd.WithDecoderMaxWindow(MaxBlobSize),
		zstd.WithDecoderLowmem(true),
	}, extra...)
}

func mustEncoder() *zstd.Encoder {
	enc, err := zstd.NewWriter(nil, encoderOptions()...)
	if err != nil {
		panic(err) // the options are constants
	}
	return enc
}

func mustDecoder() *zstd.Decoder {
	dec, err := zstd.NewReader(nil, decoderOptions()...)
	if err != nil {
		panic(err) // the options are constants
	}
	return dec
}

func pack(enc *zstd.Encoder, body []byte) (string, []byte, error) {
	if len(body) > MaxBlobSize {
		return "", nil, fmt.Errorf("archive: pack: %w: %d bytes, limit %d", ErrTooLarge, len(body), MaxBlobSize)
	}
	return Hash(body), enc.EncodeAll(body, make([]byte, 0, len(body)/4)), nil
}

// decode tells the blob's form by its magic bytes and decompresses it.
func decode(blob []byte, dicts Dicts) ([]byte, error) {
	switch {
	case bytes.HasPrefix(blob, zstdMagic):
		return decodeZstd(blob, dicts)
	case bytes.HasPrefix(blob, gzipMagic):
		return inflate(bytes.NewReader(blob))
	default:
		return nil, errors.New("neither zstd nor gzip")
	}
}

func decodeZstd(blob []byte, dicts Dicts) ([]byte, error) {
	var h zstd.Header
	if err := h.Decode(blob); err != nil {
		return nil, err
	}
	dec := plainDecoder()
	if h.DictionaryID != 0 {
		if dicts == nil {
			return nil, fmt.Errorf("%w: blob needs dictionary %d", ErrNoDict, h.DictionaryID)
		}
		d, err := dicts.Dict(h.DictionaryID)
		if err != nil {
			return nil, fmt.Errorf("%w: dictionary %d: %w", ErrNoDict, h.DictionaryID, err)
		}
		if dec, err = d.decoder(); err != nil {
			return nil, err
		}
	}
	return dec.DecodeAll(blob, nil)
}

// inflate decompresses a gzip blob, kept before blobs were zstd, refusing
// more than MaxBlobSize bytes.
func inflate(r io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	body, err := io.ReadAll(io.LimitReader(zr, MaxBlobSize+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBlobSize {
		return nil, fmt.Errorf("inflates beyond %d bytes", MaxBlobSize)
	}
	return body, nil
}
