package main

// Launching the provider the way terraform does: hashicorp/go-plugin's client with core's handshake,
// protocol versions 5 and 6 offered, gRPC only, AutoMTLS unless TF_DISABLE_PLUGIN_TLS is set, and a
// managed process that is shut down through GRPCController when the walk ends.

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	pb "tfcore/tfplugin6"
)

var handshake = plugin.HandshakeConfig{
	// core's handshake: protocol 4 is only the fallback when VersionedPlugins negotiates nothing.
	ProtocolVersion:  4,
	MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
}

type providerPlugin struct{ plugin.Plugin }

func (providerPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return fmt.Errorf("tfcore is a client only")
}

func (providerPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (interface{}, error) {
	return &grpcProvider{client: pb.NewProviderClient(conn), conn: conn}, nil
}

type grpcProvider struct {
	client pb.ProviderClient
	conn   *grpc.ClientConn
}

// Provider is one running provider process (one per walk).
type Provider struct {
	Walk   string
	Pid    int
	plugin *plugin.Client
	rpc    pb.ProviderClient
	conn   *grpc.ClientConn
	core   *Core
}

// rawCodec passes bytes through, for calling go-plugin services this client has no stubs for.
type rawCodec struct{}

func (rawCodec) Marshal(v interface{}) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v interface{}) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "tfcore-raw" }

func (c *Core) launch(walk string) (*Provider, error) {
	argv := strings.Fields(c.ProviderCmd)
	if len(argv) == 0 {
		return nil, fmt.Errorf("no provider command (-provider)")
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = os.Environ()
	level := hclog.LevelFromString(os.Getenv("TF_LOG"))
	if level == hclog.NoLevel {
		level = hclog.Warn
	}
	logger := hclog.New(&hclog.LoggerOptions{Name: "plugin", Level: level, Output: os.Stderr})
	pc := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: handshake,
		VersionedPlugins: map[int]plugin.PluginSet{
			5: {"provider": providerPlugin{}},
			6: {"provider": providerPlugin{}},
		},
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		Managed:          true,
		Cmd:              cmd,
		AutoMTLS:         os.Getenv("TF_DISABLE_PLUGIN_TLS") == "",
		Logger:           logger,
		SyncStdout:       io.Discard,
		SyncStderr:       os.Stderr,
	})
	rpcClient, err := pc.Client()
	if err != nil {
		pc.Kill()
		return nil, fmt.Errorf("Failed to load plugin schemas / start the provider: %v", err)
	}
	if v := pc.NegotiatedVersion(); v != 6 {
		pc.Kill()
		return nil, fmt.Errorf("provider negotiated protocol %d; tfcore only speaks tfplugin6", v)
	}
	raw, err := rpcClient.Dispense("provider")
	if err != nil {
		pc.Kill()
		return nil, fmt.Errorf("dispense provider: %v", err)
	}
	gp := raw.(*grpcProvider)
	p := &Provider{Walk: walk, plugin: pc, rpc: gp.client, conn: gp.conn, core: c}
	if rc := pc.ReattachConfig(); rc != nil {
		p.Pid = rc.Pid
	}
	// A line tests can follow (to kill the provider at a chosen moment) and terraform's TF_LOG shows too.
	fmt.Fprintf(os.Stderr, "tfcore: provider started walk=%s pid=%d\n", walk, p.Pid)
	c.Launches++
	if c.CheckPlugin {
		c.checkPluginServices(p)
	}
	return p, nil
}

