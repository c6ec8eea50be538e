package main

// cty values on the wire (DynamicValue msgpack, with json accepted in answers as core accepts it),
// and the small value helpers the checks and the report need.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"

	pb "tfcore/tfplugin6"
)

func encodeDV(v cty.Value, ty cty.Type) (*pb.DynamicValue, error) {
	b, err := ctymsgpack.Marshal(v, ty)
	if err != nil {
		return nil, err
	}
	return &pb.DynamicValue{Msgpack: b}, nil
}

func mustDV(v cty.Value, ty cty.Type) *pb.DynamicValue {
	dv, err := encodeDV(v, ty)
	if err != nil {
		panic(fmt.Sprintf("encoding %s: %v", ty.FriendlyName(), err))
	}
	return dv
}

// decodeDV: core reads msgpack, else json; a DynamicValue with neither is an error.
func decodeDV(dv *pb.DynamicValue, ty cty.Type) (cty.Value, error) {
	if dv == nil {
		return cty.NilVal, fmt.Errorf("no value (DynamicValue missing)")
	}
	if len(dv.Msgpack) > 0 {
		return ctymsgpack.Unmarshal(dv.Msgpack, ty)
	}
	if len(dv.Json) > 0 {
		return ctyjson.Unmarshal(dv.Json, ty)
	}
	return cty.NilVal, fmt.Errorf("DynamicValue has neither msgpack nor json")
}

// unknownPaths lists where a value holds unknowns.
func unknownPaths(v cty.Value) []string {
	var out []string
	_ = cty.Walk(v, func(p cty.Path, v cty.Value) (bool, error) {
		if !v.IsKnown() {
			out = append(out, fmtPath(p))
			return false, nil
		}
		return true, nil
	})
	return out
}

func fmtPath(p cty.Path) string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			b.WriteString("." + s.Name)
		case cty.IndexStep:
			switch s.Key.Type() {
			case cty.String:
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			case cty.Number:
				fmt.Fprintf(&b, "[%s]", s.Key.AsBigFloat().Text('f', -1))
			default:
				b.WriteString("[...]")
			}
		}
	}
	if b.Len() == 0 {
		return "(root)"
	}
	return b.String()
}

func pbPath(ap *pb.AttributePath) cty.Path {
	var p cty.Path
	if ap == nil {
		return p
	}
	for _, st := range ap.Steps {
		switch sel := st.Selector.(type) {
		case *pb.AttributePath_Step_AttributeName:
			p = p.GetAttr(sel.AttributeName)
		case *pb.AttributePath_Step_ElementKeyString:
			p = p.Index(cty.StringVal(sel.ElementKeyString))
		case *pb.AttributePath_Step_ElementKeyInt:
			p = p.Index(cty.NumberIntVal(sel.ElementKeyInt))
		}
	}
	return p
}

// fmtVal renders a value compactly for messages: strings quoted, unknown as "(known after apply)".
func fmtVal(v cty.Value) string {
	j := toJSON(v)
	b, _ := json.Marshal(j)
	return string(b)
}

const unknownMarker = "(known after apply)"

// toJSON: a plain JSON form for the report; unknowns appear as "(known after apply)".
func toJSON(v cty.Value) interface{} {
	if v == cty.NilVal {
		return nil
	}
	if !v.IsKnown() {
		return unknownMarker
	}
	if v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Bool:
		return v.True()
	case ty == cty.Number:
		return json.Number(v.AsBigFloat().Text('f', -1))
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		out := []interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			out = append(out, toJSON(ev))
		}
		return out
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			out[k.AsString()] = toJSON(ev)
		}
		return out
	case ty == cty.DynamicPseudoType:
		return unknownMarker
	}
	return fmt.Sprintf("%#v", v)
}

// pathValue follows a path into a value; ok=false when the path does not exist.
func pathValue(v cty.Value, p cty.Path) (cty.Value, bool) {
	for _, step := range p {
		if v.IsNull() || !v.IsKnown() {
			return v, true
		}
		next, err := step.Apply(v)
		if err != nil {
			return cty.NilVal, false
		}
		v = next
	}
	return v, true
}

// pathInSchema: whether a requires_replace path names an attribute (or nested block) of the schema.
func pathInSchema(b *Block, p cty.Path) bool {
	if len(p) == 0 {
		return false
	}
	ga, ok := p[0].(cty.GetAttrStep)
	if !ok {
		return false
	}
	if _, ok := b.Attributes[ga.Name]; ok {
		return true
	}
	nb, ok := b.Blocks[ga.Name]
	if !ok {
		return false
	}
	rest := p[1:]
	if len(rest) == 0 {
		return true
	}
	if nb.Nesting != nestSingle && nb.Nesting != nestGroup {
		if _, ok := rest[0].(cty.IndexStep); !ok {
			return false
		}
		rest = rest[1:]
		if len(rest) == 0 {
			return true
		}
	}
	return pathInSchema(nb.Block, rest)
}

// diffPaths: the attribute paths (top level and into nested blocks/collections) where two values differ.
func diffPaths(a, b cty.Value) []string {
	var out []string
	var walk func(p cty.Path, a, b cty.Value)
	walk = func(p cty.Path, a, b cty.Value) {
		if a.RawEquals(b) {
			return
		}
		if a.IsKnown() && b.IsKnown() && !a.IsNull() && !b.IsNull() && a.Type().Equals(b.Type()) && (a.Type().IsObjectType()) {
			for name := range a.Type().AttributeTypes() {
				walk(p.GetAttr(name), a.GetAttr(name), b.GetAttr(name))
			}
			return
		}
		out = append(out, fmtPath(p))
	}
	walk(nil, a, b)
	sort.Strings(out)
	return out
}

func numberLiteral(s string) cty.Value {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	return cty.NumberVal(f)
}

func hexOf(b []byte) string {
	var buf bytes.Buffer
	for _, c := range b {
		fmt.Fprintf(&buf, "%02x", c)
	}
	return buf.String()
}
