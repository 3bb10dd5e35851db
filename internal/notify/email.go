package notify

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

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
func sendMail(ctx context.Context, sub Subscription, p Payload, timeout time.Duration) error {
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
	opts := []mail.Option{mail.WithPort(mb.port), mail.WithTimeout(timeout), mail.WithTLSPolicy(mail.TLSOpportunistic)}
	if mb.ssl {
		opts = append(opts, mail.WithSSL())
	}
	if mb.user != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(mb.user), mail.WithPassword(mb.pass))
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

// subject is one line: the outlet and the headline as it now reads.
func subject(p Payload) string {
	s := fmt.Sprintf("[errata] %s changed: %s", p.Outlet, p.Title)
	return strings.Join(strings.Fields(s), " ")
}
