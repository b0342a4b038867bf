package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"chungsuc/internal/dashboard"
	"chungsuc/internal/org"
	"chungsuc/internal/store"
)

// dashboardCmd runs "dashboard [--json]": the figures of the active
// campaign, each with the count and the denominator behind it; as one JSON
// object (the shape the window receives) or as text.
func dashboardCmd(ctx context.Context, env Env, dsn string, asJSON bool) error {
	if err := mustExist(dsn); err != nil {
		return err
	}
	db, err := store.Open(ctx, dsn, store.Options{BackupDir: backupDir()})
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := org.NewService(db.DB).CurrentAgency(ctx)
	if err != nil {
		return err
	}
	d, err := dashboard.NewService(db.DB).Compute(ctx, a.ID, dashboard.Query{}, nil)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	}
	printDashboard(env, d)
	return nil
}

// num prints a number the Vietnamese way: 71,4; whole numbers without decimals.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}

// dmy shows an ISO date as dd/mm/yyyy.
func dmy(day string) string {
	if t, err := time.Parse("2006-01-02", day); err == nil {
		return t.Format("02/01/2006")
	}
	return day
}

func (e Env) result(m *bool) string {
	switch {
	case m == nil:
		return e.Messages.T("cli.dashboard.unknown", nil)
	case *m:
		return e.Messages.T("cli.dashboard.met", nil)
	}
	return e.Messages.T("cli.dashboard.notMet", nil)
}

func goal(f dashboard.TargetFigure) string {
	cmp := map[string]string{">=": "≥", "<=": "≤"}[f.Comparator]
	if cmp == "" {
		cmp = f.Comparator
	}
	g := strings.TrimSpace(cmp + " " + num(f.Value))
	if f.ValueUnit == "%" {
		g += "%"
	} else if f.ValueUnit != "" {
		g += " " + f.ValueUnit
	}
	if f.TargetCount != nil {
		g += fmt.Sprintf(" (%d %s)", *f.TargetCount, f.CountUnit)
	}
	return strings.TrimSpace(g)
}

func printDashboard(env Env, d dashboard.Dashboard) {
	env.say("cli.dashboard.header", "campaign", d.Campaign.Name, "period", d.Campaign.Period, "date", dmy(d.AsOf))
	if d.Province != "" {
		env.say("cli.dashboard.province", "province", d.Province)
	}
	switch {
	case d.SetCode == "":
		env.say("cli.dashboard.noSet")
	case d.Set.Confirmed:
		env.say("cli.dashboard.set", "name", d.Set.Name, "code", d.SetCode)
	default:
		env.say("cli.dashboard.setUnconfirmed", "name", d.Set.Name, "code", d.SetCode)
	}
	env.say("cli.dashboard.communes", "n", d.Communes)
	env.say("cli.dashboard.targets")
	if len(d.Targets) == 0 {
		env.say("cli.dashboard.noTargets")
	}
	for i, f := range d.Targets {
		if !f.Known {
			env.say("cli.dashboard.targetUnknown", "no", i+1, "label", f.Label, "goal", goal(f))
			continue
		}
		actual := num(f.Actual)
		if f.ValueUnit == "%" {
			actual += "%"
		}
		env.say("cli.dashboard.target", "no", i+1, "label", f.Label, "goal", goal(f), "actual", actual,
			"count", f.Count, "denominator", f.Denominator, "result", env.result(f.Met))
		if f.Unassessed > 0 {
			env.say("cli.dashboard.unassessed", "n", f.Unassessed)
		}
	}
	if s := d.Sponsoring; s != nil {
		env.say("cli.dashboard.sponsoring", "count", s.Count, "denominator", s.Denominator, "result", env.result(s.Met))
	}
	if len(d.CriteriaPass) > 0 {
		env.say("cli.dashboard.criteria")
		for _, c := range d.CriteriaPass {
			env.say("cli.dashboard.criterion", "no", c.No, "name", c.Name, "passed", c.Passed, "assessed", c.Assessed, "rate", num(c.Rate))
		}
	}
	if len(d.Units) > 0 {
		env.say("cli.dashboard.units")
		for _, u := range d.Units {
			env.say("cli.dashboard.unit", "unit", u.UnitName, "ntm", u.CommunesNTM, "communes", u.Communes,
				"assessed", u.Assessed, "avg", num(u.AvgCriteria))
		}
	}
	if len(d.Trend) > 0 {
		env.say("cli.dashboard.trend")
		for _, y := range d.Trend {
			env.say("cli.dashboard.year", "year", y.Year, "ntm", y.NTM, "communes", y.Communes, "nangCao", y.NangCao,
				"kieuMau", y.KieuMau, "assessed", y.Assessed, "avg", num(y.AvgCriteria))
		}
	}
}
