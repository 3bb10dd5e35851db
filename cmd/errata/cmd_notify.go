package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/errata/errata/internal/card"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/notify"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

const notifyUsage = "add NAME URL | list | remove NAME | test NAME"

// notifyOpts are the filters and secret of `notify add`.
type notifyOpts struct {
	outlets, classes stringList
	events           stringList
	minWords         int
	minor            bool
	secret           string
}

var notifyCmd = &command{
	name:    "notify",
	args:    notifyUsage,
	summary: "manage notifications of changes: webhooks, email, chat",
	help: `Subscriptions send each change that passes their filters to one channel:
  https://…                                   a webhook: the change as JSON, POSTed with
                                              X-Errata-Signature: sha256=<HMAC-SHA256 of the
                                              body keyed with --secret>
  smtp://user:pass@host:587/?from=A&to=B,C    email (multipart text and HTML diff);
                                              smtps:// for TLS from the start
  slack://, discord://, telegram://, matrix://, ntfy://, gotify://…
                                              chat services, in shoutrrr's URL forms

Filters: --outlet and --class (repeatable; any one matches), --min-words
(words added plus removed), --minor (also changes classed only minor).
--event gone,back,moved,flip_flop (repeatable or comma-separated) asks
for an article's lifecycle events: gone (404/410), back again, moved to a
new URL, an older version served again; add "change" to get changes too.
Without --event a subscription gets changes only. --outlet applies to
events as well; the other filters only to changes.
Deliveries run as jobs of 'errata serve', retried with back-off; 'errata
crawl' sends them after its pass. Each change reaches a subscription once.
'list' shows subscriptions and their latest deliveries; 'test' sends a
sample change now.`,
	example: `errata notify add desk https://hooks.example/errata --class headline --class correction --secret s3cret`,
	minArgs: 1,
	maxArgs: 3,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.Var(&e.notify.outlets, "outlet", "only changes of this outlet (repeatable)")
		fs.Var(&e.notify.classes, "class", "only changes of this class: headline, byline, text_added, text_removed, text_rewritten, correction, stealth, minor (repeatable)")
		fs.Var(&e.notify.events, "event", "lifecycle events to send: "+strings.Join(notify.EventNames, ", ")+" (repeatable or comma-separated; default: change only)")
		fs.IntVar(&e.notify.minWords, "min-words", 0, "only changes of at least this many words added plus removed")
		fs.BoolVar(&e.notify.minor, "minor", false, "also send changes classed only minor")
		fs.StringVar(&e.notify.secret, "secret", "", "webhook signing secret")
	},
	run: runNotify,
}

func runNotify(ctx context.Context, e *env, args []string) error {
	want := map[string]int{"add": 3, "list": 1, "remove": 2, "test": 2}
	n, ok := want[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("notify %q: want add, list, remove or test", args[0])}
	}
	if len(args) != n {
		return usageError{"usage: errata notify " + notifyUsage}
	}
	open := e.openExisting // only add may start a store
	if args[0] == "add" {
		open = e.openStore
	}
	st, err := open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[0] {
	case "add":
		return addSubscription(ctx, e, st, args[1], args[2])
	case "list":
		return listSubscriptions(ctx, e.stdout, st)
	case "remove":
		if err := st.RemoveSubscription(ctx, args[1]); errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no subscription named %q; 'errata notify list' shows them", args[1])
		} else if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %s\n", termsafe.Line(args[1]))
		return nil
	}
	return testSubscription(ctx, e, st, args[1])
}

