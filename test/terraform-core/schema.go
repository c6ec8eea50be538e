package main

// The provider's schema as core holds it: blocks, attributes and nested blocks, the cty type each one
// implies, the hcldec spec config is decoded with, and the structural checks core applies to a schema
// before using it.

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	pb "tfcore/tfplugin6"
)

const (
	nestSingle = 1
	nestList   = 2
	nestSet    = 3
	nestMap    = 4
	nestGroup  = 5
)

var nestingNames = map[int]string{nestSingle: "single", nestList: "list", nestSet: "set", nestMap: "map", nestGroup: "group"}

type Attribute struct {
	Type      cty.Type
	TypeJSON  json.RawMessage
	Nested    *Object
	Required  bool
	Optional  bool
	Computed  bool
	Sensitive bool
	WriteOnly bool
}

type Object struct {
	Attributes map[string]*Attribute
	Nesting    int
}

type Block struct {
	Attributes map[string]*Attribute
	Blocks     map[string]*NestedBlock
}

type NestedBlock struct {
	Block    *Block
	Nesting  int
	MinItems int
	MaxItems int
}

type Schema struct {
	Version int64
	Block   *Block
}

type ProviderSchema struct {
	Provider     *Schema
	Resources    map[string]*Schema
	PlanDestroy  bool
	SchemaJSONOK bool
}

func convertSchema(s *pb.Schema) (*Schema, error) {
	if s == nil {
		return nil, fmt.Errorf("missing schema")
	}
	b, err := convertBlock(s.Block)
	if err != nil {
		return nil, err
	}
	return &Schema{Version: s.Version, Block: b}, nil
}

func convertBlock(b *pb.Schema_Block) (*Block, error) {
	out := &Block{Attributes: map[string]*Attribute{}, Blocks: map[string]*NestedBlock{}}
	if b == nil {
		return out, nil
	}
	for _, a := range b.Attributes {
		if _, dup := out.Attributes[a.Name]; dup {
			return nil, fmt.Errorf("attribute %q declared twice", a.Name)
		}
		attr, err := convertAttribute(a)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", a.Name, err)
		}
		out.Attributes[a.Name] = attr
	}
	for _, nb := range b.BlockTypes {
		if _, dup := out.Blocks[nb.TypeName]; dup {
			return nil, fmt.Errorf("block type %q declared twice", nb.TypeName)
		}
		if _, dup := out.Attributes[nb.TypeName]; dup {
			return nil, fmt.Errorf("%q is both an attribute and a block type", nb.TypeName)
		}
		inner, err := convertBlock(nb.Block)
		if err != nil {
			return nil, fmt.Errorf("block %q: %w", nb.TypeName, err)
		}
		out.Blocks[nb.TypeName] = &NestedBlock{Block: inner, Nesting: int(nb.Nesting), MinItems: int(nb.MinItems), MaxItems: int(nb.MaxItems)}
	}
	return out, nil
}

func convertAttribute(a *pb.Schema_Attribute) (*Attribute, error) {
	attr := &Attribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, WriteOnly: a.WriteOnly}
	if a.NestedType != nil {
		if len(a.Type) > 0 {
			return nil, fmt.Errorf("has both type and nested_type")
		}
		obj := &Object{Attributes: map[string]*Attribute{}, Nesting: int(a.NestedType.Nesting)}
		for _, na := range a.NestedType.Attributes {
			inner, err := convertAttribute(na)
			if err != nil {
				return nil, fmt.Errorf("nested attribute %q: %w", na.Name, err)
			}
			obj.Attributes[na.Name] = inner
		}
		attr.Nested = obj
		attr.Type = obj.impliedType()
		return attr, nil
	}
	if len(a.Type) == 0 {
		return nil, fmt.Errorf("has neither type nor nested_type")
	}
	var ty cty.Type
	if err := json.Unmarshal(a.Type, &ty); err != nil {
		return nil, fmt.Errorf("type %s is not a cty type: %w", a.Type, err)
	}
	attr.Type = ty
	attr.TypeJSON = json.RawMessage(a.Type)
	return attr, nil
}

func (o *Object) impliedType() cty.Type {
	atys := map[string]cty.Type{}
	for name, a := range o.Attributes {
		atys[name] = a.Type
	}
	ety := cty.Object(atys)
	switch o.Nesting {
	case nestList:
		return cty.List(ety)
	case nestSet:
		return cty.Set(ety)
	case nestMap:
		return cty.Map(ety)
	}
	return ety
}

// specType is the type config is decoded with: nested objects accept missing optional attributes.
func (a *Attribute) specType() cty.Type {
	if a.Nested == nil {
		return a.Type
	}
	atys := map[string]cty.Type{}
	var optional []string
	for name, na := range a.Nested.Attributes {
		atys[name] = na.specType()
		if !na.Required {
			optional = append(optional, name)
		}
	}
	ety := cty.ObjectWithOptionalAttrs(atys, optional)
	switch a.Nested.Nesting {
	case nestList:
		return cty.List(ety)
	case nestSet:
		return cty.Set(ety)
	case nestMap:
		return cty.Map(ety)
	}
	return ety
}

func (b *Block) ImpliedType() cty.Type {
	atys := map[string]cty.Type{}
	for name, a := range b.Attributes {
		atys[name] = a.Type
	}
	for name, nb := range b.Blocks {
		ety := nb.Block.ImpliedType()
		switch nb.Nesting {
		case nestList:
			atys[name] = cty.List(ety)
		case nestSet:
			atys[name] = cty.Set(ety)
		case nestMap:
			atys[name] = cty.Map(ety)
		default:
			atys[name] = ety
		}
	}
	return cty.Object(atys)
}

