package fetch

import (
	"bytes"
	"compress/gzip"
	"errors"
	"testing"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestDecode_CodingsRemovedWithinTheLimit: a body kept as it travelled is
// decoded (several codings, last applied first), identity is as is, and
// a body decoding past the limit or in an unknown coding is refused.
func TestDecode_CodingsRemovedWithinTheLimit(t *testing.T) {
	page := []byte("<p>page</p>")
	tests := []struct {
		name     string
		encoding string
		body     []byte
		limit    int64
		want     []byte
		err      error
	}{
		{"identity", "", page, 100, page, nil},
		{"gzip", "gzip", gz(page), 100, page, nil},
		{"gzip twice", "gzip, gzip", gz(gz(page)), 100, page, nil},
		{"over the limit", "gzip", gz(bytes.Repeat(page, 100)), 100, nil, ErrBodyTooLarge},
		{"unknown coding", "zstd", page, 100, nil, ErrEncoding},
		{"broken gzip", "gzip", gz(page)[:12], 100, nil, ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.encoding, tt.body, tt.limit)
			if !bytes.Equal(got, tt.want) || (tt.err == nil) != (err == nil) || (tt.err != nil && !errors.Is(err, tt.err)) {
				t.Errorf("Decode = %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
		})
	}
}
