package main

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// a block like the provider's: required input, optional input, computed output, optional+computed.
func testBlock() *Block {
	return &Block{
		Attributes: map[string]*Attribute{
			"volume_id": {Type: cty.String, Required: true},
			"allow":     {Type: cty.Bool, Optional: true},
			"id":        {Type: cty.String, Computed: true},
			"device":    {Type: cty.Number, Optional: true, Computed: true},
		},
		Blocks: map[string]*NestedBlock{
			"rule": {Nesting: nestList, Block: &Block{Attributes: map[string]*Attribute{
				"to":   {Type: cty.String, Required: true},
				"hits": {Type: cty.Number, Computed: true},
			}, Blocks: map[string]*NestedBlock{}}},
		},
	}
}

func obj(vol string, allow cty.Value, id, device cty.Value, rules ...cty.Value) cty.Value {
	ruleTy := cty.Object(map[string]cty.Type{"to": cty.String, "hits": cty.Number})
	rl := cty.ListValEmpty(ruleTy)
	if len(rules) > 0 {
		rl = cty.ListVal(rules)
	}
	return cty.ObjectVal(map[string]cty.Value{"volume_id": cty.StringVal(vol), "allow": allow, "id": id, "device": device, "rule": rl})
}

func rule(to string, hits cty.Value) cty.Value {
	return cty.ObjectVal(map[string]cty.Value{"to": cty.StringVal(to), "hits": hits})
}

var (
	nullS = cty.NullVal(cty.String)
	nullN = cty.NullVal(cty.Number)
	nullB = cty.NullVal(cty.Bool)
)

func TestProposedNewKeepsPriorComputedOnly(t *testing.T) {
	b := testBlock()
	prior := obj("v1", cty.True, cty.StringVal("x"), cty.NumberIntVal(3), rule("a", cty.NumberIntVal(9)))
	config := obj("v2", nullB, nullS, nullN, rule("a", nullN), rule("b", nullN))
	got := ProposedNew(b, prior, config)
	want := obj("v2", nullB, cty.StringVal("x"), cty.NumberIntVal(3), rule("a", cty.NumberIntVal(9)), rule("b", nullN))
	if !got.RawEquals(want) {
		t.Fatalf("ProposedNew = %#v, want %#v", got, want)
	}
	// create: computed attributes stay null (not unknown)
	created := ProposedNew(b, cty.NullVal(b.ImpliedType()), config)
	if !created.GetAttr("id").IsNull() {
		t.Fatalf("create: id = %#v, want null", created.GetAttr("id"))
	}
	if !ProposedNew(b, prior, cty.NullVal(b.ImpliedType())).IsNull() {
		t.Fatal("destroy: proposed must be null")
	}
}

func TestAssertPlanValid(t *testing.T) {
	b := testBlock()
	config := obj("v2", cty.True, nullS, nullN)
	prior := obj("v1", cty.True, cty.StringVal("x"), cty.NumberIntVal(1))
	ok := []cty.Value{
		obj("v2", cty.True, cty.UnknownVal(cty.String), cty.UnknownVal(cty.Number)),
		obj("v2", cty.True, cty.StringVal("y"), cty.NumberIntVal(7)), // computed, config null: provider decides
	}
	for _, p := range ok {
		if errs := AssertPlanValid(b, prior, config, p); len(errs) > 0 {
			t.Errorf("valid plan rejected: %v", errs)
		}
	}
	bad := map[string]cty.Value{
		".volume_id: planned value":      obj("v3", cty.True, nullS, nullN),                   // mutates config
		".allow: planned value":          obj("v2", cty.UnknownVal(cty.Bool), nullS, nullN),   // unknown non-computed
		"planned for absence":            cty.NullVal(b.ImpliedType()),                        // null for a config
		".rule: block count in plan (1)": obj("v2", cty.True, nullS, nullN, rule("z", nullN)), // extra block
	}
	for want, p := range bad {
		errs := AssertPlanValid(b, prior, config, p)
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), want) {
			t.Errorf("want error %q, got %v", want, errs)
		}
	}
	// keeping the prior value of a set attribute is allowed (normalisation)
	if errs := AssertPlanValid(b, prior, obj("V1", cty.True, nullS, nullN), obj("v1", cty.True, nullS, nullN)); len(errs) > 0 {
		t.Errorf("prior value kept: %v", errs)
	}
}

func TestAssertObjectCompatible(t *testing.T) {
	b := testBlock()
	planned := obj("v2", cty.True, cty.UnknownVal(cty.String), cty.NumberIntVal(4), rule("a", cty.UnknownVal(cty.Number)))
	if errs := AssertObjectCompatible(b, planned, obj("v2", cty.True, cty.StringVal("id"), cty.NumberIntVal(4), rule("a", cty.NumberIntVal(2)))); len(errs) > 0 {
		t.Errorf("compatible result rejected: %v", errs)
	}
	cases := map[string]cty.Value{
		".device: was 4, but now 5":   obj("v2", cty.True, cty.StringVal("id"), cty.NumberIntVal(5), rule("a", cty.NumberIntVal(2))),
		".rule: block count changed":  obj("v2", cty.True, cty.StringVal("id"), cty.NumberIntVal(4)),
		"was present, but now absent": cty.NullVal(b.ImpliedType()),
	}
	for want, actual := range cases {
		errs := AssertObjectCompatible(b, planned, actual)
		if len(errs) == 0 || !strings.Contains(errs[0].Error(), want) {
			t.Errorf("want error %q, got %v", want, errs)
		}
	}
	if u := unknownPaths(planned); strings.Join(u, ",") != ".id,.rule[0].hits" {
		t.Errorf("unknownPaths = %v", u)
	}
}

