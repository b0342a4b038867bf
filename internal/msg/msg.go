// Package msg renders the Vietnamese messages of frontend/src/locales/vi.json
// for the command line, so that the window and the CLI say the same thing.
package msg

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Catalog is a flattened vi.json: "errors.db.notOurs" → text.
type Catalog map[string]string

// Load parses a nested vue-i18n JSON file.
func Load(data []byte) (Catalog, error) {
	var tree map[string]any
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, fmt.Errorf("parse messages: %w", err)
	}
	c := Catalog{}
	flatten("", tree, c)
	return c, nil
}

func flatten(prefix string, node map[string]any, out Catalog) {
	for k, v := range node {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch t := v.(type) {
		case string:
			out[key] = t
		case map[string]any:
			flatten(key, t, out)
		}
	}
}

var placeholder = regexp.MustCompile(`\{\s*('[^']*'|[A-Za-z0-9_]+)\s*\}`)

// T renders key with params, using vue-i18n's {name} and {'literal'} forms.
// An unknown key renders as itself, so nothing is silently dropped.
func (c Catalog) T(key string, params map[string]any) string {
	text, ok := c[key]
	if !ok {
		return key
	}
	return placeholder.ReplaceAllStringFunc(text, func(m string) string {
		inner := strings.TrimSpace(m[1 : len(m)-1])
		if strings.HasPrefix(inner, "'") {
			return strings.Trim(inner, "'")
		}
		if v, ok := params[inner]; ok {
			return fmt.Sprint(v)
		}
		return m
	})
}
