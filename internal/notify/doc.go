// Package notify tells subscribers about recorded changes: it owns
// subscriptions and their filters, the payload built from one change (the
// diff as plain text and as escaped HTML), and the channels that carry it
// (signed webhooks, email over SMTP, chat services by URL). It sends one
// payload to one subscription; queueing, retries and the delivery log
// belong to jobs and store. It never reads the database.
package notify
