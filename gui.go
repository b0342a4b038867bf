package main

import (
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"chungsuc/app"
	"chungsuc/internal/applog"
	"chungsuc/internal/cli"
	"chungsuc/internal/msg"
	"chungsuc/internal/store"
)

func runGUI(args cli.Args, messages msg.Catalog) int {
	dataDir, err := store.DataDir()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return cli.ExitError
	}
	log, closer, err := applog.Open(dataDir, os.Getenv("CHUNGSUC_LOG_STDERR") != "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return cli.ExitError
	}
	defer closer.Close()
	dsn, err := store.ResolveDSN(args.DB)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return cli.ExitError
	}
	log.Info("start", "version", version, "db", store.Describe(dsn))
	// The database opens in OnStartup: a second instance is stopped by the
	// single-instance lock before that. A database that will not open does
	// not stop the window: it shows the reason in Vietnamese with a retry.
	core := app.New(dsn, dataDir, version, log)
	core.SetMessages(messages)

	err = wails.Run(&options.App{
		Title:     "Chung Sức",
		Width:     1280,
		Height:    800,
		MinWidth:  1024,
		MinHeight: 640,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 251, A: 1},
		OnStartup:        core.Startup,
		OnShutdown:       core.Shutdown,
		OnBeforeClose:    core.BeforeClose,
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId: "vn.chungsuc.desktop",
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				if ctx := core.WindowContext(); ctx != nil {
					wruntime.WindowUnminimise(ctx)
					wruntime.Show(ctx)
				}
			},
		},
		Bind: []any{
			app.NewSystem(core),
			app.NewOrg(core),
			app.NewCampaigns(core),
			app.NewLocalities(core),
			app.NewSponsors(core),
			app.NewCriteria(core),
			app.NewAssessments(core),
			app.NewDashboard(core),
			app.NewDocuments(core),
			app.NewAwards(core),
			app.NewEmulation(core),
			app.NewDossiers(core),
		},
		Linux:   &linux.Options{ProgramName: "chungsuc", WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
		Windows: &windows.Options{},
	})
	if err != nil {
		log.Error("window", "err", err)
		fmt.Fprintln(os.Stderr, messages.T("cli.error", map[string]any{"message": err.Error()}))
		return cli.ExitError
	}
	return cli.ExitOK
}
