package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// LoadFile reads a TOML config file over c: the keys it sets replace
// their values. A key errata does not know, a value of the wrong type or a
// syntax error is an error naming the file and line.
func (c *Config) LoadFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file %s: %w", path, errors.Unwrap(err))
	}
	next := *c
	dec := toml.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields()
	if err := dec.Decode(&next); err != nil {
		return fileError(path, err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(b, &raw); err != nil {
		return fileError(path, err)
	}
	origin := c.origin
	*c = next
	c.origin = origin
	for _, key := range flatten("", raw) {
		c.setOrigin(key, Origin{Kind: "file", Name: path})
	}
	return nil
}

// fileError names the file and line of a decoding error, and the key
// when the key is what is wrong.
func fileError(path string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		e := strict.Errors[0]
		row, _ := e.Position()
		return fmt.Errorf("%s:%d: unknown key %s", path, row, strings.Join(e.Key(), "."))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if strings.Contains(msg, "cannot decode") {
			msg = "a value of the wrong type (see contrib/errata.toml)"
		}
		if k := de.Key(); len(k) > 0 {
			msg = strings.Join(k, ".") + ": " + msg
		}
		return fmt.Errorf("%s:%d: %s", path, row, msg)
	}
	return fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "toml: "))
}

// flatten lists the dotted keys a decoded document sets.
func flatten(prefix string, m map[string]any) []string {
	var keys []string
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			keys = append(keys, flatten(prefix+k+".", sub)...)
			continue
		}
		keys = append(keys, prefix+k)
	}
	sort.Strings(keys)
	return keys
}

// LoadEnv reads the ERRATA_* variables over c; getenv is os.Getenv or a
// test's map. An empty variable counts as unset.
func (c *Config) LoadEnv(getenv func(string) string) error {
	for _, s := range settings {
		v := getenv(s.Env())
		if v == "" {
			continue
		}
		if err := c.Set(s.Key, v, Origin{Kind: "env", Name: s.Env()}); err != nil {
			return fmt.Errorf("%s: %w", s.Env(), err)
		}
	}
	return nil
}
