package main

// The walks core runs, each in a provider process of its own: schema, validate, plan (refresh, then
// plan per resource), apply (final plan, then apply per change), import; and the checks core makes on
// every answer.

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/zclconf/go-cty/cty"

	pb "tfcore/tfplugin6"
)

const terraformVersion = "1.15.9"

type Diag struct {
	Severity  string `json:"severity"`
	Summary   string `json:"summary"`
	Detail    string `json:"detail,omitempty"`
	Address   string `json:"address,omitempty"`
	Attribute string `json:"attribute,omitempty"`
}

func (d *Diag) Error() string { return d.Summary + ": " + d.Detail }

type Change struct {
	Addr, Type, Name string
	Action           string // create, update, replace, delete, no-op
	Prior            cty.Value
	Planned          cty.Value
	PlannedPrivate   []byte
	RequiresReplace  []string
	ReplacedBy       []string
}

type Drift struct {
	Address    string   `json:"address"`
	Action     string   `json:"action"` // update or delete
	Attributes []string `json:"attributes,omitempty"`
}

type Core struct {
	ProviderCmd, ConfigPath, Source string
	RPCTimeout                      time.Duration
	CheckPlugin                     bool
	InsecurePlugin                  bool

	Schema   *ProviderSchema
	Config   *Config
	State    *State
	Diags    []*Diag
	Changes  []*Change
	Drift    []Drift
	RPCs     []string
	Launches int
	Applied  []string
	// ForceReplace: addresses given with -replace, planned as replacements whatever the provider says.
	ForceReplace map[string]bool
}

func (c *Core) warnf(format string, args ...interface{}) {
	c.Diags = append(c.Diags, &Diag{Severity: "warning", Summary: fmt.Sprintf(format, args...)})
}

func (c *Core) add(ds ...*Diag) bool {
	bad := false
	for _, d := range ds {
		if d == nil {
			continue
		}
		c.Diags = append(c.Diags, d)
		if d.Severity == "error" {
			bad = true
		}
	}
	return bad
}

func (c *Core) errorf(addr, summary, format string, args ...interface{}) error {
	d := &Diag{Severity: "error", Summary: summary, Detail: fmt.Sprintf(format, args...), Address: addr}
	return d
}

// providerDiags converts a provider's diagnostics, reports whether any is an error.
func (c *Core) providerDiags(addr string, ds []*pb.Diagnostic) bool {
	bad := false
	for _, d := range ds {
		sev := "warning"
		if d.Severity == pb.Diagnostic_ERROR {
			sev, bad = "error", true
		} else if d.Severity != pb.Diagnostic_WARNING {
			sev, bad = "error", true
			d.Summary = "invalid diagnostic severity: " + d.Summary
		}
		attr := ""
		if d.Attribute != nil && len(d.Attribute.Steps) > 0 {
			attr = strings.TrimPrefix(fmtPath(pbPath(d.Attribute)), ".")
		}
		c.Diags = append(c.Diags, &Diag{Severity: sev, Summary: d.Summary, Detail: d.Detail, Address: addr, Attribute: attr})
	}
	return bad
}

// ---- schema ----

func (c *Core) getSchema(p *Provider) error {
	var resp *pb.GetProviderSchema_Response
	if err := p.call("GetProviderSchema", func(ctx context.Context) (err error) {
		resp, err = p.rpc.GetProviderSchema(ctx, &pb.GetProviderSchema_Request{})
		return
	}); err != nil {
		return err
	}
	if c.providerDiags("", resp.Diagnostics) {
		return fmt.Errorf("provider returned errors for GetProviderSchema")
	}
	if resp.Provider == nil {
		return c.errorf("", "Failed to load plugin schemas", "missing provider schema")
	}
	ps := &ProviderSchema{Resources: map[string]*Schema{}}
	var err error
	if ps.Provider, err = convertSchema(resp.Provider); err != nil {
		return c.errorf("", "Failed to load plugin schemas", "provider schema: %v", err)
	}
	var problems []string
	problems = append(problems, prefixAll("provider: ", ps.Provider.Block.InternalValidate(""))...)
	for name, s := range resp.ResourceSchemas {
		rs, err := convertSchema(s)
		if err != nil {
			return c.errorf("", "Failed to load plugin schemas", "resource %s: %v", name, err)
		}
		problems = append(problems, prefixAll(name+": ", rs.Block.InternalValidate(""))...)
		ps.Resources[name] = rs
	}
	if len(problems) > 0 {
		return c.errorf("", "Failed to load plugin schemas", "Internal validation of the provider failed:\n%s", strings.Join(problems, "\n"))
	}
	if resp.ServerCapabilities != nil {
		ps.PlanDestroy = resp.ServerCapabilities.PlanDestroy
	}
	if c.Schema != nil && len(c.Schema.Resources) != len(ps.Resources) {
		return c.errorf("", "Provider schema changed", "a later provider instance returned a different schema")
	}
	if c.Schema == nil {
		c.Schema = ps
	}
	return nil
}

