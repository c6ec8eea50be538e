package main

// proto-check: the provider's tfplugin6.proto declares only what the provider uses. Its field numbers
// and types must still be those of Terraform's protocol 6.10, or core and provider would disagree on
// the wire while agreeing with each other here. This table is written from the protocol's documentation.

import (
	"fmt"
	"os"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	pb "tfcore/tfplugin6"
)

var wantFields = map[string]map[string]int{
	"DynamicValue":                         {"msgpack": 1, "json": 2},
	"Diagnostic":                           {"severity": 1, "summary": 2, "detail": 3, "attribute": 4},
	"AttributePath":                        {"steps": 1},
	"AttributePath.Step":                   {"attribute_name": 1, "element_key_string": 2, "element_key_int": 3},
	"RawState":                             {"json": 1, "flatmap": 2},
	"Schema":                               {"version": 1, "block": 2},
	"Schema.Block":                         {"version": 1, "attributes": 2, "block_types": 3, "description": 4, "description_kind": 5, "deprecated": 6, "deprecation_message": 7},
	"Schema.Attribute":                     {"name": 1, "type": 2, "nested_type": 10, "description": 3, "required": 4, "optional": 5, "computed": 6, "sensitive": 7, "description_kind": 8, "deprecated": 9, "write_only": 11, "deprecation_message": 12},
	"Schema.NestedBlock":                   {"type_name": 1, "block": 2, "nesting": 3, "min_items": 4, "max_items": 5},
	"Schema.Object":                        {"attributes": 1, "nesting": 3},
	"ServerCapabilities":                   {"plan_destroy": 1, "get_provider_schema_optional": 2, "move_resource_state": 3, "generate_resource_config": 4},
	"ClientCapabilities":                   {"deferral_allowed": 1, "write_only_attributes_allowed": 2},
	"GetProviderSchema.Response":           {"provider": 1, "resource_schemas": 2, "data_source_schemas": 3, "diagnostics": 4, "provider_meta": 5, "server_capabilities": 6},
	"ValidateProviderConfig.Request":       {"config": 1},
	"ValidateProviderConfig.Response":      {"diagnostics": 2},
	"ValidateResourceConfig.Request":       {"type_name": 1, "config": 2, "client_capabilities": 3},
	"ValidateResourceConfig.Response":      {"diagnostics": 1},
	"ConfigureProvider.Request":            {"terraform_version": 1, "config": 2, "client_capabilities": 3},
	"ConfigureProvider.Response":           {"diagnostics": 1},
	"UpgradeResourceState.Request":         {"type_name": 1, "version": 2, "raw_state": 3},
	"UpgradeResourceState.Response":        {"upgraded_state": 1, "diagnostics": 2},
	"ReadResource.Request":                 {"type_name": 1, "current_state": 2, "private": 3, "provider_meta": 4, "client_capabilities": 5},
	"ReadResource.Response":                {"new_state": 1, "diagnostics": 2, "private": 3},
	"PlanResourceChange.Request":           {"type_name": 1, "prior_state": 2, "proposed_new_state": 3, "config": 4, "prior_private": 5, "provider_meta": 6, "client_capabilities": 7},
	"PlanResourceChange.Response":          {"planned_state": 1, "requires_replace": 2, "planned_private": 3, "diagnostics": 4, "legacy_type_system": 5},
	"ApplyResourceChange.Request":          {"type_name": 1, "prior_state": 2, "planned_state": 3, "config": 4, "planned_private": 5, "provider_meta": 6},
	"ApplyResourceChange.Response":         {"new_state": 1, "private": 2, "diagnostics": 3, "legacy_type_system": 4},
	"ImportResourceState.Request":          {"type_name": 1, "id": 2, "client_capabilities": 3},
	"ImportResourceState.ImportedResource": {"type_name": 1, "state": 2, "private": 3},
	"ImportResourceState.Response":         {"imported_resources": 1, "diagnostics": 2},
	"StopProvider.Response":                {"Error": 1},
}

var wantEnums = map[string]map[string]int{
	"Diagnostic.Severity":            {"INVALID": 0, "ERROR": 1, "WARNING": 2},
	"StringKind":                     {"PLAIN": 0, "MARKDOWN": 1},
	"Schema.NestedBlock.NestingMode": {"INVALID": 0, "SINGLE": 1, "LIST": 2, "SET": 3, "MAP": 4, "GROUP": 5},
	"Schema.Object.NestingMode":      {"INVALID": 0, "SINGLE": 1, "LIST": 2, "SET": 3, "MAP": 4},
}

var wantMethods = []string{"GetProviderSchema", "ValidateProviderConfig", "ValidateResourceConfig", "UpgradeResourceState",
	"ConfigureProvider", "ReadResource", "PlanResourceChange", "ApplyResourceChange", "ImportResourceState", "StopProvider"}

func protoCheck() int {
	fd := pb.File_tfplugin6_proto
	var problems []string
	if fd.Package() != "tfplugin6" {
		problems = append(problems, fmt.Sprintf("package %q, want tfplugin6", fd.Package()))
	}
	for name, fields := range wantFields {
		d, err := findMessage(fd, name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for fname, num := range fields {
			f := d.Fields().ByName(protoreflect.Name(fname))
			if f == nil {
				continue // declaring fewer fields is allowed
			}
			if int(f.Number()) != num {
				problems = append(problems, fmt.Sprintf("%s.%s is field %d, want %d", name, fname, f.Number(), num))
			}
		}
		for i := 0; i < d.Fields().Len(); i++ {
			f := d.Fields().Get(i)
			if _, known := fields[string(f.Name())]; !known {
				problems = append(problems, fmt.Sprintf("%s.%s (field %d) is not in the checked table", name, f.Name(), f.Number()))
			}
		}
	}
	for name, values := range wantEnums {
		e, err := findEnum(fd, name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for vname, num := range values {
			v := e.Values().ByName(protoreflect.Name(vname))
			if v == nil {
				problems = append(problems, fmt.Sprintf("%s.%s missing", name, vname))
			} else if int(v.Number()) != num {
				problems = append(problems, fmt.Sprintf("%s.%s = %d, want %d", name, vname, v.Number(), num))
			}
		}
	}
	svc := fd.Services().ByName("Provider")
	if svc == nil {
		problems = append(problems, "service Provider missing")
	} else {
		for _, m := range wantMethods {
			if svc.Methods().ByName(protoreflect.Name(m)) == nil {
				problems = append(problems, "rpc Provider."+m+" missing")
			}
		}
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "tfcore proto-check: "+p)
		}
		return 1
	}
	fmt.Println("tfcore proto-check: tfplugin6.proto matches protocol 6.10 field numbers")
	return 0
}

func findMessage(fd protoreflect.FileDescriptor, dotted string) (protoreflect.MessageDescriptor, error) {
	d, _ := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName("tfplugin6." + dotted))
	if md, ok := d.(protoreflect.MessageDescriptor); ok {
		return md, nil
	}
	return nil, fmt.Errorf("message %s missing", dotted)
}

func findEnum(fd protoreflect.FileDescriptor, dotted string) (protoreflect.EnumDescriptor, error) {
	d, _ := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName("tfplugin6." + dotted))
	if ed, ok := d.(protoreflect.EnumDescriptor); ok {
		return ed, nil
	}
	return nil, fmt.Errorf("enum %s missing", dotted)
}
