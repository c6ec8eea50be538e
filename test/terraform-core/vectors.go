package main

// cty-vectors: go-cty's msgpack encoding of a table of values, so the provider's own codec can be
// compared with it byte for byte. Each vector: name, the cty type as JSON, and the bytes as hex.

import (
	"encoding/json"
	"fmt"
	"math"
	"os"

	"github.com/zclconf/go-cty/cty"
	ctymsgpack "github.com/zclconf/go-cty/cty/msgpack"
)

type vector struct {
	Name string          `json:"name"`
	Type json.RawMessage `json:"type"`
	Hex  string          `json:"hex"`
}

func vectorTable() []struct {
	name string
	ty   cty.Type
	v    cty.Value
} {
	obj := cty.Object(map[string]cty.Type{"id": cty.String, "size": cty.Number, "tags": cty.Map(cty.String), "ready": cty.Bool})
	nested := cty.Object(map[string]cty.Type{
		"name":  cty.String,
		"disks": cty.List(cty.Object(map[string]cty.Type{"pool": cty.String, "gb": cty.Number})),
		"opts":  cty.Set(cty.String),
	})
	return []struct {
		name string
		ty   cty.Type
		v    cty.Value
	}{
		{"null string", cty.String, cty.NullVal(cty.String)},
		{"null object", obj, cty.NullVal(obj)},
		{"unknown string", cty.String, cty.UnknownVal(cty.String)},
		{"unknown object", obj, cty.UnknownVal(obj)},
		{"empty string", cty.String, cty.StringVal("")},
		{"string", cty.String, cty.StringVal("web-01")},
		{"string unicode", cty.String, cty.StringVal("ßü→🚢")},
		{"string 40 bytes", cty.String, cty.StringVal("0123456789012345678901234567890123456789")},
		{"zero", cty.Number, cty.NumberIntVal(0)},
		{"small int", cty.Number, cty.NumberIntVal(7)},
		{"negative int", cty.Number, cty.NumberIntVal(-33)},
		{"int 300", cty.Number, cty.NumberIntVal(300)},
		{"int 70000", cty.Number, cty.NumberIntVal(70000)},
		{"int 2^32", cty.Number, cty.NumberIntVal(1 << 32)},
		{"int 2^53+1", cty.Number, cty.NumberIntVal(1<<53 + 1)},
		{"int 2^60+1", cty.Number, cty.NumberIntVal(1<<60 + 1)},
		{"int -2^53-1", cty.Number, cty.NumberIntVal(-(1<<53 + 1))},
		{"int 12345678901234567891", cty.Number, numberLiteral("12345678901234567891")},
		{"float 1.5", cty.Number, cty.NumberFloatVal(1.5)},
		{"float -0.25", cty.Number, cty.NumberFloatVal(-0.25)},
		{"decimal 0.1", cty.Number, numberLiteral("0.1")},
		{"infinity", cty.Number, cty.NumberFloatVal(math.Inf(1))},
		{"true", cty.Bool, cty.True},
		{"false", cty.Bool, cty.False},
		{"list of strings", cty.List(cty.String), cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})},
		{"empty list", cty.List(cty.String), cty.ListValEmpty(cty.String)},
		{"list with unknown", cty.List(cty.String), cty.ListVal([]cty.Value{cty.StringVal("a"), cty.UnknownVal(cty.String)})},
		{"set of strings", cty.Set(cty.String), cty.SetVal([]cty.Value{cty.StringVal("b"), cty.StringVal("a")})},
		{"set of numbers", cty.Set(cty.Number), cty.SetVal([]cty.Value{cty.NumberIntVal(10), cty.NumberIntVal(2)})},
		{"map", cty.Map(cty.String), cty.MapVal(map[string]cty.Value{"zone": cty.StringVal("z1"), "env": cty.StringVal("dev")})},
		{"empty map", cty.Map(cty.String), cty.MapValEmpty(cty.String)},
		{"tuple", cty.Tuple([]cty.Type{cty.String, cty.Number}), cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1)})},
		{"object", obj, cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("v-1"), "size": cty.NumberIntVal(20), "tags": cty.MapVal(map[string]cty.Value{"env": cty.StringVal("dev")}), "ready": cty.True})},
		{"object with nulls and unknowns", obj, cty.ObjectVal(map[string]cty.Value{"id": cty.UnknownVal(cty.String), "size": cty.NullVal(cty.Number), "tags": cty.NullVal(cty.Map(cty.String)), "ready": cty.UnknownVal(cty.Bool)})},
		{"empty object", cty.EmptyObject, cty.EmptyObjectVal},
		{"nested", nested, cty.ObjectVal(map[string]cty.Value{
			"name":  cty.StringVal("db"),
			"disks": cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"pool": cty.StringVal("gold"), "gb": cty.NumberIntVal(50)}), cty.ObjectVal(map[string]cty.Value{"pool": cty.NullVal(cty.String), "gb": cty.UnknownVal(cty.Number)})}),
			"opts":  cty.SetVal([]cty.Value{cty.StringVal("ssd")}),
		})},
		{"dynamic string", cty.DynamicPseudoType, cty.StringVal("x")},
		{"dynamic list", cty.DynamicPseudoType, cty.ListVal([]cty.Value{cty.StringVal("a")})},
		{"dynamic object", cty.DynamicPseudoType, cty.ObjectVal(map[string]cty.Value{"n": cty.NumberIntVal(1)})},
		{"dynamic null", cty.DynamicPseudoType, cty.NullVal(cty.DynamicPseudoType)},
		{"dynamic unknown", cty.DynamicPseudoType, cty.DynamicVal},
		{"object with dynamic attribute", cty.Object(map[string]cty.Type{"v": cty.DynamicPseudoType}), cty.ObjectVal(map[string]cty.Value{"v": cty.NumberIntVal(5)})},
	}
}

