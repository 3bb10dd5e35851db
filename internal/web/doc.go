// Package web serves errata to people and programs: server-rendered HTML
// pages (recent changes, outlets, article histories, versions, side-by-side
// diffs, search), feeds of changes (Atom, RSS 2.0, JSON Feed 1.1), a JSON
// API under /api/v1/, health and metrics, and a token-protected admin page
// for adding sources.
//
// It reads through package store and renders; it decides nothing about
// articles. Public pages are read-only. Everything an outlet wrote is
// untrusted: it is escaped by html/template, encoding/xml or encoding/json,
// never marked safe, and article URLs become links only when they are
// http or https. Templates and CSS are embedded; pages need no JavaScript.
package web
