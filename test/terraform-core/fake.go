package main

// fake-provider: a tiny tfplugin6 provider served with go-plugin's own server, with one bug switched
// on by name. tfcore's tests drive it to show that each of core's contracts is enforced end to end
// (both sides real go-plugin, gRPC and go-cty).
//
//	tfcore -provider "tfcore fake-provider BUG" … apply
//
// Resource fake_thing: name (required), size (optional), id and tags (computed).

import (
	"context"
	"fmt"
	"os"

	plugin "github.com/hashicorp/go-plugin"
	"github.com/zclconf/go-cty/cty"
	"google.golang.org/grpc"

	pb "tfcore/tfplugin6"
)

var fakeType = cty.Object(map[string]cty.Type{"name": cty.String, "size": cty.Number, "id": cty.String, "tags": cty.List(cty.String)})

type fakeServer struct {
	pb.UnimplementedProviderServer
	bug string
}

type fakePlugin struct {
	plugin.Plugin
	bug string
}

func (f fakePlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterProviderServer(s, &fakeServer{bug: f.bug})
	return nil
}

func (fakePlugin) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (interface{}, error) {
	return nil, fmt.Errorf("server only")
}

func serveFake(bug string) int {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig:  handshake,
		VersionedPlugins: map[int]plugin.PluginSet{6: {"provider": fakePlugin{bug: bug}}},
		GRPCServer:       plugin.DefaultGRPCServer,
	})
	return 0
}

func attr(name, typ string, required, optional, computed bool) *pb.Schema_Attribute {
	return &pb.Schema_Attribute{Name: name, Type: []byte(typ), Required: required, Optional: optional, Computed: computed}
}

func (f *fakeServer) GetProviderSchema(context.Context, *pb.GetProviderSchema_Request) (*pb.GetProviderSchema_Response, error) {
	return &pb.GetProviderSchema_Response{
		Provider: &pb.Schema{Block: &pb.Schema_Block{}},
		ResourceSchemas: map[string]*pb.Schema{"fake_thing": {Block: &pb.Schema_Block{Attributes: []*pb.Schema_Attribute{
			attr("name", `"string"`, true, false, false), attr("size", `"number"`, false, true, false),
			attr("id", `"string"`, false, false, true), attr("tags", `["list","string"]`, false, false, true),
		}}}},
		ServerCapabilities: &pb.ServerCapabilities{PlanDestroy: true},
	}, nil
}

func (f *fakeServer) ValidateProviderConfig(context.Context, *pb.ValidateProviderConfig_Request) (*pb.ValidateProviderConfig_Response, error) {
	return &pb.ValidateProviderConfig_Response{}, nil
}

func (f *fakeServer) ValidateResourceConfig(context.Context, *pb.ValidateResourceConfig_Request) (*pb.ValidateResourceConfig_Response, error) {
	return &pb.ValidateResourceConfig_Response{}, nil
}

func (f *fakeServer) ConfigureProvider(context.Context, *pb.ConfigureProvider_Request) (*pb.ConfigureProvider_Response, error) {
	return &pb.ConfigureProvider_Response{}, nil
}

func (f *fakeServer) UpgradeResourceState(_ context.Context, req *pb.UpgradeResourceState_Request) (*pb.UpgradeResourceState_Response, error) {
	return &pb.UpgradeResourceState_Response{UpgradedState: &pb.DynamicValue{Json: req.RawState.Json}}, nil
}

func (f *fakeServer) ReadResource(_ context.Context, req *pb.ReadResource_Request) (*pb.ReadResource_Response, error) {
	return &pb.ReadResource_Response{NewState: req.CurrentState, Private: req.Private}, nil
}

func with(v cty.Value, name string, nv cty.Value) cty.Value {
	m := v.AsValueMap()
	m[name] = nv
	return cty.ObjectVal(m)
}

func (f *fakeServer) PlanResourceChange(_ context.Context, req *pb.PlanResourceChange_Request) (*pb.PlanResourceChange_Response, error) {
	proposed, err := decodeDV(req.ProposedNewState, fakeType)
	if err != nil {
		return nil, err
	}
	if proposed.IsNull() {
		return &pb.PlanResourceChange_Response{PlannedState: mustDV(proposed, fakeType)}, nil
	}
	prior, _ := decodeDV(req.PriorState, fakeType)
	planned := proposed
	if prior.IsNull() && f.bug != "computed-null" {
		planned = with(planned, "id", cty.UnknownVal(cty.String))
		planned = with(planned, "tags", cty.UnknownVal(cty.List(cty.String)))
	}
	resp := &pb.PlanResourceChange_Response{}
	switch f.bug {
	case "plan-mutates-config":
		planned = with(planned, "name", cty.StringVal(planned.GetAttr("name").AsString()+"-x"))
	case "replace-bad-path":
		resp.RequiresReplace = []*pb.AttributePath{{Steps: []*pb.AttributePath_Step{{Selector: &pb.AttributePath_Step_AttributeName{AttributeName: "nope"}}}}}
	case "final-plan-differs":
		// a known value that differs between the plan walk and the apply walk (a new process each)
		planned = with(planned, "tags", cty.ListVal([]cty.Value{cty.StringVal(fmt.Sprint(os.Getpid()))}))
	}
	resp.PlannedState = mustDV(planned, fakeType)
	return resp, nil
}

func (f *fakeServer) ApplyResourceChange(_ context.Context, req *pb.ApplyResourceChange_Request) (*pb.ApplyResourceChange_Response, error) {
	planned, err := decodeDV(req.PlannedState, fakeType)
	if err != nil {
		return nil, err
	}
	if planned.IsNull() {
		return &pb.ApplyResourceChange_Response{NewState: mustDV(planned, fakeType)}, nil
	}
	if !planned.GetAttr("id").IsKnown() || planned.GetAttr("id").IsNull() {
		planned = with(planned, "id", cty.StringVal("thing-1"))
	}
	if !planned.GetAttr("tags").IsKnown() {
		planned = with(planned, "tags", cty.ListVal([]cty.Value{cty.StringVal("t")}))
	}
	switch f.bug {
	case "apply-changes-known":
		planned = with(planned, "name", cty.StringVal("renamed"))
	case "apply-unknown":
		planned = with(planned, "tags", cty.UnknownVal(cty.List(cty.String)))
	}
	return &pb.ApplyResourceChange_Response{NewState: mustDV(planned, fakeType), Private: req.PlannedPrivate}, nil
}

func (f *fakeServer) ImportResourceState(_ context.Context, req *pb.ImportResourceState_Request) (*pb.ImportResourceState_Response, error) {
	v := cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal(req.Id), "size": cty.NullVal(cty.Number), "id": cty.StringVal(req.Id), "tags": cty.ListValEmpty(cty.String)})
	return &pb.ImportResourceState_Response{ImportedResources: []*pb.ImportResourceState_ImportedResource{{TypeName: req.TypeName, State: mustDV(v, fakeType)}}}, nil
}
