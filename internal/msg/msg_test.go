package msg_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"chungsuc/internal/msg"
)

const viPath = "../../frontend/src/locales/vi.json"

func catalog(t testing.TB) msg.Catalog {
	t.Helper()
	data, err := os.ReadFile(viPath)
	if err != nil {
		t.Fatalf("read vi.json: %v", err)
	}
	c, err := msg.Load(data)
	if err != nil {
		t.Fatalf("parse vi.json: %v", err)
	}
	return c
}

func TestLoadFlattensNestedKeys(t *testing.T) {
	c, err := msg.Load([]byte(`{"a":{"b":{"c":"sâu"},"d":"nông"},"e":"gốc","n":5,"l":["x"]}`))
	if err != nil {
		t.Fatal(err)
	}
	want := msg.Catalog{"a.b.c": "sâu", "a.d": "nông", "e": "gốc"}
	if len(c) != len(want) {
		t.Fatalf("catalog %v", c)
	}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("%s = %q, want %q", k, c[k], v)
		}
	}
	for _, bad := range []string{``, `[]`, `{`, `"x"`, `{"a":}`} {
		if _, err := msg.Load([]byte(bad)); err == nil {
			t.Errorf("Load(%q) accepted", bad)
		}
	}
}

func TestT(t *testing.T) {
	c := msg.Catalog{
		"p":       "Tệp {path} đã tồn tại.",
		"two":     "từ {from} lên {to}",
		"spaces":  "mã { code }",
		"literal": "thư{'@'}so.gov.vn và {'{'}x{'}'}",
		"missing": "thiếu {name}",
		"braces":  "{không phải tham số}",
	}
	cases := []struct {
		key    string
		params map[string]any
		want   string
	}{
		{"p", map[string]any{"path": "/tmp/a b.db"}, "Tệp /tmp/a b.db đã tồn tại."},
		{"two", map[string]any{"from": 0, "to": 1}, "từ 0 lên 1"},
		{"spaces", map[string]any{"code": "E-1A2B3C"}, "mã E-1A2B3C"},
		{"literal", nil, "thư@so.gov.vn và {x}"},
		{"missing", nil, "thiếu {name}"},
		{"braces", nil, "{không phải tham số}"},
		{"errors.nope", map[string]any{"x": 1}, "errors.nope"},
		// A param value that looks like a placeholder is not expanded again.
		{"p", map[string]any{"path": "{path}"}, "Tệp {path} đã tồn tại."},
	}
	for _, tc := range cases {
		if got := c.T(tc.key, tc.params); got != tc.want {
			t.Errorf("T(%q, %v) = %q, want %q", tc.key, tc.params, got, tc.want)
		}
	}
}

func TestRealCatalogRendersCLIMessages(t *testing.T) {
	c := catalog(t)
	got := c.T("cli.fileExists", map[string]any{"path": "x.db"})
	if !strings.Contains(got, "x.db") || strings.Contains(got, "{") {
		t.Fatalf("cli.fileExists = %q", got)
	}
	// Every message in the catalogue renders without leftover placeholders
	// once each named parameter is given.
	name := regexp.MustCompile(`\{\s*([A-Za-z0-9_]+)\s*\}`)
	for k, v := range c {
		params := map[string]any{}
		for _, m := range name.FindAllStringSubmatch(v, -1) {
			params[m[1]] = "X"
		}
		if out := c.T(k, params); name.MatchString(out) {
			t.Errorf("%s renders with a placeholder left: %q", k, out)
		}
	}
}

var keyRe = regexp.MustCompile(`^(errors|validation|cli|dialog)\.[a-zA-Z.]+$`)

// goFiles lists the non-test Go files of internal/, app/ and the repository root.
func goFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"../../internal", "../../app"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	root, _ := filepath.Glob("../../*.go")
	return append(files, root...)
}

// TestEveryKeyInGoCodeExists scans the Go sources for translation keys and
// entity names and checks that vi.json has a message for each.
func TestEveryKeyInGoCodeExists(t *testing.T) {
	c := catalog(t)
	fset := token.NewFileSet()
	keys := map[string][]string{}     // key -> where
	entities := map[string][]string{} // entity name -> where
	entityArg := map[string]int{"NotFound": 0, "Stale": 0, "Get": 2, "SoftDelete": 2, "Restore": 2, "UpdateVersioned": 2}
	for _, path := range goFiles(t) {
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err == nil && keyRe.MatchString(s) {
					keys[s] = append(keys[s], fset.Position(n.Pos()).String())
				}
			case *ast.CallExpr:
				var name, pkg string
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fn.Sel.Name
					if id, ok := fn.X.(*ast.Ident); ok {
						pkg = id.Name
					}
				case *ast.Ident:
					name = fn.Name
				}
				i, ok := entityArg[name]
				if !ok || (pkg != "" && pkg != "store" && pkg != "fault") || len(n.Args) <= i {
					return true
				}
				if lit, ok := n.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					entities[s] = append(entities[s], fset.Position(lit.Pos()).String())
				}
			}
			return true
		})
	}
	if len(keys) < 30 || len(entities) < 3 {
		t.Fatalf("the scan found only %d keys and %d entities: is it reading the sources?", len(keys), len(entities))
	}
	var missing []string
	for k, where := range keys {
		if strings.HasSuffix(k, ".") { // a prefix completed at run time
			found := false
			for ck := range c {
				found = found || strings.HasPrefix(ck, k)
			}
			if !found {
				missing = append(missing, k+"* ("+where[0]+")")
			}
			continue
		}
		if _, ok := c[k]; !ok {
			missing = append(missing, k+" ("+where[0]+")")
		}
	}
	for e, where := range entities {
		if _, ok := c["errors.entity."+e]; !ok {
			missing = append(missing, "errors.entity."+e+" ("+where[0]+")")
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("keys used in Go code but missing from vi.json:\n  %s", strings.Join(missing, "\n  "))
	}
}

func FuzzLoad(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input, and the whole of
	// vi.json makes that crawl.
	for _, s := range []string{`{"errors":{"db":{"notOurs":"Tệp {path} không phải…"}},"cli":{"x":"{'@'}"}}`, `{}`, `{"a":{"b":"c"}}`, `{"a":null}`, `{"":{"":""}}`, `{"a":"{x}","a.b":1}`, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := msg.Load(data)
		if err != nil {
			if c != nil {
				t.Fatal("a failed Load returned a catalogue")
			}
			return
		}
		for k, v := range c {
			out := c.T(k, nil)
			if !strings.Contains(v, "{") && out != v {
				t.Fatalf("text without placeholders changed: %q -> %q", v, out)
			}
		}
	})
}

func FuzzT(f *testing.F) {
	for _, s := range []string{"Tệp {path}", "{'@'}", "{ path }", "{", "}", "{''}", "{'}", "{{path}}", "", "{p}{p}"} {
		f.Add(s, "giá trị")
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		c := msg.Catalog{"k": text}
		out := c.T("k", map[string]any{"path": value, "p": value})
		if !strings.Contains(text, "{") && out != text {
			t.Fatalf("T(%q) = %q", text, out)
		}
		if !strings.Contains(text, "{") {
			return
		}
		// With no params, {name} stays as it is; only quoted literals change.
		bare := c.T("k", nil)
		if !strings.Contains(text, "'") && bare != text {
			t.Fatalf("T(%q, nil) = %q", text, bare)
		}
		if got := c.T("absent", nil); got != "absent" {
			t.Fatalf("unknown key rendered as %q", got)
		}
	})
}