func TestReplacePaths(t *testing.T) {
	prior := obj("v1", cty.True, cty.StringVal("x"), nullN)
	planned := obj("v2", cty.False, cty.StringVal("x"), nullN)
	rr := []cty.Path{cty.GetAttrPath("volume_id"), cty.GetAttrPath("id")}
	if got := replacePaths(prior, planned, rr); strings.Join(got, ",") != ".volume_id" {
		t.Errorf("replacePaths = %v", got)
	}
	if !pathInSchema(testBlock(), cty.GetAttrPath("rule").Index(cty.NumberIntVal(0)).GetAttr("to")) {
		t.Error("rule[0].to is in the schema")
	}
	if pathInSchema(testBlock(), cty.GetAttrPath("nope")) {
		t.Error("nope is not in the schema")
	}
}

func TestConfigJSONAndHCLDecodeAlike(t *testing.T) {
	b := testBlock()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := dir + "/" + name
		if err := writeFile(p, text); err != nil {
			t.Fatal(err)
		}
		return p
	}
	js := write("a.tf.json", `{"//":{"x":1},"provider":{"ferry":[{}]},"resource":{"ferry_x":{"a":{"volume_id":"v","allow":true,"rule":[{"to":"t"}],"//":{"m":1}},"b":{"volume_id":"${ferry_x.a.id}-2","depends_on":["ferry_x.a"]}}}}`)
	hc := write("b.tf", "provider \"ferry\" {}\nresource \"ferry_x\" \"a\" {\n  volume_id = \"v\"\n  allow = true\n  rule {\n    to = \"t\"\n  }\n}\nresource \"ferry_x\" \"b\" {\n  volume_id = \"${ferry_x.a.id}-2\"\n  depends_on = [ferry_x.a]\n}\n")
	var got []cty.Value
	for _, p := range []string{js, hc} {
		cfg, diags := loadConfig(p)
		if len(diags) > 0 {
			t.Fatalf("%s: %v", p, diags[0])
		}
		c := &Core{Config: cfg, Schema: &ProviderSchema{Resources: map[string]*Schema{"ferry_x": {Block: b}}}}
		order, ds := c.order()
		if len(ds) > 0 || len(order) != 2 || order[0].Name != "a" {
			t.Fatalf("%s: order %v %v", p, order, ds)
		}
		values := map[string]cty.Value{"ferry_x.a": obj("v", cty.True, cty.StringVal("ID"), nullN)}
		a, d1 := decodeBody(order[0].Body, b, c.evalContext(values), "ferry_x.a")
		v, d2 := decodeBody(order[1].Body, b, c.evalContext(values), "ferry_x.b")
		if len(d1)+len(d2) > 0 {
			t.Fatalf("%s: %v %v", p, d1, d2)
		}
		if v.GetAttr("volume_id").AsString() != "ID-2" {
			t.Fatalf("%s: reference not resolved: %#v", p, v)
		}
		if deps := c.Config.References(order[1], b.DecoderSpec()); len(deps) != 1 || deps[0] != "ferry_x.a" {
			t.Fatalf("%s: references %v", p, deps)
		}
		got = append(got, a)
	}
	if !got[0].RawEquals(got[1]) {
		t.Fatalf(".tf.json and .tf differ: %#v vs %#v", got[0], got[1])
	}
	// references are unknown in the validate walk
	cfg, _ := loadConfig(js)
	c := &Core{Config: cfg, Schema: &ProviderSchema{Resources: map[string]*Schema{"ferry_x": {Block: b}}}}
	v, _ := decodeBody(cfg.byAddr["ferry_x.b"].Body, b, c.evalContext(map[string]cty.Value{}), "ferry_x.b")
	if v.GetAttr("volume_id").IsKnown() {
		t.Fatal("a reference to an unplanned resource must be unknown")
	}
}

// an object attribute holding objects (storage = { aws = { storage_type = "gp2" } }): compared
// attribute by attribute, never indexed like a map.
func TestObjectInObjectCompat(t *testing.T) {
	inner := func(v string) cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"aws": cty.ObjectVal(map[string]cty.Value{"storage_type": cty.StringVal(v)})})
	}
	if errs := assertValueCompat(inner("gp2"), inner("gp2"), nil); len(errs) != 0 {
		t.Fatalf("equal nested objects: %v", errs)
	}
	if errs := assertValueCompat(inner("gp2"), inner("io1"), nil); len(errs) != 1 {
		t.Fatalf("a changed nested attribute must be one error, got %v", errs)
	}
}
