package archive

import (
	"errors"
	"fmt"
	"sync"

	"github.com/klauspost/compress/dict"
	"github.com/klauspost/compress/zstd"
)

const (
	// MinDictSamples is the fewest bodies a dictionary is trained on: from
	// fewer, what one page happens to say is taken for what the site
	// always says.
	MinDictSamples = 16
	// maxDictSize bounds a dictionary, the size zstd's own trainer picks
	// by default. Every decoder of it keeps it in memory.
	maxDictSize = 112 << 10
	// dictHashBytes is the shortest run the trainer counts as repeated.
	dictHashBytes = 6
	// trainChunk is the most of a sample the trainer is given as one:
	// its encoder takes each as a single zstd block (at most 128 KB) and
	// fails on a longer one.
	trainChunk = 64 << 10
	// maxTrainBytes bounds the samples a dictionary is trained on. On the
	// storage benchmark's real pages 2 MB packed as small as 4 and 8 MB
	// did, and trained two to three times faster.
	maxTrainBytes = 2 << 20
)

// Dict is a zstd dictionary trained on one outlet's pages. What the site
// repeats on every page (markup, navigation, scripts, footers) is in it,
// so a blob packed with it keeps little more than what the page adds.
// Its ID is written in every blob packed with it, which is how Unpack
// finds it again.
type Dict struct {
	id  uint32
	raw []byte
	// encoders holds a few megabytes each, so they are pooled and left to
	// the garbage collector between packs: a store keeps dictionaries of
	// many outlets to read, and packs with few of them at a time.
	encoders sync.Pool
	decoder  func() (*zstd.Decoder, error)
}

// Dicts finds the dictionary a blob names.
type Dicts interface {
	Dict(id uint32) (*Dict, error)
}

// ParseDict reads a dictionary in zstd's dictionary format, as TrainDict
// makes them and Bytes returns them.
func ParseDict(raw []byte) (*Dict, error) {
	info, err := zstd.InspectDictionary(raw)
	if err != nil {
		return nil, fmt.Errorf("archive: dictionary: %w", err)
	}
	if info.ID() == 0 {
		return nil, errors.New("archive: dictionary: ID 0 means no dictionary")
	}
	d := &Dict{id: info.ID(), raw: raw}
	// Built on first use: a store opens dictionaries to read old blobs far
	// more often than to pack new ones.
	d.decoder = sync.OnceValues(func() (*zstd.Decoder, error) {
		return zstd.NewReader(nil, decoderOptions(zstd.WithDecoderDicts(raw))...)
	})
	return d, nil
}

// TrainDict builds dictionary id from sample bodies of one site, of any
// size; it reads at most maxTrainBytes of them.
func TrainDict(id uint32, samples [][]byte) (*Dict, error) {
	if id == 0 {
		return nil, errors.New("archive: train dictionary: ID 0 means no dictionary")
	}
	if len(samples) < MinDictSamples {
		return nil, fmt.Errorf("archive: train dictionary: %d samples, want at least %d", len(samples), MinDictSamples)
	}
	raw, err := dict.BuildZstdDict(chunks(samples), dict.Options{
		MaxDictSize: maxDictSize,
		HashBytes:   dictHashBytes,
		ZstdDictID:  id,
		ZstdLevel:   level,
	})
	if err != nil {
		return nil, fmt.Errorf("archive: train dictionary: %w", err)
	}
	return ParseDict(raw)
}

// chunks cuts samples into pieces of at most trainChunk bytes, up to
// maxTrainBytes in all. Whole pages train better than their starts and
// ends alone: sites repeat markup all through a page.
func chunks(samples [][]byte) [][]byte {
	var out [][]byte
	total := 0
	for _, s := range samples {
		for len(s) > 0 && total < maxTrainBytes {
			n := min(len(s), trainChunk)
			out = append(out, s[:n])
			s, total = s[n:], total+n
		}
	}
	return out
}

// ID returns the number blobs packed with d carry.
func (d *Dict) ID() uint32 { return d.id }

// Bytes returns the dictionary in zstd's format, to be kept.
func (d *Dict) Bytes() []byte { return d.raw }

// Pack is the package's Pack with d as the dictionary.
func (d *Dict) Pack(body []byte) (hash string, blob []byte, err error) {
	enc, ok := d.encoders.Get().(*zstd.Encoder)
	if !ok {
		enc, err = zstd.NewWriter(nil, encoderOptions(zstd.WithEncoderConcurrency(1), zstd.WithEncoderDict(d.raw))...)
		if err != nil {
			return "", nil, fmt.Errorf("archive: pack with dictionary %d: %w", d.id, err)
		}
	}
	defer d.encoders.Put(enc)
	return pack(enc, body)
}
