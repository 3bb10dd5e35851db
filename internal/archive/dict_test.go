package archive

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"testing"
)

// dicts is a Dicts over a fixed set.
type dicts map[uint32]*Dict

func (m dicts) Dict(id uint32) (*Dict, error) {
	if d, ok := m[id]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("no dictionary %d", id)
}

// site returns n pages of one site: the same template around different
// prose.
func site(n int) [][]byte {
	pages := make([][]byte, n)
	for i := range pages {
		pages[i] = page(20_000 + 997*i)
	}
	return pages
}

func trained(t testing.TB, id uint32) *Dict {
	t.Helper()
	d, err := TrainDict(id, site(MinDictSamples))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func gzipped(body []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(body)
	zw.Close()
	return b.Bytes()
}

func TestUnpack_ReadsEveryForm(t *testing.T) {
	d := trained(t, 7)
	body := page(30_000)
	hash := Hash(body)
	_, plain, err := Pack(body)
	if err != nil {
		t.Fatal(err)
	}
	_, withDict, err := d.Pack(body)
	if err != nil {
		t.Fatal(err)
	}
	for name, blob := range map[string][]byte{"gzip": gzipped(body), "zstd": plain, "zstd with dictionary": withDict} {
		got, err := Unpack(hash, blob, dicts{7: d})
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: Unpack = %d bytes, %v; want the %d-byte body", name, len(got), err, len(body))
		}
	}
}

func TestDict_PacksSmallerThanNoDict(t *testing.T) {
	d := trained(t, 1)
	body := page(25_000)
	_, plain, _ := Pack(body)
	_, withDict, err := d.Pack(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(withDict) >= len(plain) {
		t.Errorf("with dictionary %d bytes, without %d; want smaller", len(withDict), len(plain))
	}
}

func TestDict_SurvivesItsBytes(t *testing.T) {
	d := trained(t, 42)
	again, err := ParseDict(bytes.Clone(d.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if again.ID() != 42 {
		t.Fatalf("ID = %d, want 42", again.ID())
	}
	body := page(22_000)
	hash, blob, _ := d.Pack(body)
	if got, err := Unpack(hash, blob, dicts{42: again}); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("Unpack with the parsed dictionary: %d bytes, %v", len(got), err)
	}
}

func TestUnpack_MissingDictIsErrNoDict(t *testing.T) {
	d := trained(t, 9)
	hash, blob, _ := d.Pack(page(21_000))
	for name, ds := range map[string]Dicts{"no lookup": nil, "not found": dicts{}} {
		_, err := Unpack(hash, blob, ds)
		if !errors.Is(err, ErrNoDict) || errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrNoDict", name, err)
		}
	}
}

func TestUnpack_WrongDictIsCorrupt(t *testing.T) {
	d := trained(t, 5)
	other, err := TrainDict(5, [][]byte{page(1_000), page(2_000), page(3_000), page(4_000), page(5_000), page(6_000),
		page(7_000), page(8_000), page(9_000), page(10_000), page(11_000), page(12_000), page(13_000), page(14_000),
		page(15_000), page(16_000)})
	if err != nil {
		t.Fatal(err)
	}
	hash, blob, _ := d.Pack(page(23_000))
	if _, err := Unpack(hash, blob, dicts{5: other}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("err = %v, want ErrCorrupt", err)
	}
}

func TestTrainDict_TakesPagesLargerThanABlock(t *testing.T) {
	samples := site(MinDictSamples)
	samples[3] = page(600_000)
	d, err := TrainDict(2, samples)
	if err != nil {
		t.Fatal(err)
	}
	body := page(300_000)
	hash, blob, _ := d.Pack(body)
	if got, err := Unpack(hash, blob, dicts{2: d}); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("Unpack = %d bytes, %v", len(got), err)
	}
}

func TestTrainDict_RefusesTooFewSamples(t *testing.T) {
	if _, err := TrainDict(1, site(MinDictSamples-1)); err == nil {
		t.Error("trained on too few samples")
	}
	if _, err := TrainDict(0, site(MinDictSamples)); err == nil {
		t.Error("trained a dictionary numbered 0")
	}
}

func TestParseDict_RefusesGarbage(t *testing.T) {
	for _, raw := range [][]byte{nil, []byte("not a dictionary"), trained(t, 3).Bytes()[:40]} {
		if _, err := ParseDict(raw); err == nil {
			t.Errorf("ParseDict(%d bytes) accepted", len(raw))
		}
	}
}

func BenchmarkPackDict(b *testing.B) {
	d := trained(b, 1)
	body := page(200_000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := d.Pack(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrainDict(b *testing.B) {
	samples := site(64)
	for b.Loop() {
		if _, err := TrainDict(1, samples); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnpackDict(b *testing.B) {
	d := trained(b, 1)
	body := page(200_000)
	hash, blob, _ := d.Pack(body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Unpack(hash, blob, dicts{1: d}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPackGzip and BenchmarkUnpackGzip are the form blobs were kept
// in before zstd (gzip BestSpeed), for comparison in the same run.
func BenchmarkPackGzip(b *testing.B) {
	body := page(200_000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zw.Write(body)
		zw.Close()
	}
}

func BenchmarkUnpackGzip(b *testing.B) {
	body := page(200_000)
	hash, blob := Hash(body), gzipped(body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := Unpack(hash, blob, nil); err != nil {
			b.Fatal(err)
		}
	}
}
