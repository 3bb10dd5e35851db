package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/errata/errata/internal/card"
	mail "github.com/wneessen/go-mail"
)

// mailbox is an smtp:// or smtps:// subscription URL taken apart:
// smtp://user:pass@host:port/?from=a@x&to=b@y,c@z.
type mailbox struct {
	host       string
	port       int
	ssl        bool
	user, pass string
	from       string
	to         []string
}

// Default SMTP ports: submission with STARTTLS, and implicit TLS.
const (
	smtpPort  = 587
	smtpsPort = 465
)

func parseMailbox(raw string) (mailbox, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return mailbox{}, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	m := mailbox{host: u.Hostname(), ssl: strings.EqualFold(u.Scheme, "smtps"), from: u.Query().Get("from")}
	m.port = smtpPort
	if m.ssl {
		m.port = smtpsPort
	}
	if p := u.Port(); p != "" {
		if m.port, err = strconv.Atoi(p); err != nil {
			return mailbox{}, fmt.Errorf("%w: bad port %q", ErrBadURL, p)
		}
	}
	if u.User != nil {
		m.user = u.User.Username()
		m.pass, _ = u.User.Password()
	}
	for _, v := range u.Query()["to"] {
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a != "" {
				m.to = append(m.to, a)
			}
		}
	}
	if m.host == "" || m.from == "" || len(m.to) == 0 {
		return mailbox{}, fmt.Errorf("%w: an smtp URL needs a host, ?from= and ?to=", ErrBadURL)
	}
	return m, nil
}

// sendMail sends the change as multipart/alternative: the plain text, and
// the HTML diff. STARTTLS is used when the server offers it; smtps://
// connects with TLS from the start.
func (s *Sender) sendMail(ctx context.Context, sub Subscription, p Payload, timeout time.Duration) error {
	mb, err := parseMailbox(sub.URL)
	if err != nil {
		return err
	}
	msg := mail.NewMsg()
	if err := msg.From(mb.from); err != nil {
		return fmt.Errorf("notify: email %s: from: %w", sub.Name, err)
	}
	if err := msg.To(mb.to...); err != nil {
		return fmt.Errorf("notify: email %s: to: %w", sub.Name, err)
	}
	msg.Subject(subject(p))
	msg.SetBodyString(mail.TypeTextPlain, p.Text)
	msg.AddAlternativeString(mail.TypeTextHTML, p.HTML)
	if err := s.attachCard(msg, p); err != nil {
		return fmt.Errorf("notify: email %s: %w", sub.Name, err)
	}
	opts := []mail.Option{mail.WithPort(mb.port), mail.WithTimeout(timeout), mail.WithTLSPolicy(mail.TLSOpportunistic)}
	auth := mail.SMTPAuthAutoDiscover
	if mb.ssl {
		opts = append(opts, mail.WithSSL())
	}
	if s.Dial != nil {
		dial := s.Dial
		if mb.ssl {
			// go-mail leaves TLS to a dialer it is given; the library
			// then counts the connection as plain, and would pick no
			// mechanism that sends a password: PLAIN is sound over it.
			dial, auth = tlsDial(s.Dial, mb.host), mail.SMTPAuthPlain
		}
		opts = append(opts, mail.WithDialContextFunc(dial))
	}
	if mb.user != "" {
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(mb.user), mail.WithPassword(mb.pass))
	}
	c, err := mail.NewClient(mb.host, opts...)
	if err != nil {
		return fmt.Errorf("notify: email %s: %w", sub.Name, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("notify: email %s: %w", sub.Name, err)
	}
	return nil
}

// cardName is the file name of the card attached to emails.
const cardName = "errata-change.png"

// attachCard attaches the change's wide card when the sender draws cards
// and the payload was built from versions.
func (s *Sender) attachCard(msg *mail.Msg, p Payload) error {
	if s.Cards == nil || p.change.New.Seq == 0 {
		return nil
	}
	c := p.change
	png, err := s.Cards.PNG(card.ForVersions(c.Outlet, c.Old, c.New, nil), card.Wide)
	if err != nil {
		return err
	}
	return msg.AttachReader(cardName, bytes.NewReader(png))
}

// tlsDial wraps a dialer in TLS to host, for smtps://.
func tlsDial(dial mail.DialContextFunc, host string) mail.DialContextFunc {
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		conn, err := dial(ctx, network, address)
		if err != nil {
			return nil, err
		}
		tc := tls.Client(conn, &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12})
		if err := tc.HandshakeContext(ctx); err != nil {
			conn.Close()
			return nil, err
		}
		return tc, nil
	}
}

// subject is one line: the outlet and the headline as it now reads.
func subject(p Payload) string {
	s := fmt.Sprintf("[errata] %s changed: %s", p.Outlet, p.Title)
	if p.Event != EventChange {
		s = fmt.Sprintf("[errata] %s %s: %s", p.Outlet, strings.ReplaceAll(p.Event, "_", "-"), p.Title)
	}
	return strings.Join(strings.Fields(s), " ")
}
