package main

// Configuration as terraform reads it with hcl/v2: native syntax (.tf) and JSON (.tf.json, what cdktf
// synthesises: "//" keys ignored, provider blocks as an object or an array of objects). Supported:
// provider and resource blocks, literals, references to other resources' attributes and templates,
// depends_on. Not supported: variables, locals, outputs' values, data sources, modules, count, for_each.

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

type ResourceConfig struct {
	Type, Name string
	Body       hcl.Body
	DependsOn  []string
	Range      hcl.Range
}

func (r *ResourceConfig) Addr() string { return r.Type + "." + r.Name }

type Config struct {
	ProviderName string
	ProviderBody hcl.Body
	Resources    []*ResourceConfig
	byAddr       map[string]*ResourceConfig
}

var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "terraform"},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "import"},
		{Type: "moved"},
	},
}

var resourceMetaSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "depends_on"}, {Name: "provider"}, {Name: "count"}, {Name: "for_each"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "lifecycle"}, {Type: "provisioner", LabelNames: []string{"type"}}, {Type: "connection"}},
}

func hclDiags(d hcl.Diagnostics, addr string) []*Diag {
	var out []*Diag
	for _, e := range d {
		sev := "error"
		if e.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		detail := e.Detail
		if e.Subject != nil {
			detail = strings.TrimSpace(detail + " (" + e.Subject.String() + ")")
		}
		out = append(out, &Diag{Severity: sev, Summary: e.Summary, Detail: detail, Address: addr})
	}
	return out
}

func loadConfig(path string) (*Config, []*Diag) {
	var files []string
	st, err := os.Stat(path)
	if err != nil {
		return nil, []*Diag{{Severity: "error", Summary: "Failed to read configuration", Detail: err.Error()}}
	}
	if st.IsDir() {
		entries, _ := os.ReadDir(path)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tf") || strings.HasSuffix(e.Name(), ".tf.json") {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
		sort.Strings(files)
	} else {
		files = []string{path}
	}
	parser := hclparse.NewParser()
	cfg := &Config{byAddr: map[string]*ResourceConfig{}}
	var diags []*Diag
	for _, f := range files {
		var file *hcl.File
		var d hcl.Diagnostics
		if strings.HasSuffix(f, ".json") {
			file, d = parser.ParseJSONFile(f)
		} else {
			file, d = parser.ParseHCLFile(f)
		}
		diags = append(diags, hclDiags(d, "")...)
		if d.HasErrors() {
			continue
		}
		content, d := file.Body.Content(fileSchema)
		diags = append(diags, hclDiags(d, "")...)
		if content == nil {
			continue
		}
		for _, blk := range content.Blocks {
			switch blk.Type {
			case "terraform", "output":
				// required_providers, backend: nothing for tfcore to do. Outputs are not evaluated.
			case "provider":
				if cfg.ProviderBody != nil {
					diags = append(diags, &Diag{Severity: "error", Summary: "Duplicate provider configuration", Detail: "tfcore supports one provider block (no aliases)"})
					continue
				}
				cfg.ProviderName = blk.Labels[0]
				cfg.ProviderBody = blk.Body
			case "resource":
				rc := &ResourceConfig{Type: blk.Labels[0], Name: blk.Labels[1], Range: blk.DefRange}
				meta, rest, d := blk.Body.PartialContent(resourceMetaSchema)
				diags = append(diags, hclDiags(d, rc.Addr())...)
				for name := range meta.Attributes {
					if name == "count" || name == "for_each" {
						diags = append(diags, &Diag{Severity: "error", Summary: "Unsupported argument", Detail: "tfcore does not support " + name, Address: rc.Addr()})
					}
				}
				if dep, ok := meta.Attributes["depends_on"]; ok {
					for _, t := range dependsOnTraversals(dep.Expr) {
						rc.DependsOn = append(rc.DependsOn, t)
					}
				}
				rc.Body = rest
				if _, dup := cfg.byAddr[rc.Addr()]; dup {
					diags = append(diags, &Diag{Severity: "error", Summary: "Duplicate resource configuration", Address: rc.Addr()})
					continue
				}
				cfg.byAddr[rc.Addr()] = rc
				cfg.Resources = append(cfg.Resources, rc)
			default:
				diags = append(diags, &Diag{Severity: "error", Summary: "Unsupported block type", Detail: "tfcore does not support " + blk.Type + " blocks"})
			}
		}
	}
	return cfg, diags
}

