// Command toolcheck fails with a clear message when the Go toolchain is older
// than the one go.mod needs (go would otherwise try to download another).
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

func main() {
	v := strings.TrimPrefix(runtime.Version(), "go")
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return // a development build: let it through
	}
	major, _ := strconv.Atoi(parts[0])
	minor, _ := strconv.Atoi(parts[1])
	if major == 1 && minor < 26 {
		fmt.Fprintf(os.Stderr, "Cần Go ≥ 1.26 (đang có %s).\n", runtime.Version())
		os.Exit(1)
	}
}
