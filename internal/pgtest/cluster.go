package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

const (
	// clusterPort only names the socket file; nothing listens on TCP.
	clusterPort = 5432
	// startSeconds is how long pg_ctl waits for the server to accept
	// connections.
	startSeconds = "60"
	// osUser runs the cluster when tests run as root, which initdb refuses.
	osUser = "postgres"
	// distroBins is where Debian and Ubuntu install the server binaries,
	// off PATH.
	distroBins = "/usr/lib/postgresql/*/bin"
)

// serverOptions trade durability for speed: the cluster is thrown away.
var serverOptions = []string{
	"listen_addresses=''", "fsync=off", "synchronous_commit=off", "full_page_writes=off",
	"max_connections=200",
}

type cluster struct {
	dir    string // holds data/, the socket and the log
	pgCtl  string
	asUser string // "" to run as ourselves
}

// startCluster runs initdb and pg_ctl start in a new temporary directory.
func startCluster(ctx context.Context) (*cluster, error) {
	bin, err := findBinaries()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "errata-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	c := &cluster{dir: dir, pgCtl: filepath.Join(bin, "pg_ctl")}
	if err := c.chooseUser(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := c.run(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	opts := "-c unix_socket_directories=" + dir + " -c port=" + strconv.Itoa(clusterPort)
	for _, o := range serverOptions {
		opts += " -c " + o
	}
	if err := c.run(ctx, c.pgCtl, "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts,
		"-w", "-t", startSeconds, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return c, nil
}

// chooseUser hands the directory to the postgres OS user when we are
// root: the server refuses to run as root.
func (c *cluster) chooseUser() error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup(osUser)
	if err != nil {
		return fmt.Errorf("%w: running as root and no %q OS user to run the server: %v", ErrUnavailable, osUser, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(c.dir, uid, gid); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	if _, err := exec.LookPath("runuser"); err != nil {
		return fmt.Errorf("%w: running as root and runuser is missing", ErrUnavailable)
	}
	c.asUser = osUser
	return nil
}

func (c *cluster) run(ctx context.Context, name string, args ...string) error {
	if c.asUser != "" {
		args = append([]string{"-u", c.asUser, "--", name}, args...)
		name = "runuser"
	}
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pgtest: %s %s: %w\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// url names a database on the cluster's socket.
func (c *cluster) url(db string) string {
	q := url.Values{"host": {c.dir}, "port": {strconv.Itoa(clusterPort)}, "sslmode": {"disable"}}
	return "postgres://postgres@/" + db + "?" + q.Encode()
}

func (c *cluster) stop() error {
	err := c.run(context.Background(), c.pgCtl, "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	if rerr := os.RemoveAll(c.dir); err == nil && rerr != nil {
		err = fmt.Errorf("pgtest: %w", rerr)
	}
	return err
}

// findBinaries returns the directory holding initdb and pg_ctl: PATH
// first, then the newest distro install.
func findBinaries() (string, error) {
	if initdb, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(resolve(initdb)), nil
		}
	}
	dirs, _ := filepath.Glob(distroBins)
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if isExecutable(filepath.Join(d, "initdb")) && isExecutable(filepath.Join(d, "pg_ctl")) {
			return d, nil
		}
	}
	return "", fmt.Errorf("%w: set %s or install PostgreSQL (initdb and pg_ctl on PATH or under %s)",
		ErrUnavailable, EnvURL, distroBins)
}

// resolve follows a symlink such as /usr/local/bin/initdb so the sibling
// pg_ctl of the same version is used.
func resolve(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// IsUnavailable reports whether err means "no PostgreSQL here" rather
// than a broken one.
func IsUnavailable(err error) bool { return errors.Is(err, ErrUnavailable) }