func prefixAll(prefix string, ss []string) []string {
	for i := range ss {
		ss[i] = prefix + ss[i]
	}
	return ss
}

func (c *Core) loadSchemas() error {
	p, err := c.launch("schema")
	if err != nil {
		return err
	}
	defer p.Close()
	return c.getSchema(p)
}

// ---- provider configuration ----

func (c *Core) providerConfig() (cty.Value, error) {
	v, ds := decodeBody(c.Config.ProviderBody, c.Schema.Provider.Block, nil, "provider."+c.Config.ProviderName)
	if c.add(ds...) {
		return v, fmt.Errorf("invalid provider configuration")
	}
	return v, nil
}

func (c *Core) startWalk(walk string, configure bool) (*Provider, error) {
	p, err := c.launch(walk)
	if err != nil {
		return nil, err
	}
	if err := c.getSchema(p); err != nil {
		p.Close()
		return nil, err
	}
	pcfg, err := c.providerConfig()
	if err != nil {
		p.Close()
		return nil, err
	}
	ty := c.Schema.Provider.Block.ImpliedType()
	var vresp *pb.ValidateProviderConfig_Response
	if err := p.call("ValidateProviderConfig", func(ctx context.Context) (err error) {
		vresp, err = p.rpc.ValidateProviderConfig(ctx, &pb.ValidateProviderConfig_Request{Config: mustDV(pcfg, ty)})
		return
	}); err != nil {
		p.Close()
		return nil, err
	}
	if c.providerDiags("provider", vresp.Diagnostics) {
		p.Close()
		return nil, fmt.Errorf("invalid provider configuration")
	}
	if configure {
		var cresp *pb.ConfigureProvider_Response
		if err := p.call("ConfigureProvider", func(ctx context.Context) (err error) {
			cresp, err = p.rpc.ConfigureProvider(ctx, &pb.ConfigureProvider_Request{
				TerraformVersion:   terraformVersion,
				Config:             mustDV(pcfg, ty),
				ClientCapabilities: &pb.ClientCapabilities{DeferralAllowed: false, WriteOnlyAttributesAllowed: true},
			})
			return
		}); err != nil {
			p.Close()
			return nil, err
		}
		if c.providerDiags("provider", cresp.Diagnostics) {
			p.Close()
			return nil, fmt.Errorf("provider configuration failed")
		}
	}
	return p, nil
}

// ---- validate ----

func (c *Core) validateResource(p *Provider, rc *ResourceConfig, values map[string]cty.Value) (cty.Value, error) {
	s := c.Schema.Resources[rc.Type]
	cfg, ds := decodeBody(rc.Body, s.Block, c.evalContext(values), rc.Addr())
	if c.add(ds...) {
		return cfg, fmt.Errorf("invalid configuration for %s", rc.Addr())
	}
	var resp *pb.ValidateResourceConfig_Response
	if err := p.call("ValidateResourceConfig", func(ctx context.Context) (err error) {
		resp, err = p.rpc.ValidateResourceConfig(ctx, &pb.ValidateResourceConfig_Request{TypeName: rc.Type, Config: mustDV(cfg, s.Block.ImpliedType()),
			ClientCapabilities: &pb.ClientCapabilities{WriteOnlyAttributesAllowed: true}})
		return
	}); err != nil {
		return cfg, err
	}
	if c.providerDiags(rc.Addr(), resp.Diagnostics) {
		return cfg, fmt.Errorf("invalid configuration for %s", rc.Addr())
	}
	return cfg, nil
}