func ctyVectors() int {
	var out []vector
	for _, t := range vectorTable() {
		b, err := ctymsgpack.Marshal(t.v, t.ty)
		if err != nil {
			fmt.Fprintf(os.Stderr, "tfcore cty-vectors: %s: %v\n", t.name, err)
			return 1
		}
		// the bytes must decode back to the same value, with go-cty's own decoder
		back, err := ctymsgpack.Unmarshal(b, t.ty)
		if err != nil || !back.RawEquals(t.v) {
			if !(err == nil && t.name == "decimal 0.1") { // 0.1 is read back at 512-bit precision
				fmt.Fprintf(os.Stderr, "tfcore cty-vectors: %s does not round-trip: %v %#v\n", t.name, err, back)
				return 1
			}
		}
		tj, err := t.ty.MarshalJSON()
		if err != nil {
			fmt.Fprintf(os.Stderr, "tfcore cty-vectors: %s: %v\n", t.name, err)
			return 1
		}
		out = append(out, vector{Name: t.name, Type: tj, Hex: hexOf(b)})
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Println(string(b))
	return 0
}

// cty-decode: reads [{name, type, hex}] on stdin, decodes each with go-cty and answers
// [{name, ok, error, hex}] where hex is go-cty's re-encoding: what core would make of the bytes.
func ctyDecode() int {
	var in []vector
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintf(os.Stderr, "tfcore cty-decode: %v\n", err)
		return 1
	}
	type result struct {
		Name  string `json:"name"`
		OK    bool   `json:"ok"`
		Error string `json:"error,omitempty"`
		Hex   string `json:"hex,omitempty"`
		Known bool   `json:"wholly_known"`
	}
	out := []result{}
	for _, v := range in {
		r := result{Name: v.Name}
		var ty cty.Type
		b, err := hexBytes(v.Hex)
		if err == nil {
			err = ty.UnmarshalJSON(v.Type)
		}
		var val cty.Value
		if err == nil {
			val, err = ctymsgpack.Unmarshal(b, ty)
		}
		if err == nil {
			var re []byte
			re, err = ctymsgpack.Marshal(val, ty)
			r.Hex, r.Known = hexOf(re), val.IsWhollyKnown()
		}
		if err != nil {
			r.Error = err.Error()
		} else {
			r.OK = true
		}
		out = append(out, r)
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	fmt.Println(string(b))
	return 0
}

func hexBytes(s string) ([]byte, error) {
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("odd hex length")
	}
	out := make([]byte, len(s)/2)
	for i := range out {
		var c byte
		if _, err := fmt.Sscanf(s[2*i:2*i+2], "%02x", &c); err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}
