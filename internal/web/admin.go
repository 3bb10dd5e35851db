package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/errata/errata/internal/model"
)

const (
	// maxAdminBody caps an admin form post: a URL and an outlet name.
	maxAdminBody = 16 << 10
	// maxAddURL bounds the URL a form may submit.
	maxAddURL = 2048
)

type adminPage struct {
	URL, Outlet string
	Result      []string // what a successful add did, one line each
	Error       string
	Outlets     []adminOutlet

	// The rule form just posted, shown again under its outlet.
	outletID int64
	ruleForm ruleForm
}

// adminEnabled answers 404 when no token is configured, so the admin page
// does not even show that it exists.
func (s *Server) adminEnabled(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.AdminToken == "" {
		s.fail(w, r, notFound("page"))
		return false
	}
	return true
}

func (s *Server) handleAdminForm(w http.ResponseWriter, r *http.Request) {
	if !s.adminEnabled(w, r) {
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderAdmin(w, r, http.StatusOK, adminPage{})
}

func (s *Server) handleAdminAdd(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	p := adminPage{URL: strings.TrimSpace(r.PostForm.Get("url")), Outlet: strings.TrimSpace(r.PostForm.Get("outlet"))}
	status := http.StatusOK
	if err := checkAddURL(p.URL); err != nil {
		p.Error, status = err.Error(), http.StatusUnprocessableEntity
	} else if s.cfg.Add == nil {
		p.Error, status = "adding sources is not available in this process", http.StatusServiceUnavailable
	} else if summary, err := s.cfg.Add(r.Context(), p.URL, p.Outlet); err != nil {
		// The adder's errors are written for users ("refused: resolves to
		// a private address ..."): show them, they say what to fix.
		s.log.Info("admin add refused", slog.String("url", p.URL), slog.Any("err", err))
		p.Error, status = err.Error(), http.StatusUnprocessableEntity
	} else {
		s.log.Info("admin add", slog.String("url", p.URL), slog.String("result", summary))
		p.Result = strings.Split(summary, "\n")
	}
	s.renderAdmin(w, r, status, p)
}

// renderAdmin shows the admin page with every outlet's rules below the
// add-source form, by name. It reads the outlets alone: the counts the
// outlets page shows cost a scan of every version.
func (s *Server) renderAdmin(w http.ResponseWriter, r *http.Request, status int, p adminPage) {
	os, err := s.cfg.Store.Outlets(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	slices.SortFunc(os, func(a, b model.Outlet) int { return strings.Compare(a.Name, b.Name) })
	p.Outlets = make([]adminOutlet, len(os))
	for i, o := range os {
		p.Outlets[i] = newAdminOutlet(o)
		if o.ID == p.outletID {
			p.Outlets[i].ruleForm = p.ruleForm
		}
	}
	s.render(w, r, status, "admin", pageData{Title: "Admin", Data: p})
}

// adminForm lets a form post through only when the admin page is on, a
// browser did not send it from another site, it is small, and it carries
// the token. It parses the form.
func (s *Server) adminForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.adminGate(w, r, "page", "cross-origin form posts are refused"); err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminBody)
	if err := r.ParseForm(); err != nil {
		return &httpError{status: http.StatusRequestEntityTooLarge, msg: "form too large or malformed"}
	}
	return s.adminToken(w, r)
}

// adminToken answers 401, with the challenge, unless the request carries
// the admin token.
func (s *Server) adminToken(w http.ResponseWriter, r *http.Request) error {
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="errata admin"`)
		return &httpError{status: http.StatusUnauthorized, msg: "wrong or missing admin token"}
	}
	return nil
}

// authorized compares the token from the Authorization header or the form
// in constant time; hashing first hides the token's length too.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		got = r.PostForm.Get("token")
	}
	want := sha256.Sum256([]byte(s.cfg.AdminToken))
	have := sha256.Sum256([]byte(got))
	return got != "" && subtle.ConstantTimeCompare(want[:], have[:]) == 1
}

// sameOrigin refuses posts a browser says came from another site
// (Sec-Fetch-Site, else Origin against Host). A client sending neither,
// like curl, is not a browser tricked into posting, and still needs the
// token.
func sameOrigin(r *http.Request) bool {
	return http.NewCrossOriginProtection().Check(r) == nil
}

var (
	errAddScheme = errors.New("web: only http and https URLs can be tracked")
	errAddURL    = errors.New("web: enter an absolute URL, like https://example.com/feed.xml")
)

// checkAddURL refuses what can never be fetched before the adder sees it.
// Private addresses are the fetcher's call (it may be allowed to reach
// them), and its refusal is shown as is.
func checkAddURL(raw string) error {
	if raw == "" || len(raw) > maxAddURL {
		return errAddURL
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return errAddURL
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return errAddScheme
	}
	if u.Host == "" {
		return errAddURL
	}
	return nil
}

// adminGate refuses admin requests when no token is set (as missing) and
// those a browser sent from another site (crossOrigin), and keeps the
// answer out of caches.
func (s *Server) adminGate(w http.ResponseWriter, r *http.Request, missing, crossOrigin string) error {
	if s.cfg.AdminToken == "" {
		return notFound(missing)
	}
	w.Header().Set("Cache-Control", "no-store")
	if !sameOrigin(r) {
		return &httpError{status: http.StatusForbidden, msg: crossOrigin}
	}
	return nil
}
