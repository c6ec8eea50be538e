package main

// Core's rules for planned and applied objects (the behaviour of terraform's objchange package, written
// afresh here): the proposed new state core sends, the validity of a provider's plan, and the
// compatibility of a later object (final plan, apply result) with an earlier plan.

import (
	"fmt"

	"github.com/zclconf/go-cty/cty"
)

// ProposedNew: config values, except that computed attributes the config leaves null keep the prior
// value (null on create: core does not make them unknown; the provider must).
func ProposedNew(b *Block, prior, config cty.Value) cty.Value {
	if config.IsNull() || !config.IsKnown() {
		return config
	}
	return proposedObject(b, prior, config)
}

func attrOrNull(obj cty.Value, name string, ty cty.Type) cty.Value {
	if obj == cty.NilVal || obj.IsNull() || !obj.IsKnown() {
		return cty.NullVal(ty)
	}
	return obj.GetAttr(name)
}

func proposedObject(b *Block, prior, config cty.Value) cty.Value {
	if config.IsNull() || !config.IsKnown() {
		return config
	}
	vals := map[string]cty.Value{}
	for name, a := range b.Attributes {
		cv := config.GetAttr(name)
		pv := attrOrNull(prior, name, a.Type)
		if a.Computed && cv.IsNull() {
			vals[name] = pv
		} else {
			vals[name] = cv
		}
	}
	for name, nb := range b.Blocks {
		cv := config.GetAttr(name)
		pv := attrOrNull(prior, name, cv.Type())
		vals[name] = proposedNested(nb, pv, cv)
	}
	if len(vals) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(vals)
}

func proposedNested(nb *NestedBlock, prior, config cty.Value) cty.Value {
	if config.IsNull() || !config.IsKnown() {
		return config
	}
	switch nb.Nesting {
	case nestSingle, nestGroup:
		return proposedObject(nb.Block, prior, config)
	case nestList:
		if config.LengthInt() == 0 {
			return config
		}
		var elems []cty.Value
		i := 0
		for it := config.ElementIterator(); it.Next(); i++ {
			_, ce := it.Element()
			pe := cty.NullVal(ce.Type())
			if !prior.IsNull() && prior.IsKnown() && i < prior.LengthInt() {
				pe = prior.Index(cty.NumberIntVal(int64(i)))
			}
			elems = append(elems, proposedObject(nb.Block, pe, ce))
		}
		return cty.ListVal(elems)
	case nestMap:
		if config.LengthInt() == 0 {
			return config
		}
		elems := map[string]cty.Value{}
		for it := config.ElementIterator(); it.Next(); {
			k, ce := it.Element()
			pe := cty.NullVal(ce.Type())
			if !prior.IsNull() && prior.IsKnown() {
				if has := prior.HasIndex(k); has.IsKnown() && has.True() {
					pe = prior.Index(k)
				}
			}
			elems[k.AsString()] = proposedObject(nb.Block, pe, ce)
		}
		return cty.MapVal(elems)
	}
	// Sets: no correlation of prior and config elements (tfcore limitation); config as given.
	return config
}

// AssertPlanValid: the plan may only differ from config where the provider may decide.
func AssertPlanValid(b *Block, prior, config, planned cty.Value) []error {
	return assertPlanObject(b, prior, config, planned, nil)
}