// checkPluginServices: what newer go-plugin clients call and Debian's 1.0.1 does not. GRPCStdio
// should stay open (no message, no error) while the plugin runs; health must answer SERVING.
func (c *Core) checkPluginServices(p *Provider) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	stream, err := p.conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, "/plugin.GRPCStdio/StreamStdio", grpc.ForceCodec(rawCodec{}))
	if err == nil {
		empty := []byte{}
		if err = stream.SendMsg(&empty); err == nil {
			_ = stream.CloseSend()
			var got []byte
			err = stream.RecvMsg(&got)
		}
	}
	if st, _ := status.FromError(err); err != nil && st.Code() != codes.DeadlineExceeded {
		c.warnf("plugin.GRPCStdio/StreamStdio: %v (go-plugin 1.7 logs: stdio service not available)", err)
	}
	if os.Getenv("TF_DISABLE_PLUGIN_TLS") == "" {
		c.checkClientCertRequired(p)
	}
	hctx, hcancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer hcancel()
	req := []byte{0x0a, 0x06, 'p', 'l', 'u', 'g', 'i', 'n'} // HealthCheckRequest{service:"plugin"}
	var resp []byte
	if err := p.conn.Invoke(hctx, "/grpc.health.v1.Health/Check", &req, &resp, grpc.ForceCodec(rawCodec{})); err != nil {
		c.warnf("grpc.health.v1.Health/Check: %v", err)
	} else if len(resp) != 2 || resp[0] != 0x08 || resp[1] != 0x01 {
		c.warnf("grpc.health.v1.Health/Check answered %x, not SERVING", resp)
	}
}

// Close ends the provider the way core does: GRPCController.Shutdown, then a kill after 2 s.
func (p *Provider) Close() {
	start := time.Now()
	p.plugin.Kill()
	if d := time.Since(start); d > 1500*time.Millisecond {
		p.core.warnf("provider (walk %s) took %s to exit after GRPCController.Shutdown", p.Walk, d.Round(time.Millisecond))
	}
}

func (p *Provider) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), p.core.RPCTimeout)
}

// call records an RPC and turns a transport failure into core's "plugin did not respond" error.
func (p *Provider) call(name string, f func(ctx context.Context) error) error {
	p.core.RPCs = append(p.core.RPCs, p.Walk+":"+name)
	ctx, cancel := p.ctx()
	defer cancel()
	if err := f(ctx); err != nil {
		return &Diag{Severity: "error", Summary: "Plugin did not respond",
			Detail: fmt.Sprintf("The plugin encountered an error, and failed to respond to the plugin.(*GRPCProvider).%s call. The plugin logs may contain more details. (%v)", name, err)}
	}
	return nil
}

// checkClientCertRequired: with AutoMTLS the plugin must refuse a client without core's certificate.
// go-plugin's client can't tell whether the server checks it, so tfcore tries once without one.
func (c *Core) checkClientCertRequired(p *Provider) {
	rc := p.plugin.ReattachConfig()
	if rc == nil || rc.Addr == nil {
		return
	}
	addr := rc.Addr
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	creds := credentials.NewTLS(&tls.Config{InsecureSkipVerify: true, ServerName: "localhost", MinVersion: tls.VersionTLS12})
	conn, err := grpc.DialContext(ctx, addr.String(), grpc.WithTransportCredentials(creds),
		grpc.WithContextDialer(func(ctx context.Context, target string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, addr.Network(), addr.String())
		}))
	if err != nil {
		if os.Getenv("TFCORE_TRACE") != "" {
			fmt.Fprintf(os.Stderr, "tfcore: client without certificate refused: %v\n", err)
		}
		return // refused during the handshake: as it should be
	}
	defer conn.Close()
	req := []byte{0x0a, 0x06, 'p', 'l', 'u', 'g', 'i', 'n'}
	var resp []byte
	err = conn.Invoke(ctx, "/grpc.health.v1.Health/Check", &req, &resp, grpc.ForceCodec(rawCodec{}))
	if os.Getenv("TFCORE_TRACE") != "" {
		fmt.Fprintf(os.Stderr, "tfcore: call without client certificate: %v\n", err)
	}
	if err == nil {
		c.Diags = append(c.Diags, &Diag{Severity: "error", Summary: "Plugin accepts clients without a certificate",
			Detail: "AutoMTLS is on (PLUGIN_CLIENT_CERT was given), yet the plugin answered a client that presented no certificate. It must require and verify core's client certificate."})
		c.InsecurePlugin = true
	}
}
