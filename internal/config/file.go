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
	keys := flatten("", raw)
	if err := foldTierTables(&next.Schedule, keys); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	origin := c.origin
	*c = next
	c.origin = origin
	for _, key := range keys {
		if key == "schedule.tier" {
			key = "schedule.tiers"
		}
		c.setOrigin(key, Origin{Kind: "file", Name: path})
	}
	return nil
}

// foldTierTables turns [[schedule.tier]] tables into Tiers; a file gives
// the tiers in one form or the other.
func foldTierTables(s *Schedule, keys []string) error {
	if len(s.Tier) == 0 {
		return nil
	}
	for _, k := range keys {
		if k == "schedule.tiers" {
			return errors.New("schedule: give tiers or [[schedule.tier]] tables, not both")
		}
	}
	tiers := make([]Tier, len(s.Tier))
	for i, t := range s.Tier {
		v, err := ParseTier(t.Age + ":" + t.Every)
		if err != nil {
			return fmt.Errorf("[[schedule.tier]] %d: %w", i+1, err)
		}
		tiers[i] = v
	}
	s.Tiers, s.Tier = tiers, nil
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