func assertPlanObject(b *Block, prior, config, planned cty.Value, path cty.Path) []error {
	var errs []error
	if planned.IsNull() && !config.IsNull() {
		return []error{pathErr(path, "planned for absence but config wants existence")}
	}
	if config.IsNull() && !planned.IsNull() {
		return []error{pathErr(path, "planned for existence but config wants absence")}
	}
	if planned.IsNull() {
		return nil
	}
	if !planned.IsKnown() {
		return []error{pathErr(path, "attribute representing nested block must not be unknown itself; set nested attribute values to unknown instead")}
	}
	for _, name := range sortedKeys(b.Attributes) {
		a := b.Attributes[name]
		errs = append(errs, assertPlannedValue(a, attrOrNull(prior, name, a.Type), config.GetAttr(name), planned.GetAttr(name), path.GetAttr(name))...)
	}
	for _, name := range sortedKeys(b.Blocks) {
		nb := b.Blocks[name]
		cv, pv := config.GetAttr(name), planned.GetAttr(name)
		prv := attrOrNull(prior, name, pv.Type())
		p := path.GetAttr(name)
		switch nb.Nesting {
		case nestSingle, nestGroup:
			errs = append(errs, assertPlanObject(nb.Block, prv, cv, pv, p)...)
		case nestList, nestMap:
			if !pv.IsKnown() || pv.IsNull() {
				errs = append(errs, pathErr(p, "nested blocks must be known and not null in a plan"))
				continue
			}
			if !cv.IsKnown() {
				continue
			}
			if pv.LengthInt() != cv.LengthInt() {
				errs = append(errs, pathErr(p, "block count in plan (%d) disagrees with count in config (%d)", pv.LengthInt(), cv.LengthInt()))
				continue
			}
			for it := pv.ElementIterator(); it.Next(); {
				k, pe := it.Element()
				ce := cv.Index(k)
				pre := cty.NullVal(pe.Type())
				if !prv.IsNull() && prv.IsKnown() {
					if has := prv.HasIndex(k); has.IsKnown() && has.True() {
						pre = prv.Index(k)
					}
				}
				errs = append(errs, assertPlanObject(nb.Block, pre, ce, pe, p.Index(k))...)
			}
		case nestSet:
			if !pv.IsKnown() || pv.IsNull() {
				errs = append(errs, pathErr(p, "nested blocks must be known and not null in a plan"))
				continue
			}
			if cv.IsWhollyKnown() && pv.IsWhollyKnown() && pv.LengthInt() != cv.LengthInt() {
				errs = append(errs, pathErr(p, "planned set element count (%d) disagrees with config (%d)", pv.LengthInt(), cv.LengthInt()))
			}
		}
	}
	return errs
}

func assertPlannedValue(a *Attribute, prior, config, planned cty.Value, path cty.Path) []error {
	if planned.RawEquals(config) {
		return nil
	}
	if !planned.IsKnown() {
		if a.Computed {
			return nil
		}
		return []error{pathErr(path, "planned value %s for a non-computed attribute", fmtVal(planned))}
	}
	if a.Computed && config.IsNull() {
		return nil // the provider decides computed values the config leaves out
	}
	if !prior.IsNull() && planned.RawEquals(prior) {
		return nil // keeping the prior value (a normalisation of an equivalent config value)
	}
	if a.Sensitive {
		return []error{pathErr(path, "sensitive planned value does not match config value")}
	}
	if prior.IsNull() {
		return []error{pathErr(path, "planned value %s does not match config value %s", fmtVal(planned), fmtVal(config))}
	}
	return []error{pathErr(path, "planned value %s does not match config value %s nor prior value %s", fmtVal(planned), fmtVal(config), fmtVal(prior))}
}

// AssertObjectCompatible: every value known in the earlier plan must be unchanged in the later object.
func AssertObjectCompatible(b *Block, planned, actual cty.Value) []error {
	return assertObjectCompat(b, planned, actual, nil)
}

