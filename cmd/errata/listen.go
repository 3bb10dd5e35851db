package main

import (
	"errors"
	"fmt"
	"net"
	"syscall"

	"github.com/errata/errata/internal/config"
)

// listen checks a listen address and binds it before any other work, so
// that a mistyped address or a port in use ends the command at once,
// before migrations, workers or a newsroom start. flag is the option that
// gave the address, for the error.
func (e *env) listen(flag, addr string) (net.Listener, error) {
	if err := config.CheckListenAddr(addr); err != nil {
		return nil, usageError{fmt.Sprintf("%s %q: %s", e.option(flag), addr, err)}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %s", e.option(flag), addr, listenProblem(err))
	}
	return ln, nil
}

// listenProblem says why an address could not be bound, without the
// socket call's wording.
func listenProblem(err error) string {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return "address already in use; stop what listens there or choose another port"
	case errors.Is(err, syscall.EACCES):
		return "permission denied (ports below 1024 need privileges)"
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return "no such address on this machine"
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Err.Error()
	}
	return err.Error()
}