// DecoderSpec is the hcldec spec a block's configuration is decoded with.
func (b *Block) DecoderSpec() hcldec.ObjectSpec {
	spec := hcldec.ObjectSpec{}
	for name, a := range b.Attributes {
		spec[name] = &hcldec.AttrSpec{Name: name, Type: a.specType(), Required: a.Required}
	}
	for name, nb := range b.Blocks {
		inner := nb.Block.DecoderSpec()
		switch nb.Nesting {
		case nestList:
			spec[name] = &hcldec.BlockListSpec{TypeName: name, Nested: inner, MinItems: nb.MinItems, MaxItems: nb.MaxItems}
		case nestSet:
			spec[name] = &hcldec.BlockSetSpec{TypeName: name, Nested: inner, MinItems: nb.MinItems, MaxItems: nb.MaxItems}
		case nestMap:
			spec[name] = &hcldec.BlockMapSpec{TypeName: name, LabelNames: []string{"key"}, Nested: inner}
		default:
			spec[name] = &hcldec.BlockSpec{TypeName: name, Nested: inner, Required: nb.MinItems == 1}
		}
	}
	return spec
}

// InternalValidate: the structural rules core applies to every schema it receives.
func (b *Block) InternalValidate(prefix string) []string {
	var errs []string
	names := sortedKeys(b.Attributes)
	for _, name := range names {
		a := b.Attributes[name]
		errs = append(errs, a.validate(prefix+name)...)
	}
	for _, name := range sortedKeys(b.Blocks) {
		nb := b.Blocks[name]
		switch nb.Nesting {
		case nestSingle, nestGroup:
			if nb.MinItems > 1 || nb.MaxItems > 1 {
				errs = append(errs, fmt.Sprintf("%s%s: MinItems and MaxItems must be 0 or 1 for a single block", prefix, name))
			}
		case nestList, nestSet:
			if nb.MaxItems != 0 && nb.MinItems > nb.MaxItems {
				errs = append(errs, fmt.Sprintf("%s%s: MinItems is greater than MaxItems", prefix, name))
			}
		case nestMap:
			if nb.MinItems != 0 || nb.MaxItems != 0 {
				errs = append(errs, fmt.Sprintf("%s%s: MinItems and MaxItems must be 0 for a map block", prefix, name))
			}
		default:
			errs = append(errs, fmt.Sprintf("%s%s: invalid nesting mode %d", prefix, name, nb.Nesting))
		}
		errs = append(errs, nb.Block.InternalValidate(prefix+name+".")...)
	}
	return errs
}

func (a *Attribute) validate(path string) []string {
	var errs []string
	if !a.Optional && !a.Required && !a.Computed {
		errs = append(errs, path+": must set Optional, Required or Computed")
	}
	if a.Optional && a.Required {
		errs = append(errs, path+": cannot set both Optional and Required")
	}
	if a.Computed && a.Required {
		errs = append(errs, path+": cannot set both Computed and Required")
	}
	if a.WriteOnly && a.Computed {
		errs = append(errs, path+": a write-only attribute cannot be Computed")
	}
	if a.Type == cty.NilType {
		errs = append(errs, path+": has no type")
	}
	if a.Nested != nil {
		for _, name := range sortedKeys(a.Nested.Attributes) {
			errs = append(errs, a.Nested.Attributes[name].validate(path+"."+name)...)
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ---- `terraform providers schema -json` ----

func (b *Block) jsonSchema() map[string]interface{} {
	out := map[string]interface{}{}
	if len(b.Attributes) > 0 {
		attrs := map[string]interface{}{}
		for name, a := range b.Attributes {
			attrs[name] = a.jsonSchema()
		}
		out["attributes"] = attrs
	}
	if len(b.Blocks) > 0 {
		blocks := map[string]interface{}{}
		for name, nb := range b.Blocks {
			m := map[string]interface{}{"nesting_mode": nestingNames[nb.Nesting], "block": nb.Block.jsonSchema()}
			if nb.MinItems > 0 {
				m["min_items"] = nb.MinItems
			}
			if nb.MaxItems > 0 {
				m["max_items"] = nb.MaxItems
			}
			blocks[name] = m
		}
		out["block_types"] = blocks
	}
	return out
}

func (a *Attribute) jsonSchema() map[string]interface{} {
	m := map[string]interface{}{}
	if a.Nested != nil {
		attrs := map[string]interface{}{}
		for name, na := range a.Nested.Attributes {
			attrs[name] = na.jsonSchema()
		}
		m["nested_type"] = map[string]interface{}{"attributes": attrs, "nesting_mode": nestingNames[a.Nested.Nesting]}
	} else {
		m["type"] = a.TypeJSON
	}
	for k, v := range map[string]bool{"required": a.Required, "optional": a.Optional, "computed": a.Computed, "sensitive": a.Sensitive, "write_only": a.WriteOnly} {
		if v {
			m[k] = true
		}
	}
	return m
}

func (ps *ProviderSchema) JSON(source string) ([]byte, error) {
	res := map[string]interface{}{}
	for name, s := range ps.Resources {
		res[name] = map[string]interface{}{"version": s.Version, "block": s.Block.jsonSchema()}
	}
	doc := map[string]interface{}{
		"format_version": "1.0",
		"provider_schemas": map[string]interface{}{
			source: map[string]interface{}{
				"provider":         map[string]interface{}{"version": ps.Provider.Version, "block": ps.Provider.Block.jsonSchema()},
				"resource_schemas": res,
			},
		},
	}
	return json.MarshalIndent(doc, "", "  ")
}

// stateJSON / fromStateJSON: attribute values as terraform's state file stores them.
func stateJSON(v cty.Value, ty cty.Type) (json.RawMessage, error) {
	b, err := ctyjson.Marshal(v, ty)
	return json.RawMessage(b), err
}
