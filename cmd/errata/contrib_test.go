package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const systemdUnit = "../../contrib/errata.service"

// TestContrib_SystemdUnitVerifies runs systemd's own checker on the unit
// shipped in contrib/: it must load without a warning.
func TestContrib_SystemdUnitVerifies(t *testing.T) {
	tool, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed here: contrib/errata.service not verified")
	}
	unit, err := os.ReadFile(systemdUnit)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ExecStart=/usr/local/bin/errata serve\n", "DynamicUser=yes\n", "StateDirectory=errata\n",
		"NoNewPrivileges=yes\n", "ProtectSystem=strict\n", "CapabilityBoundingSet=\n"} {
		if !strings.Contains(string(unit), want) {
			t.Errorf("the unit lacks %q", want)
		}
	}
	// verify checks that ExecStart's program exists: the binary just built
	// stands in for the installed one.
	path := filepath.Join(t.TempDir(), "errata.service")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(unit), "/usr/local/bin/errata", binary)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "verify", path).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
}
