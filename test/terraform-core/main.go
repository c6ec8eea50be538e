// tfcore: a stand-in for terraform core, built from the libraries core uses (go-plugin, gRPC, go-cty,
// hcl/v2), for testing a tfplugin6 provider without the terraform CLI.
//
//	tfcore -provider CMD -config DIR|FILE -state FILE [-json] [-detailed-exitcode] COMMAND [ARGS]
//
// Commands: schema, validate, plan, apply, refresh, destroy, import ADDR ID, cty-vectors, cty-decode,
// proto-check.
// Exit codes: 0 success; 1 error (diagnostics on stderr, and in the report with -json); 2 plan with
// changes under -detailed-exitcode.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	plugin "github.com/hashicorp/go-plugin"
)

type report struct {
	Command     string          `json:"command"`
	OK          bool            `json:"ok"`
	Changes     []reportChange  `json:"changes"`
	Drift       []Drift         `json:"drift"`
	Applied     []string        `json:"applied"`
	Diagnostics []*Diag         `json:"diagnostics"`
	RPCs        []string        `json:"rpcs"`
	Launches    int             `json:"launches"`
	Schema      json.RawMessage `json:"schema,omitempty"`
}

type reportChange struct {
	Address         string      `json:"address"`
	Action          string      `json:"action"`
	RequiresReplace []string    `json:"requires_replace,omitempty"`
	ReplacedBy      []string    `json:"replaced_by,omitempty"`
	Before          interface{} `json:"before"`
	After           interface{} `json:"after"`
	Changed         []string    `json:"changed,omitempty"`
}

// replaceFlags: the addresses of repeated -replace=ADDR flags.
type replaceFlags []string

func (r *replaceFlags) String() string { return strings.Join(*r, ",") }
func (r *replaceFlags) Set(v string) error {
	*r = append(*r, v)
	return nil
}

func main() {
	os.Exit(run())
}

func run() int {
	fs := flag.NewFlagSet("tfcore", flag.ContinueOnError)
	providerCmd := fs.String("provider", os.Getenv("TFCORE_PROVIDER"), "provider executable (split on spaces)")
	configPath := fs.String("config", ".", "configuration directory or file (.tf, .tf.json)")
	statePath := fs.String("state", "terraform.tfstate", "state file (version 4)")
	source := fs.String("source", "registry.terraform.io/ferry-iac/ferry", "provider source address")
	jsonOut := fs.Bool("json", false, "print a JSON report on stdout")
	detailed := fs.Bool("detailed-exitcode", false, "plan: exit 2 when there are changes")
	timeout := fs.Duration("rpc-timeout", 5*time.Minute, "timeout for one RPC")
	checkPlugin := fs.Bool("check-plugin", true, "also check go-plugin's stdio and health services")
	var forceReplace replaceFlags
	fs.Var(&forceReplace, "replace", "plan/apply: replace ADDR even if nothing requires it (repeatable), as terraform's -replace")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 1
	}
	args := fs.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: tfcore [flags] schema|validate|plan|apply|refresh|destroy|import ADDR ID|cty-vectors|proto-check")
		return 1
	}
	cmd := args[0]
	switch cmd {
	case "cty-vectors":
		return ctyVectors()
	case "proto-check":
		return protoCheck()
	case "cty-decode":
		return ctyDecode()
	case "fake-provider":
		if len(args) < 2 {
			fmt.Fprintln(os.Stderr, "usage: tfcore fake-provider BUG|none")
			return 1
		}
		return serveFake(args[1])
	}
	defer plugin.CleanupClients()

	c := &Core{ProviderCmd: *providerCmd, ConfigPath: *configPath, Source: *source, RPCTimeout: *timeout, CheckPlugin: *checkPlugin, ForceReplace: map[string]bool{}}
	for _, a := range forceReplace {
		c.ForceReplace[a] = true
	}
	rep := &report{Command: cmd, Changes: []reportChange{}, Drift: []Drift{}, Applied: []string{}}
	err := execute(c, cmd, args[1:], *statePath, rep, *jsonOut)
	rep.Diagnostics = c.Diags
	if rep.Diagnostics == nil {
		rep.Diagnostics = []*Diag{}
	}
	rep.RPCs, rep.Launches, rep.Drift = c.RPCs, c.Launches, c.Drift
	if rep.Drift == nil {
		rep.Drift = []Drift{}
	}
	if c.Applied != nil {
		rep.Applied = c.Applied
	}
	for _, ch := range c.Changes {
		rc := reportChange{Address: ch.Addr, Action: ch.Action, RequiresReplace: ch.RequiresReplace, ReplacedBy: ch.ReplacedBy, Before: toJSON(ch.Prior), After: toJSON(ch.Planned)}
		if ch.Action == "update" || ch.Action == "replace" {
			rc.Changed = diffPaths(ch.Prior, ch.Planned)
		}
		rep.Changes = append(rep.Changes, rc)
	}
	if err != nil {
		if d, ok := err.(*Diag); ok {
			c.Diags = append(c.Diags, d)
			rep.Diagnostics = c.Diags
		} else if !hasError(c.Diags) {
			d := &Diag{Severity: "error", Summary: err.Error()}
			c.Diags = append(c.Diags, d)
			rep.Diagnostics = c.Diags
		}
	}
	if err == nil && c.InsecurePlugin {
		err = fmt.Errorf("plugin accepts clients without a certificate")
	}
	rep.OK = err == nil
	printDiags(c.Diags)
	if *jsonOut {
		b, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Println(string(b))
	} else if cmd != "schema" && err == nil {
		printHuman(rep)
	}
	if err != nil {
		return 1
	}
	if cmd == "plan" && *detailed && c.HasChanges() {
		return 2
	}
	return 0
}