func addSubscription(ctx context.Context, e *env, st *store.Store, name, url string) error {
	events, err := eventFilter(e.notify.events)
	if err != nil {
		return err
	}
	sub := model.Subscription{Name: name, URL: url, Secret: e.notify.secret, Outlets: e.notify.outlets,
		Classes: e.notify.classes, Events: events, MinWords: e.notify.minWords, Minor: e.notify.minor}
	if err := notify.Check(sub); err != nil {
		return usageError{userMessage(err)}
	}
	for _, o := range e.notify.outlets {
		if _, err := st.OutletNamed(ctx, o); err != nil {
			return fmt.Errorf("--outlet %q: %w", o, err)
		}
	}
	sub, err = st.AddSubscription(ctx, sub, time.Now())
	if errors.Is(err, store.ErrExists) {
		return fmt.Errorf("a subscription named %q exists; remove it first or pick another name", name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s (%s)\n", termsafe.Line(sub.Name), notify.KindOfOrEmpty(sub.URL))
	return nil
}

func listSubscriptions(ctx context.Context, w io.Writer, st *store.Store) error {
	subs, err := st.Subscriptions(ctx)
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		fmt.Fprintln(w, "no subscriptions yet; 'errata notify add NAME URL' makes one")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tCHANNEL\tFILTERS\tDELIVERED\tFAILED\tLAST ERROR")
	for _, s := range subs {
		stats, err := st.SubscriptionStats(ctx, s.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", termsafe.Line(s.Name), notify.KindOfOrEmpty(s.URL),
			termsafe.Line(filters(s)), stats.Delivered, stats.Failed, termsafe.Line(stats.LastError))
	}
	return tw.Flush()
}

// eventFilter reads --event values: names from notify.EventNames, given
// one by one or comma-separated, without repeats.
func eventFilter(vals []string) ([]string, error) {
	var out []string
	for _, v := range vals {
		for name := range strings.SplitSeq(v, ",") {
			name = strings.TrimSpace(name)
			if name == "" || slices.Contains(out, name) {
				continue
			}
			if !slices.Contains(notify.EventNames, name) {
				return nil, usageError{fmt.Sprintf("--event %q is not one of %s", name, strings.Join(notify.EventNames, ", "))}
			}
			out = append(out, name)
		}
	}
	return out, nil
}

func filters(s model.Subscription) string {
	var f []string
	for _, ev := range s.Events {
		f = append(f, "event="+ev)
	}
	for _, o := range s.Outlets {
		f = append(f, "outlet="+o)
	}
	for _, c := range s.Classes {
		f = append(f, "class="+c)
	}
	if s.MinWords > 0 {
		f = append(f, fmt.Sprintf("min-words=%d", s.MinWords))
	}
	if s.Minor {
		f = append(f, "minor")
	}
	if len(f) == 0 {
		return "all changes"
	}
	return strings.Join(f, " ")
}

func testSubscription(ctx context.Context, e *env, st *store.Store, name string) error {
	sub, err := st.SubscriptionNamed(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no subscription named %q; 'errata notify list' shows them", name)
	}
	if err != nil {
		return err
	}
	p, err := notify.Sample("", time.Now())
	if err != nil {
		return err
	}
	if err := e.sender(st).Send(ctx, sub, p); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sent a sample change to %s\n", termsafe.Line(sub.Name))
	return nil
}

// sender sends notifications; webhooks and SMTP connections go through
// the fetch client's private-address guard. Emails carry the change's
// card.
func (e *env) sender(st *store.Store) *notify.Sender {
	fc := e.fetcher(st)
	return &notify.Sender{Post: fc, Dial: fc.DialContext, Cards: &card.Renderer{}}
}

// deliverer wires notifications of new versions for an engine.
func (e *env) deliverer(eng *jobs.Engine, st *store.Store) *jobs.Deliverer {
	return &jobs.Deliverer{Store: st, Send: e.sender(st), BaseURL: e.baseURL, Now: time.Now, Log: eng.Log}
}

// deliverAfterCrawl sends the notifications of the changes a crawl
// recorded, once its pass is over.
func deliverAfterCrawl(ctx context.Context, e *env, c *jobs.Collector) error {
	sent, failed, err := c.DeliverAll(ctx)
	if sent+failed > 0 {
		fmt.Fprintf(e.stdout, "notifications: %d delivered, %d failed ('errata notify list' shows why)\n", sent, failed)
	}
	return err
}
