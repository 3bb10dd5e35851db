// Package render loads pages that need scripts to show their text in one
// pooled headless Chromium and returns the rendered DOM beside the page as
// served.
//
// The page itself is fetched with errata's fetch client (robots.txt, the
// per-host interval, the address guard, body and time caps) and handed to
// the browser from memory. Every other request the browser makes (scripts,
// XHR, iframes, redirects, websockets) leaves it only through a forward
// proxy inside errata that dials with the fetch client's guarded dialer, so
// a page reaches no further than a plain fetch could. Images, media and
// fonts, requests to other sites and navigations away from the page are
// refused before they leave the browser.
//
// It must not know about extraction or storage: it returns bytes.
package render
