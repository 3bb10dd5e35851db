package fetch

import "net/http"

// RequestHeader is the header every page request carries, before the
// validators of a conditional request: what an archive of errata's
// captures records as the request behind each response.
func RequestHeader(userAgent string) http.Header {
	if userAgent == "" {
		userAgent = DefaultUserAgent
	}
	return http.Header{
		"User-Agent":      {userAgent},
		"Accept":          {acceptHeader},
		"Accept-Encoding": {acceptEncoding},
	}
}
