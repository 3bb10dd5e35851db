package notify

import (
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/nicholas-fedor/shoutrrr"
)

// maxChatText bounds the text sent to a chat service; most cap a message
// near 4,000 characters, and the diff link carries the rest.
const maxChatText = 3500

// sendChat sends the plain-text change through shoutrrr, which speaks each
// service's API from its URL (slack://, discord://, telegram://...).
func sendChat(sub Subscription, p Payload, timeout time.Duration) error {
	r, err := shoutrrr.CreateSender(sub.URL)
	if err != nil {
		return fmt.Errorf("notify: chat %s: %w", sub.Name, err)
	}
	r.Timeout = timeout
	if err := errors.Join(r.Send(chatText(p), nil)...); err != nil {
		return fmt.Errorf("notify: chat %s: %w", sub.Name, err)
	}
	return nil
}

// chatText is the plain text cut to maxChatText bytes on a rune
// boundary, keeping the diff link.
func chatText(p Payload) string {
	t := p.Text
	if len(t) <= maxChatText {
		return t
	}
	cut := maxChatText
	for cut > 0 && !utf8.RuneStart(t[cut]) {
		cut--
	}
	t = t[:cut] + "…"
	if p.DiffURL != "" {
		t += "\nDiff: " + p.DiffURL
	}
	if p.EventURL != "" {
		t += "\nHistory: " + p.EventURL
	}
	return t
}