func (c *Core) Validate() error {
	p, err := c.startWalk("validate", false)
	if err != nil {
		return err
	}
	defer p.Close()
	order, ds := c.order()
	if c.add(ds...) {
		return fmt.Errorf("invalid configuration")
	}
	var firstErr error
	for _, rc := range order {
		// references are unknown in the validate walk
		if _, err := c.validateResource(p, rc, map[string]cty.Value{}); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}

// ---- refresh ----

func (c *Core) refresh(p *Provider) error {
	addrs := make([]string, 0, len(c.State.Resources))
	for a := range c.State.Resources {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, addr := range addrs {
		rs := c.State.Resources[addr]
		s := c.Schema.Resources[rs.Type]
		if s == nil {
			return c.errorf(addr, "Invalid resource type", "state holds %s, which the provider does not support", rs.Type)
		}
		ty := s.Block.ImpliedType()
		var uresp *pb.UpgradeResourceState_Response
		if err := p.call("UpgradeResourceState", func(ctx context.Context) (err error) {
			uresp, err = p.rpc.UpgradeResourceState(ctx, &pb.UpgradeResourceState_Request{TypeName: rs.Type, Version: rs.SchemaVersion, RawState: &pb.RawState{Json: rs.Raw}})
			return
		}); err != nil {
			return err
		}
		if c.providerDiags(addr, uresp.Diagnostics) {
			return fmt.Errorf("upgrading %s failed", addr)
		}
		up, err := decodeDV(uresp.UpgradedState, ty)
		if err != nil {
			return c.errorf(addr, "Provider returned invalid upgraded state", "%v", err)
		}
		if u := unknownPaths(up); len(u) > 0 {
			return c.errorf(addr, "Provider produced invalid object", "UpgradeResourceState returned unknown values at %s", strings.Join(u, ", "))
		}
		var rresp *pb.ReadResource_Response
		if err := p.call("ReadResource", func(ctx context.Context) (err error) {
			rresp, err = p.rpc.ReadResource(ctx, &pb.ReadResource_Request{TypeName: rs.Type, CurrentState: mustDV(up, ty), Private: rs.Private,
				ProviderMeta: mustDV(cty.NullVal(cty.EmptyObject), cty.EmptyObject), ClientCapabilities: &pb.ClientCapabilities{WriteOnlyAttributesAllowed: true}})
			return
		}); err != nil {
			return err
		}
		if c.providerDiags(addr, rresp.Diagnostics) {
			return fmt.Errorf("refreshing %s failed", addr)
		}
		nv, err := decodeDV(rresp.NewState, ty)
		if err != nil {
			return c.errorf(addr, "Provider returned invalid object from ReadResource", "%v", err)
		}
		if u := unknownPaths(nv); len(u) > 0 {
			return c.errorf(addr, "Provider produced invalid object", "Provider produced an invalid value after refresh: unknown values at %s", strings.Join(u, ", "))
		}
		if nv.IsNull() {
			c.Drift = append(c.Drift, Drift{Address: addr, Action: "delete"})
			delete(c.State.Resources, addr)
			continue
		}
		if d := diffPaths(up, nv); len(d) > 0 {
			c.Drift = append(c.Drift, Drift{Address: addr, Action: "update", Attributes: d})
		}
		rs.Value = nv
		rs.Private = rresp.Private
	}
	return nil
}

// ---- plan ----

func (c *Core) planResource(p *Provider, addr, typ string, prior, config cty.Value, priorPrivate []byte) (cty.Value, []byte, []cty.Path, error) {
	s := c.Schema.Resources[typ]
	ty := s.Block.ImpliedType()
	if prior == cty.NilVal {
		prior = cty.NullVal(ty)
	}
	proposed := ProposedNew(s.Block, prior, config)
	if config.IsNull() && !c.Schema.PlanDestroy {
		return cty.NullVal(ty), priorPrivate, nil, nil
	}
	var resp *pb.PlanResourceChange_Response
	if err := p.call("PlanResourceChange", func(ctx context.Context) (err error) {
		resp, err = p.rpc.PlanResourceChange(ctx, &pb.PlanResourceChange_Request{TypeName: typ, PriorState: mustDV(prior, ty), ProposedNewState: mustDV(proposed, ty),
			Config: mustDV(config, ty), PriorPrivate: priorPrivate, ProviderMeta: mustDV(cty.NullVal(cty.EmptyObject), cty.EmptyObject),
			ClientCapabilities: &pb.ClientCapabilities{WriteOnlyAttributesAllowed: true}})
		return
	}); err != nil {
		return cty.NilVal, nil, nil, err
	}
	if c.providerDiags(addr, resp.Diagnostics) {
		return cty.NilVal, nil, nil, fmt.Errorf("planning %s failed", addr)
	}
	if resp.LegacyTypeSystem {
		return cty.NilVal, nil, nil, c.errorf(addr, "Provider produced invalid plan", "legacy_type_system is set; a tfplugin6 provider must not set it")
	}
	planned, err := decodeDV(resp.PlannedState, ty)
	if err != nil {
		return cty.NilVal, nil, nil, c.errorf(addr, "Provider produced invalid plan", "planned_state: %v", err)
	}
	if errs := AssertPlanValid(s.Block, prior, config, planned); len(errs) > 0 {
		return cty.NilVal, nil, nil, c.invalid(addr, "Provider produced invalid plan",
			fmt.Sprintf("Provider %q planned an invalid value for %s", c.Source, addr), errs)
	}
	var rr []cty.Path
	for _, ap := range resp.RequiresReplace {
		path := pbPath(ap)
		if !pathInSchema(s.Block, path) {
			return cty.NilVal, nil, nil, c.errorf(addr, "Provider produced invalid plan", "requires_replace names %s, which is not in the schema of %s", fmtPath(path), typ)
		}
		rr = append(rr, path)
	}
	return planned, resp.PlannedPrivate, rr, nil
}

func (c *Core) invalid(addr, summary, lead string, errs []error) error {
	var lines []string
	attr := ""
	for _, e := range errs {
		lines = append(lines, "  - "+e.Error())
		if pe, ok := e.(*PathError); ok && attr == "" {
			attr = strings.TrimPrefix(fmtPath(pe.Path), ".")
		}
	}
	d := &Diag{Severity: "error", Summary: summary, Detail: lead + ":\n" + strings.Join(lines, "\n") + "\n\nThis is a bug in the provider, which should be reported in the provider's own issue tracker.", Address: addr, Attribute: attr}
	return d
}

// replacePaths: requires_replace paths whose value changes between prior and planned.
func replacePaths(prior, planned cty.Value, rr []cty.Path) []string {
	var out []string
	for _, p := range rr {
		pv, ok1 := pathValue(prior, p)
		nv, ok2 := pathValue(planned, p)
		if !ok1 || !ok2 {
			out = append(out, fmtPath(p))
			continue
		}
		if !nv.IsKnown() || !pv.IsKnown() {
			out = append(out, fmtPath(p))
			continue
		}
		if eq := pv.Equals(nv); !eq.IsKnown() || !eq.True() {
			out = append(out, fmtPath(p))
		}
	}
	return out
}

type planMode int

const (
	modeNormal planMode = iota
	modeDestroy
	modeRefreshOnly
)

// Plan runs the plan walk; the provider process ends with it.
func (c *Core) Plan(mode planMode) (map[string]cty.Value, error) {
	p, err := c.startWalk("plan", true)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	order, ds := c.order()
	if c.add(ds...) {
		return nil, fmt.Errorf("invalid configuration")
	}
	if err := c.refresh(p); err != nil {
		return nil, err
	}
	values := map[string]cty.Value{}
	if mode == modeRefreshOnly {
		return values, nil
	}
	inConfig := map[string]bool{}
	if mode == modeNormal {
		for _, rc := range order {
			inConfig[rc.Addr()] = true
			s := c.Schema.Resources[rc.Type]
			ty := s.Block.ImpliedType()
			cfg, err := c.validateResource(p, rc, values)
			if err != nil {
				return nil, err
			}
			prior, priv := cty.NullVal(ty), []byte(nil)
			if rs := c.State.Resources[rc.Addr()]; rs != nil {
				prior, priv = rs.Value, rs.Private
			}
			planned, ppriv, rr, err := c.planResource(p, rc.Addr(), rc.Type, prior, cfg, priv)
			if err != nil {
				return nil, err
			}
			ch := &Change{Addr: rc.Addr(), Type: rc.Type, Name: rc.Name, Prior: prior, Planned: planned, PlannedPrivate: ppriv}
			for _, r := range rr {
				ch.RequiresReplace = append(ch.RequiresReplace, fmtPath(r))
			}
			switch {
			case prior.IsNull():
				ch.Action = "create"
			default:
				rp := replacePaths(prior, planned, rr)
				if c.ForceReplace[rc.Addr()] && len(rp) == 0 {
					rp = []string{"-replace"}
				}
				if eq := planned.Equals(prior); eq.IsKnown() && eq.True() && len(rp) == 0 {
					ch.Action = "no-op"
				} else if len(rp) > 0 {
					ch.Action, ch.ReplacedBy = "replace", rp
					// a replacement is planned again as a create, with the first call's planned_private
					// as prior_private (terraform's node_resource_abstract_instance does the same)
					planned, ppriv, _, err = c.planResource(p, rc.Addr(), rc.Type, cty.NullVal(ty), cfg, ppriv)
					if err != nil {
						return nil, err
					}
					ch.Planned, ch.PlannedPrivate = planned, ppriv
				} else {
					ch.Action = "update"
				}
			}
			values[rc.Addr()] = ch.Planned
			c.Changes = append(c.Changes, ch)
		}
	}
	// Resources in state but not in configuration (or all of them, for destroy): delete, dependents first.
	var gone []*ResourceState
	for addr, rs := range c.State.Resources {
		if !inConfig[addr] {
			gone = append(gone, rs)
		}
	}
	for _, rs := range destroyOrder(gone) {
		planned, ppriv, _, err := c.planResource(p, rs.Addr(), rs.Type, rs.Value, cty.NullVal(c.Schema.Resources[rs.Type].Block.ImpliedType()), rs.Private)
		if err != nil {
			return nil, err
		}
		if !planned.IsNull() {
			return nil, c.errorf(rs.Addr(), "Provider produced invalid plan", "a destroy was planned as a non-null object")
		}
		c.Changes = append(c.Changes, &Change{Addr: rs.Addr(), Type: rs.Type, Name: rs.Name, Action: "delete", Prior: rs.Value, Planned: planned, PlannedPrivate: ppriv})
	}
	return values, nil
}

// destroyOrder: resources that depend on others go first.
func destroyOrder(rs []*ResourceState) []*ResourceState {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Addr() < rs[j].Addr() })
	byAddr := map[string]*ResourceState{}
	for _, r := range rs {
		byAddr[r.Addr()] = r
	}
	var out []*ResourceState
	done := map[string]bool{}
	var visit func(r *ResourceState)
	visit = func(r *ResourceState) {
		if done[r.Addr()] {
			return
		}
		done[r.Addr()] = true
		for _, o := range rs { // dependents of r first
			for _, d := range o.Dependencies {
				if d == r.Addr() {
					visit(o)
				}
			}
		}
		out = append(out, r)
	}
	for _, r := range rs {
		visit(r)
	}
	return out
}

