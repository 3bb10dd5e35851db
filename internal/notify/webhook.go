package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
)

// SignatureHeader carries the HMAC-SHA256 of a webhook's body, keyed with
// the subscription's secret, as "sha256=<hex>".
const SignatureHeader = "X-Errata-Signature"

// Sign returns the signature header value of body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether a signature header value is body's under secret,
// comparing in constant time.
func Verify(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(header))
}

func (s *Sender) webhook(ctx context.Context, sub Subscription, p Payload) error {
	if s.Post == nil {
		return fmt.Errorf("notify: webhook %s: no HTTP client configured", sub.Name)
	}
	body, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("notify: webhook %s: %w", sub.Name, err)
	}
	h := http.Header{}
	h.Set(SignatureHeader, Sign(sub.Secret, body))
	h.Set("X-Errata-Event", p.Event)
	status, err := s.Post.Post(ctx, sub.URL, "application/json", h, body)
	if err != nil {
		return fmt.Errorf("notify: webhook %s: %w", sub.Name, err)
	}
	if status < 200 || status > 299 {
		return fmt.Errorf("%w: webhook %s answered %d", ErrRejected, sub.Name, status)
	}
	return nil
}
