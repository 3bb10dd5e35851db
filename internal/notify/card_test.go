package notify

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/card"
	"github.com/errata/errata/internal/notify/mailtest"
)

// pngParts returns the decoded image/png parts of a MIME message.
func pngParts(t *testing.T, data []byte) [][]byte {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	var walk func(ct string, body io.Reader, encoding string)
	walk = func(ct string, body io.Reader, encoding string) {
		media, params, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatalf("content type %q: %v", ct, err)
		}
		if strings.HasPrefix(media, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				part, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(part.Header.Get("Content-Type"), part, part.Header.Get("Content-Transfer-Encoding"))
			}
		}
		if media != "image/png" {
			return
		}
		if !strings.EqualFold(encoding, "base64") {
			t.Fatalf("image part encoded as %q", encoding)
		}
		b, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, body))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	walk(m.Header.Get("Content-Type"), m.Body, m.Header.Get("Content-Transfer-Encoding"))
	return out
}

func TestSend_EmailAttachesTheCardWhenCardsAreDrawn(t *testing.T) {
	mb := mailtest.Start(t)
	sub := Subscription{Name: "inbox", URL: "smtp://" + mb.Addr + "/?from=errata@example.com&to=desk@example.com"}
	plain := sender(t, true)
	if err := plain.Send(context.Background(), sub, sample(t)); err != nil {
		t.Fatal(err)
	}
	withCards := sender(t, true)
	withCards.Cards = &card.Renderer{}
	if err := withCards.Send(context.Background(), sub, sample(t)); err != nil {
		t.Fatal(err)
	}
	msgs := mb.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages, want 2", len(msgs))
	}
	if parts := pngParts(t, msgs[0].Data); len(parts) != 0 {
		t.Errorf("a sender without cards attached %d images", len(parts))
	}
	parts := pngParts(t, msgs[1].Data)
	if len(parts) != 1 {
		t.Fatalf("%d images attached, want 1", len(parts))
	}
	img, err := png.Decode(bytes.NewReader(parts[0]))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := card.Wide.Dimensions(); img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Errorf("card is %v, want %dx%d", img.Bounds(), w, h)
	}
	data := string(msgs[1].Data)
	for _, want := range []string{cardName, "text/plain", "text/html", "Council rejects budget"} {
		if !strings.Contains(data, want) {
			t.Errorf("message lacks %q", want)
		}
	}
}

func TestSend_WebhookCarriesTheCardURLWhenTheBaseIsKnown(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = nil
		_ = json.Unmarshal(body, &got)
	}))
	defer srv.Close()
	sub := Subscription{Name: "hook", URL: srv.URL}
	for _, tc := range []struct {
		base, want string
	}{
		{"https://errata.example/", "https://errata.example/articles/1/diff/0/1.png"},
		{"", ""},
	} {
		p, err := Sample(tc.base, time.Unix(1e9, 0))
		if err != nil {
			t.Fatal(err)
		}
		if err := sender(t, true).Send(context.Background(), sub, p); err != nil {
			t.Fatal(err)
		}
		u, has := got["card_url"]
		if tc.want == "" && has || tc.want != "" && u != tc.want {
			t.Errorf("base %q: card_url = %v (present %v), want %q", tc.base, u, has, tc.want)
		}
	}
}