func (c *Core) HasChanges() bool {
	for _, ch := range c.Changes {
		if ch.Action != "no-op" {
			return true
		}
	}
	return false
}

// ---- apply ----

func (c *Core) Apply() error {
	p, err := c.startWalk("apply", true)
	if err != nil {
		return err
	}
	defer p.Close()
	values := map[string]cty.Value{}
	for _, ch := range c.Changes {
		if ch.Action == "no-op" {
			values[ch.Addr] = ch.Prior
		}
	}
	// deletes of resources no longer configured go first (dependents first, as planned)
	for _, ch := range c.Changes {
		if ch.Action == "delete" {
			if err := c.applyDelete(p, ch); err != nil {
				return err
			}
		}
	}
	for _, ch := range c.Changes {
		if ch.Action == "delete" || ch.Action == "no-op" {
			continue
		}
		if ch.Action == "replace" {
			if err := c.applyDelete(p, ch); err != nil {
				return err
			}
		}
		if err := c.applyChange(p, ch, values); err != nil {
			return err
		}
	}
	return nil
}

func (c *Core) applyDelete(p *Provider, ch *Change) error {
	s := c.Schema.Resources[ch.Type]
	ty := s.Block.ImpliedType()
	priv := ch.PlannedPrivate
	if ch.Action == "replace" {
		priv = c.State.Resources[ch.Addr].Private
	}
	var resp *pb.ApplyResourceChange_Response
	if err := p.call("ApplyResourceChange", func(ctx context.Context) (err error) {
		resp, err = p.rpc.ApplyResourceChange(ctx, &pb.ApplyResourceChange_Request{TypeName: ch.Type, PriorState: mustDV(ch.Prior, ty),
			PlannedState: mustDV(cty.NullVal(ty), ty), Config: mustDV(cty.NullVal(ty), ty), PlannedPrivate: priv,
			ProviderMeta: mustDV(cty.NullVal(cty.EmptyObject), cty.EmptyObject)})
		return
	}); err != nil {
		return err
	}
	bad := c.providerDiags(ch.Addr, resp.Diagnostics)
	nv, err := decodeDV(resp.NewState, ty)
	if err != nil {
		return c.errorf(ch.Addr, "Provider returned invalid result object after apply", "%v", err)
	}
	if bad {
		return fmt.Errorf("destroying %s failed", ch.Addr)
	}
	if !nv.IsNull() {
		return c.errorf(ch.Addr, "Provider returned invalid result object after apply", "After applying a destroy, the provider returned a non-null object")
	}
	delete(c.State.Resources, ch.Addr)
	c.Applied = append(c.Applied, ch.Addr+":delete")
	return c.State.Save(c)
}

