package config

import (
	"fmt"
	"io"
	"strings"
)

// Write prints the effective configuration as TOML, each key with where
// its value came from; secrets are replaced by "(set)".
func (c Config) Write(w io.Writer) error {
	table := ""
	for _, s := range settings {
		if t, _, ok := strings.Cut(s.Key, "."); ok && t != table {
			table = t
			if _, err := fmt.Fprintf(w, "\n[%s]\n", t); err != nil {
				return err
			}
		}
		name := s.Key[strings.LastIndex(s.Key, ".")+1:]
		line := name + " = " + c.tomlValue(s)
		if _, err := fmt.Fprintf(w, "%-44s # %s\n", line, c.originWords(s)); err != nil {
			return err
		}
	}
	return nil
}

func (c Config) tomlValue(s Setting) string {
	p := s.field(&c)
	if s.Secret {
		if v := *p.(*string); v != "" {
			return fmt.Sprintf("%q", redact(s.Key, v))
		}
	}
	switch p := p.(type) {
	case *string:
		return fmt.Sprintf("%q", *p)
	case *Duration:
		return fmt.Sprintf("%q", p.String())
	case *[]Tier:
		parts := make([]string, len(*p))
		for i, t := range *p {
			parts[i] = fmt.Sprintf("%q", t.String())
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return display(p)
}

func (c Config) originWords(s Setting) string {
	switch o := c.Origin(s.Key); o.Kind {
	case "file":
		return "from " + o.Name
	case "env", "flag":
		return "from " + o.Name
	}
	return "default"
}

// redact hides a secret: all of a token, the password of a database URL.
func redact(key, v string) string {
	if key != "db" {
		return "(set)"
	}
	at := strings.LastIndex(v, "@")
	scheme := strings.Index(v, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return v
	}
	if user, _, ok := strings.Cut(v[scheme+3:at], ":"); ok {
		return v[:scheme+3] + user + ":***" + v[at:]
	}
	return v
}