// dependsOnTraversals: depends_on = [ferry_x.a] in .tf, ["ferry_x.a"] or ["${ferry_x.a}"] in .tf.json.
func dependsOnTraversals(expr hcl.Expression) []string {
	var out []string
	exprs, d := hcl.ExprList(expr)
	if d.HasErrors() {
		return nil
	}
	for _, e := range exprs {
		if trav, d := hcl.AbsTraversalForExpr(e); !d.HasErrors() && len(trav) >= 2 {
			if n, ok := trav[1].(hcl.TraverseAttr); ok {
				out = append(out, trav.RootName()+"."+n.Name)
			}
			continue
		}
		if v, d := e.Value(nil); !d.HasErrors() && v.Type() == cty.String {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(v.AsString(), "${"), "}"))
		}
	}
	return out
}

// References: the other resources a resource's configuration refers to.
func (c *Config) References(rc *ResourceConfig, spec hcldec.Spec) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range hcldec.Variables(rc.Body, spec) {
		if len(t) < 2 {
			continue
		}
		n, ok := t[1].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		addr := t.RootName() + "." + n.Name
		if _, known := c.byAddr[addr]; known && !seen[addr] && addr != rc.Addr() {
			seen[addr] = true
			out = append(out, addr)
		}
	}
	for _, addr := range rc.DependsOn {
		if _, known := c.byAddr[addr]; known && !seen[addr] {
			seen[addr] = true
			out = append(out, addr)
		}
	}
	sort.Strings(out)
	return out
}

// Order: configuration resources in dependency order (references first), stable by address.
func (c *Core) order() ([]*ResourceConfig, []*Diag) {
	deps := map[string][]string{}
	for _, rc := range c.Config.Resources {
		s := c.Schema.Resources[rc.Type]
		if s == nil {
			return nil, []*Diag{{Severity: "error", Summary: "Invalid resource type", Detail: fmt.Sprintf("The provider does not support resource type %q.", rc.Type), Address: rc.Addr()}}
		}
		deps[rc.Addr()] = c.Config.References(rc, s.Block.DecoderSpec())
	}
	addrs := make([]string, 0, len(deps))
	for a := range deps {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	var out []*ResourceConfig
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(a string) *Diag
	visit = func(a string) *Diag {
		switch state[a] {
		case 1:
			return &Diag{Severity: "error", Summary: "Cycle", Detail: "dependency cycle through " + a}
		case 2:
			return nil
		}
		state[a] = 1
		for _, d := range deps[a] {
			if err := visit(d); err != nil {
				return err
			}
		}
		state[a] = 2
		out = append(out, c.Config.byAddr[a])
		return nil
	}
	for _, a := range addrs {
		if d := visit(a); d != nil {
			return nil, []*Diag{d}
		}
	}
	return out, nil
}

// evalContext: every configured resource's current value, by type and name. Resources not yet
// planned/applied are wholly unknown, as in terraform's validate walk.
func (c *Core) evalContext(values map[string]cty.Value) *hcl.EvalContext {
	byType := map[string]map[string]cty.Value{}
	for _, rc := range c.Config.Resources {
		s := c.Schema.Resources[rc.Type]
		if s == nil {
			continue
		}
		v, ok := values[rc.Addr()]
		if !ok || v == cty.NilVal {
			v = cty.UnknownVal(s.Block.ImpliedType())
		}
		if byType[rc.Type] == nil {
			byType[rc.Type] = map[string]cty.Value{}
		}
		byType[rc.Type][rc.Name] = v
	}
	vars := map[string]cty.Value{}
	for t, m := range byType {
		vars[t] = cty.ObjectVal(m)
	}
	return &hcl.EvalContext{Variables: vars}
}

// decodeBody: a block's configuration as a value of the schema's implied type.
func decodeBody(body hcl.Body, b *Block, ctx *hcl.EvalContext, addr string) (cty.Value, []*Diag) {
	ty := b.ImpliedType()
	if body == nil {
		body = hcl.EmptyBody()
	}
	v, d := hcldec.Decode(body, b.DecoderSpec(), ctx)
	diags := hclDiags(d, addr)
	if d.HasErrors() {
		return cty.NullVal(ty), diags
	}
	cv, err := convert.Convert(v, ty)
	if err != nil {
		return cty.NullVal(ty), append(diags, &Diag{Severity: "error", Summary: "Invalid configuration", Detail: err.Error(), Address: addr})
	}
	// Computed-only attributes can't be configured.
	for _, name := range sortedKeys(b.Attributes) {
		a := b.Attributes[name]
		if a.Computed && !a.Optional && !a.Required && !cv.GetAttr(name).IsNull() {
			diags = append(diags, &Diag{Severity: "error", Summary: "Invalid Configuration for Read-Only Attribute",
				Detail: fmt.Sprintf("Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value."), Address: addr, Attribute: name})
		}
	}
	return cv, diags
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o600) }