func (c *Core) applyChange(p *Provider, ch *Change, values map[string]cty.Value) error {
	rc := c.Config.byAddr[ch.Addr]
	s := c.Schema.Resources[ch.Type]
	ty := s.Block.ImpliedType()
	prior, priorPriv := cty.NullVal(ty), []byte(nil)
	if ch.Action == "update" {
		prior, priorPriv = ch.Prior, c.State.Resources[ch.Addr].Private
	}
	// final plan, with the values learned so far during apply
	cfg, err := c.validateResource(p, rc, values)
	if err != nil {
		return err
	}
	if u := unknownPaths(cfg); len(u) > 0 {
		return c.errorf(ch.Addr, "Configuration contains unknown value", "after applying its dependencies, %s is still unknown at %s", ch.Addr, strings.Join(u, ", "))
	}
	final, fpriv, rr, err := c.planResource(p, ch.Addr, ch.Type, prior, cfg, priorPriv)
	if err != nil {
		return err
	}
	if errs := AssertObjectCompatible(s.Block, ch.Planned, final); len(errs) > 0 {
		return c.invalid(ch.Addr, "Provider produced inconsistent final plan",
			fmt.Sprintf("When expanding the plan for %s to include new values learned so far during apply, provider %q produced an invalid new value", ch.Addr, c.Source), errs)
	}
	if ch.Action == "update" {
		if rp := replacePaths(prior, final, rr); len(rp) > 0 {
			return c.errorf(ch.Addr, "Provider produced inconsistent final plan", "the final plan for %s requires replacement (%s), but the first plan was an update", ch.Addr, strings.Join(rp, ", "))
		}
	}
	var resp *pb.ApplyResourceChange_Response
	if err := p.call("ApplyResourceChange", func(ctx context.Context) (err error) {
		resp, err = p.rpc.ApplyResourceChange(ctx, &pb.ApplyResourceChange_Request{TypeName: ch.Type, PriorState: mustDV(prior, ty),
			PlannedState: mustDV(final, ty), Config: mustDV(cfg, ty), PlannedPrivate: fpriv,
			ProviderMeta: mustDV(cty.NullVal(cty.EmptyObject), cty.EmptyObject)})
		return
	}); err != nil {
		return err
	}
	bad := c.providerDiags(ch.Addr, resp.Diagnostics)
	nv, derr := decodeDV(resp.NewState, ty)
	if derr != nil {
		return c.errorf(ch.Addr, "Provider returned invalid result object after apply", "%v", derr)
	}
	if u := unknownPaths(nv); len(u) > 0 {
		return c.errorf(ch.Addr, "Provider returned invalid result object after apply",
			"After the apply operation, the provider still indicated an unknown value for %s: new_state contains unknown values at %s. All values must be known after apply, so this is always a bug in the provider.", ch.Addr, strings.Join(u, ", "))
	}
	if bad {
		// a partial result is kept, as core keeps it
		if !nv.IsNull() {
			c.storeState(ch, nv, resp.Private)
			_ = c.State.Save(c)
		}
		return fmt.Errorf("applying %s failed", ch.Addr)
	}
	if errs := AssertObjectCompatible(s.Block, final, nv); len(errs) > 0 {
		if !nv.IsNull() {
			c.storeState(ch, nv, resp.Private)
			_ = c.State.Save(c)
		}
		return c.invalid(ch.Addr, "Provider produced inconsistent result after apply",
			fmt.Sprintf("When applying changes to %s, provider %q produced an unexpected new value", ch.Addr, c.Source), errs)
	}
	c.storeState(ch, nv, resp.Private)
	values[ch.Addr] = nv
	c.Applied = append(c.Applied, ch.Addr+":"+ch.Action)
	return c.State.Save(c)
}