func assertObjectCompat(b *Block, planned, actual cty.Value, path cty.Path) []error {
	if planned.IsNull() && !actual.IsNull() {
		return []error{pathErr(path, "was absent, but now present")}
	}
	if !planned.IsNull() && actual.IsNull() {
		return []error{pathErr(path, "was present, but now absent")}
	}
	if planned.IsNull() || !planned.IsKnown() {
		return nil
	}
	if !actual.IsKnown() {
		return []error{pathErr(path, "was known, but now unknown")}
	}
	var errs []error
	for _, name := range sortedKeys(b.Attributes) {
		errs = append(errs, assertValueCompat(planned.GetAttr(name), actual.GetAttr(name), path.GetAttr(name))...)
	}
	for _, name := range sortedKeys(b.Blocks) {
		nb := b.Blocks[name]
		pv, av := planned.GetAttr(name), actual.GetAttr(name)
		p := path.GetAttr(name)
		switch nb.Nesting {
		case nestSingle, nestGroup:
			errs = append(errs, assertObjectCompat(nb.Block, pv, av, p)...)
		case nestList, nestMap:
			if !pv.IsKnown() || pv.IsNull() {
				continue
			}
			if !av.IsKnown() || av.IsNull() {
				errs = append(errs, pathErr(p, "was %s, but now %s", fmtVal(pv), fmtVal(av)))
				continue
			}
			if pv.LengthInt() != av.LengthInt() {
				errs = append(errs, pathErr(p, "block count changed from %d to %d", pv.LengthInt(), av.LengthInt()))
				continue
			}
			for it := pv.ElementIterator(); it.Next(); {
				k, pe := it.Element()
				if has := av.HasIndex(k); !has.True() {
					errs = append(errs, pathErr(p.Index(k), "block key was present, but now absent"))
					continue
				}
				errs = append(errs, assertObjectCompat(nb.Block, pe, av.Index(k), p.Index(k))...)
			}
		case nestSet:
			errs = append(errs, assertValueCompat(pv, av, p)...)
		}
	}
	return errs
}

func assertValueCompat(planned, actual cty.Value, path cty.Path) []error {
	if !planned.IsKnown() {
		return nil
	}
	if !actual.IsKnown() {
		return []error{pathErr(path, "was %s, but now unknown", fmtVal(planned))}
	}
	if planned.IsNull() || actual.IsNull() {
		if planned.IsNull() && actual.IsNull() {
			return nil
		}
		return []error{pathErr(path, "was %s, but now %s", fmtVal(planned), fmtVal(actual))}
	}
	ty := planned.Type()
	switch {
	case ty.IsListType() || ty.IsTupleType() || ty.IsMapType() || ty.IsObjectType():
		if ty.IsListType() || ty.IsMapType() {
			if planned.LengthInt() != actual.LengthInt() {
				return []error{pathErr(path, "was %s, but now %s", fmtVal(planned), fmtVal(actual))}
			}
		}
		var errs []error
		for it := planned.ElementIterator(); it.Next(); {
			k, pe := it.Element()
			// HasIndex is for lists, maps and tuples only (it panics on an object).
			if ty.IsMapType() && !actual.HasIndex(k).True() {
				errs = append(errs, pathErr(path, "was %s, but now %s", fmtVal(planned), fmtVal(actual)))
				break
			}
			var ae cty.Value
			if ty.IsObjectType() {
				ae = actual.GetAttr(k.AsString())
				errs = append(errs, assertValueCompat(pe, ae, path.GetAttr(k.AsString()))...)
			} else {
				ae = actual.Index(k)
				errs = append(errs, assertValueCompat(pe, ae, path.Index(k))...)
			}
		}
		return errs
	case ty.IsSetType():
		if planned.IsWhollyKnown() {
			if eq := planned.Equals(actual); !eq.IsKnown() || !eq.True() {
				return []error{pathErr(path, "planned set element %s does not correlate with any element in actual %s", fmtVal(planned), fmtVal(actual))}
			}
		} else if planned.LengthInt() > actual.LengthInt() {
			return []error{pathErr(path, "length changed from %d to %d", planned.LengthInt(), actual.LengthInt())}
		}
		return nil
	}
	if eq := planned.Equals(actual); !eq.IsKnown() || !eq.True() {
		return []error{pathErr(path, "was %s, but now %s", fmtVal(planned), fmtVal(actual))}
	}
	return nil
}

type PathError struct {
	Path cty.Path
	Msg  string
}

func (e *PathError) Error() string {
	if len(e.Path) == 0 {
		return e.Msg
	}
	return fmtPath(e.Path) + ": " + e.Msg
}

func pathErr(p cty.Path, format string, args ...interface{}) error {
	return &PathError{Path: p.Copy(), Msg: fmt.Sprintf(format, args...)}
}