func hasError(ds []*Diag) bool {
	for _, d := range ds {
		if d.Severity == "error" {
			return true
		}
	}
	return false
}

func execute(c *Core, cmd string, args []string, statePath string, rep *report, jsonOut bool) error {
	if err := c.loadSchemas(); err != nil {
		return err
	}
	if cmd == "schema" {
		b, err := c.Schema.JSON(c.Source)
		if err != nil {
			return err
		}
		rep.Schema = b
		if !jsonOut {
			fmt.Println(string(b))
		}
		return nil
	}
	cfg, ds := loadConfig(c.ConfigPath)
	if c.add(ds...) {
		return fmt.Errorf("invalid configuration")
	}
	c.Config = cfg
	for _, rc := range cfg.Resources {
		if !strings.HasPrefix(rc.Type, cfg.ProviderName+"_") && cfg.ProviderName != "" {
			return c.errorf(rc.Addr(), "Provider configuration not present", "%s belongs to provider %q, but the configuration only has provider %q", rc.Addr(), strings.SplitN(rc.Type, "_", 2)[0], cfg.ProviderName)
		}
	}
	st, err := loadState(statePath)
	if err != nil {
		return err
	}
	c.State = st
	switch cmd {
	case "validate":
		return c.Validate()
	case "plan":
		if err := c.Validate(); err != nil {
			return err
		}
		_, err := c.Plan(modeNormal)
		return err
	case "refresh":
		if err := c.Validate(); err != nil {
			return err
		}
		if _, err := c.Plan(modeRefreshOnly); err != nil {
			return err
		}
		return c.State.Save(c)
	case "apply", "destroy":
		if err := c.Validate(); err != nil {
			return err
		}
		mode := modeNormal
		if cmd == "destroy" {
			mode = modeDestroy
		}
		if _, err := c.Plan(mode); err != nil {
			return err
		}
		if !c.HasChanges() {
			return c.State.Save(c) // the refreshed state
		}
		return c.Apply()
	case "import":
		if len(args) != 2 {
			return fmt.Errorf("usage: tfcore import ADDR ID")
		}
		if err := c.Validate(); err != nil {
			return err
		}
		return c.Import(args[0], args[1])
	}
	return fmt.Errorf("unknown command %q", cmd)
}

func printDiags(ds []*Diag) {
	for _, d := range ds {
		label := "Error"
		if d.Severity == "warning" {
			label = "Warning"
		}
		fmt.Fprintf(os.Stderr, "\n%s: %s\n", label, d.Summary)
		if d.Address != "" {
			fmt.Fprintf(os.Stderr, "\n  with %s", d.Address)
			if d.Attribute != "" {
				fmt.Fprintf(os.Stderr, ", attribute %q", d.Attribute)
			}
			fmt.Fprintln(os.Stderr)
		} else if d.Attribute != "" {
			fmt.Fprintf(os.Stderr, "\n  attribute %q\n", d.Attribute)
		}
		if d.Detail != "" {
			fmt.Fprintf(os.Stderr, "\n%s\n", d.Detail)
		}
	}
}

var actionSymbols = map[string]string{"create": "+", "update": "~", "replace": "-/+", "delete": "-", "no-op": " "}

func printHuman(rep *report) {
	for _, d := range rep.Drift {
		fmt.Printf("Note: %s has changed outside of Terraform (%s %s)\n", d.Address, d.Action, strings.Join(d.Attributes, ", "))
	}
	counts := map[string]int{}
	for _, ch := range rep.Changes {
		counts[ch.Action]++
		if ch.Action == "no-op" {
			continue
		}
		fmt.Printf("  %s %s", actionSymbols[ch.Action], ch.Address)
		switch ch.Action {
		case "replace":
			fmt.Printf(" must be replaced (%s forces replacement)", strings.Join(ch.ReplacedBy, ", "))
		case "update":
			fmt.Printf(" will be updated in-place (%s)", strings.Join(ch.Changed, ", "))
		case "create":
			fmt.Printf(" will be created")
		case "delete":
			fmt.Printf(" will be destroyed")
		}
		fmt.Println()
	}
	if counts["create"]+counts["update"]+counts["replace"]+counts["delete"] == 0 {
		if rep.Command == "plan" || rep.Command == "apply" {
			fmt.Println("No changes. Your infrastructure matches the configuration.")
		}
	} else {
		fmt.Printf("Plan: %d to add, %d to change, %d to destroy.\n", counts["create"]+counts["replace"], counts["update"], counts["delete"]+counts["replace"])
	}
	if len(rep.Applied) > 0 {
		sort.Strings(rep.Applied)
		fmt.Printf("Apply complete: %s\n", strings.Join(rep.Applied, " "))
	}
}
