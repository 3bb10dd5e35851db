package model

import "time"

// Subscription asks for the changes that pass its filters to be sent to
// one channel URL. Empty filters let everything through.
type Subscription struct {
	ID       int64
	Name     string
	URL      string // http(s):// webhook, smtp:// mailbox, or a chat service URL
	Secret   string // signs webhook bodies; unused by other channels
	Outlets  []string
	Classes  []string
	Events   []string // lifecycle event kinds (see EventKinds); empty means changes only
	MinWords int      // least words added plus removed
	Minor    bool     // also changes classed only "minor"
	Created  time.Time
}

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed"
)

// Delivery is the log of one change sent to one subscription: how many
// attempts it took and how the last one went.
type Delivery struct {
	ID             int64
	SubscriptionID int64
	VersionID      int64 // the change delivered; 0 for an event
	EventID        int64 // the lifecycle event delivered; 0 for a change
	Status         string
	Attempts       int
	LastError      string
	Created        time.Time
	DeliveredAt    time.Time // zero until delivered
}
