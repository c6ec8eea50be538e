package main

// Terraform's state file, format version 4: attributes as cty JSON, private bytes as standard base64.

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/zclconf/go-cty/cty"
)

type stateFile struct {
	Version          int             `json:"version"`
	TerraformVersion string          `json:"terraform_version"`
	Serial           int             `json:"serial"`
	Lineage          string          `json:"lineage"`
	Outputs          map[string]any  `json:"outputs"`
	Resources        []stateResource `json:"resources"`
	CheckResults     any             `json:"check_results"`
}

type stateResource struct {
	Mode      string          `json:"mode"`
	Type      string          `json:"type"`
	Name      string          `json:"name"`
	Provider  string          `json:"provider"`
	Instances []stateInstance `json:"instances"`
}

type stateInstance struct {
	SchemaVersion       int64           `json:"schema_version"`
	Attributes          json.RawMessage `json:"attributes"`
	SensitiveAttributes []any           `json:"sensitive_attributes"`
	Private             string          `json:"private,omitempty"`
	Dependencies        []string        `json:"dependencies,omitempty"`
}

// ResourceState: one managed resource instance. Raw is the stored JSON, read back through
// UpgradeResourceState; Value is set once the provider has upgraded/read or applied it.
type ResourceState struct {
	Type, Name    string
	SchemaVersion int64
	Raw           json.RawMessage
	Value         cty.Value
	Private       []byte
	Dependencies  []string
}

func (r *ResourceState) Addr() string { return r.Type + "." + r.Name }

type State struct {
	Path      string
	Serial    int
	Lineage   string
	Resources map[string]*ResourceState
}

func loadState(path string) (*State, error) {
	st := &State{Path: path, Resources: map[string]*ResourceState{}}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	var f stateFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("state %s: %v", path, err)
	}
	if f.Version != 4 {
		return nil, fmt.Errorf("state %s: version %d, tfcore reads version 4", path, f.Version)
	}
	st.Serial, st.Lineage = f.Serial, f.Lineage
	for _, r := range f.Resources {
		if r.Mode != "managed" || len(r.Instances) != 1 {
			return nil, fmt.Errorf("state %s: %s.%s: only single managed instances are supported", path, r.Type, r.Name)
		}
		in := r.Instances[0]
		priv, err := base64.StdEncoding.DecodeString(in.Private)
		if err != nil {
			return nil, fmt.Errorf("state: %s.%s private: %v", r.Type, r.Name, err)
		}
		rs := &ResourceState{Type: r.Type, Name: r.Name, SchemaVersion: in.SchemaVersion, Raw: in.Attributes, Private: priv, Dependencies: in.Dependencies}
		st.Resources[rs.Addr()] = rs
	}
	return st, nil
}

func (st *State) Save(c *Core) error {
	if st.Lineage == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		st.Lineage = fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
	}
	st.Serial++
	f := stateFile{Version: 4, TerraformVersion: terraformVersion, Serial: st.Serial, Lineage: st.Lineage, Outputs: map[string]any{}, Resources: []stateResource{}}
	addrs := make([]string, 0, len(st.Resources))
	for a := range st.Resources {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	for _, a := range addrs {
		rs := st.Resources[a]
		raw := rs.Raw
		if rs.Value != cty.NilVal {
			s := c.Schema.Resources[rs.Type]
			j, err := stateJSON(rs.Value, s.Block.ImpliedType())
			if err != nil {
				return fmt.Errorf("state: %s: %v", a, err)
			}
			raw = j
		}
		in := stateInstance{SchemaVersion: rs.SchemaVersion, Attributes: raw, SensitiveAttributes: []any{}, Dependencies: rs.Dependencies}
		if len(rs.Private) > 0 {
			in.Private = base64.StdEncoding.EncodeToString(rs.Private)
		}
		f.Resources = append(f.Resources, stateResource{Mode: "managed", Type: rs.Type, Name: rs.Name,
			Provider: fmt.Sprintf("provider[%q]", c.Source), Instances: []stateInstance{in}})
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(st.Path), "."+filepath.Base(st.Path)+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, st.Path)
}
