package fetch

import (
	"bytes"
	"fmt"
	"io"
)

// Decode removes the codings contentEncoding lists from a body received by
// another program (a crawler's archive keeps bodies as they travelled),
// as errata does with the bodies it fetches, refusing more than limit
// decoded bytes.
func Decode(contentEncoding string, body []byte, limit int64) ([]byte, error) {
	r, err := decoder(contentEncoding, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if n > limit {
		return nil, &tooLargeError{limit: limit}
	}
	if err != nil {
		return nil, fmt.Errorf("fetch: decoding body: %w: %w", ErrEncoding, err)
	}
	return buf.Bytes(), nil
}
