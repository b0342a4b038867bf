// Command chungsuc is the Chung Sức desktop application and its command line.
// With no command it opens the window; see "chungsuc help" for the rest.
package main

import (
	"context"
	"embed"
	"fmt"
	"os"

	"chungsuc/internal/cli"
	"chungsuc/internal/msg"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed frontend/src/locales/vi.json
var viJSON []byte

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0"

func main() {
	messages, err := msg.Load(viJSON)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(cli.ExitError)
	}
	args, err := cli.Parse(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, messages.T("cli.unknownCommand", map[string]any{"command": err.Error()}))
		os.Exit(cli.ExitUsage)
	}
	if len(args.Command) > 0 {
		os.Exit(cli.Run(context.Background(), args, cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Messages: messages, Version: version,
		}))
	}
	os.Exit(runGUI(args, messages))
}