func (c *Core) storeState(ch *Change, v cty.Value, priv []byte) {
	rc := c.Config.byAddr[ch.Addr]
	s := c.Schema.Resources[ch.Type]
	deps := c.Config.References(rc, s.Block.DecoderSpec())
	c.State.Resources[ch.Addr] = &ResourceState{Type: ch.Type, Name: ch.Name, SchemaVersion: s.Version, Value: v, Private: priv, Dependencies: deps}
}

// ---- import ----

func (c *Core) Import(addr, id string) error {
	rc := c.Config.byAddr[addr]
	if rc == nil {
		return c.errorf(addr, "Configuration for import target does not exist", "The configuration for the given import %s does not exist. All target instances must have an associated configuration to be imported.", addr)
	}
	if _, ok := c.State.Resources[addr]; ok {
		return c.errorf(addr, "Resource already managed by Terraform", "Terraform is already managing a remote object for %s.", addr)
	}
	p, err := c.startWalk("import", true)
	if err != nil {
		return err
	}
	defer p.Close()
	s := c.Schema.Resources[rc.Type]
	if s == nil {
		return c.errorf(addr, "Invalid resource type", "The provider does not support resource type %q.", rc.Type)
	}
	ty := s.Block.ImpliedType()
	var resp *pb.ImportResourceState_Response
	if err := p.call("ImportResourceState", func(ctx context.Context) (err error) {
		resp, err = p.rpc.ImportResourceState(ctx, &pb.ImportResourceState_Request{TypeName: rc.Type, Id: id, ClientCapabilities: &pb.ClientCapabilities{WriteOnlyAttributesAllowed: true}})
		return
	}); err != nil {
		return err
	}
	if c.providerDiags(addr, resp.Diagnostics) {
		return fmt.Errorf("importing %s failed", addr)
	}
	if len(resp.ImportedResources) != 1 {
		return c.errorf(addr, "Multiple or no resources imported", "ImportResourceState returned %d objects; tfcore imports exactly one", len(resp.ImportedResources))
	}
	ir := resp.ImportedResources[0]
	if ir.TypeName != rc.Type {
		return c.errorf(addr, "Provider returned invalid import", "imported type %q, expected %q", ir.TypeName, rc.Type)
	}
	v, err := decodeDV(ir.State, ty)
	if err != nil {
		return c.errorf(addr, "Provider returned invalid import", "%v", err)
	}
	if v.IsNull() {
		return c.errorf(addr, "Import returned null resource", "While attempting to import with ID %s, the provider returned an instance with no state.", id)
	}
	var rresp *pb.ReadResource_Response
	if err := p.call("ReadResource", func(ctx context.Context) (err error) {
		rresp, err = p.rpc.ReadResource(ctx, &pb.ReadResource_Request{TypeName: rc.Type, CurrentState: mustDV(v, ty), Private: ir.Private,
			ProviderMeta: mustDV(cty.NullVal(cty.EmptyObject), cty.EmptyObject), ClientCapabilities: &pb.ClientCapabilities{WriteOnlyAttributesAllowed: true}})
		return
	}); err != nil {
		return err
	}
	if c.providerDiags(addr, rresp.Diagnostics) {
		return fmt.Errorf("reading imported %s failed", addr)
	}
	nv, err := decodeDV(rresp.NewState, ty)
	if err != nil {
		return c.errorf(addr, "Provider returned invalid object from ReadResource", "%v", err)
	}
	if nv.IsNull() {
		return c.errorf(addr, "Cannot import non-existent remote object",
			"While attempting to import an existing object to %q, the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use \"terraform apply\" to create a new remote object for this resource.", addr)
	}
	if u := unknownPaths(nv); len(u) > 0 {
		return c.errorf(addr, "Provider produced invalid object", "imported object has unknown values at %s", strings.Join(u, ", "))
	}
	c.State.Resources[addr] = &ResourceState{Type: rc.Type, Name: rc.Name, SchemaVersion: s.Version, Value: nv, Private: rresp.Private}
	c.Applied = append(c.Applied, addr+":import")
	return c.State.Save(c)
}
