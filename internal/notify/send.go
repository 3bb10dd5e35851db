package notify

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/errata/errata/internal/card"
	"github.com/errata/errata/internal/model"
)

// DefaultTimeout bounds one delivery attempt on any channel.
const DefaultTimeout = 20 * time.Second

// ErrRejected is a delivery the receiver answered with a failure; the
// queue retries it.
var ErrRejected = errors.New("notify: delivery rejected")

// Poster sends a request body to a URL and returns the response status.
// *fetch.Client is one: its address guard keeps webhooks from reaching
// private addresses the process may not fetch.
type Poster interface {
	Post(ctx context.Context, url, contentType string, header http.Header, body []byte) (int, error)
}

// Sender delivers payloads on every channel.
type Sender struct {
	Post Poster
	// Dial connects to SMTP servers; (*fetch.Client).DialContext keeps
	// them to the addresses a fetch may reach. nil: a plain dialer.
	Dial    func(ctx context.Context, network, address string) (net.Conn, error)
	Timeout time.Duration // per attempt; 0: DefaultTimeout
	// Cards draws the change's card, attached to emails; nil: emails
	// carry no image.
	Cards *card.Renderer
}

// Send delivers one payload to one subscription. A returned error means
// the payload may not have arrived; sending it again is safe for the
// receiver to see twice only as far as the channel allows.
func (s *Sender) Send(ctx context.Context, sub Subscription, p Payload) error {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	kind, err := KindOf(sub.URL)
	if err != nil {
		return err
	}
	switch kind {
	case KindWebhook:
		return s.webhook(ctx, sub, p)
	case KindEmail:
		return s.sendMail(ctx, sub, p, timeout)
	default:
		return sendChat(sub, p, timeout)
	}
}

// Sample is a payload for `notify test`: a made-up change that shows what
// a subscriber will receive.
func Sample(baseURL string, now time.Time) (Payload, error) {
	old := model.Version{ArticleID: 1, Seq: 0, Title: "Council approves budget", Byline: "By A. Reporter",
		Text: "The council approved the budget on Tuesday.\n\nThe vote was 7 to 2."}
	nv := model.Version{ID: 2, ArticleID: 1, Seq: 1, FetchedAt: now, Title: "Council rejects budget", Byline: "By A. Reporter",
		Text:    "The council rejected the budget on Tuesday.\n\nThe vote was 7 to 2.\n\nCorrection: an earlier version misstated the outcome.",
		Classes: []string{"headline", "text_rewritten", "correction"}, Added: 10, Removed: 1}
	return Build(Change{Outlet: "errata test", ArticleURL: "https://example.com/news/budget", Old: old, New: nv, BaseURL: baseURL})
}
