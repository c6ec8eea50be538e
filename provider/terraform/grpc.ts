/**
 * A minimal gRPC server on node:http2 — what a go-plugin client needs and nothing more: unary calls,
 * server streams and a bidirectional stream that stays open, length-prefixed messages without
 * compression, status in trailers, UNIMPLEMENTED (12) for every method not registered. TLS with
 * required client certificates (AutoMTLS) or plaintext. A full gRPC library would double the
 * provider's start-up time, which terraform pays 3–4 times per command.
 */
import * as http2 from "node:http2";
import type { MessageType, ProtoRegistry } from "./proto.ts";

export const Status = { OK: 0, CANCELLED: 1, UNKNOWN: 2, INTERNAL: 13, UNIMPLEMENTED: 12 } as const;

/** A response already encoded (a unary handler may return one: it is sent as it is). */
export class EncodedMessage {
  constructor(readonly bytes: Buffer) {}
}

export type UnaryHandler = (request: Record<string, unknown>) => unknown | Promise<unknown>;
export interface StreamControl {
  write(message: Record<string, unknown>): void;
  /** Resolves when the client goes away or the server closes. */
  closed: Promise<void>;
}
export type StreamHandler = (request: Record<string, unknown> | undefined, stream: StreamControl) => void;

interface Route {
  request: MessageType;
  response: MessageType;
  unary?: UnaryHandler;
  stream?: StreamHandler;
  clientStreaming: boolean;
}

export interface TlsOptions {
  keyPem: string;
  certPem: string;
  /** PEM of the only client certificate accepted (go-plugin's PLUGIN_CLIENT_CERT). */
  clientCaPem: string;
}

function frame(message: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

/** Splits the length-prefixed messages of a request body. */
function messagesOf(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos + 5 <= body.length) {
    if (body[pos] !== 0) throw new Error("compressed messages are not supported");
    const len = body.readUInt32BE(pos + 1);
    out.push(body.subarray(pos + 5, pos + 5 + len));
    pos += 5 + len;
  }
  return out;
}

const encodeMessage = (s: string) => encodeURIComponent(s).replace(/%20/g, " ");

export class GrpcServer {
  private readonly routes = new Map<string, Route>();
  private readonly server: http2.Http2Server | http2.Http2SecureServer;
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  constructor(
    private readonly registry: ProtoRegistry,
    tls?: TlsOptions,
  ) {
    this.server = tls
      ? http2.createSecureServer({
          key: tls.keyPem,
          cert: tls.certPem,
          ca: tls.clientCaPem,
          requestCert: true,
          rejectUnauthorized: true,
          minVersion: "TLSv1.2",
          ALPNProtocols: ["h2"],
        })
      : http2.createServer();
    this.server.on("session", (s: http2.ServerHttp2Session) => {
      this.sessions.add(s);
      s.on("close", () => this.sessions.delete(s));
      s.on("error", () => {});
    });
    this.server.on("stream", (stream, headers) => this.dispatch(stream, headers));
  }

  /** Registers the handlers of one service; methods without a handler answer UNIMPLEMENTED. */
  addService(service: string, handlers: Record<string, UnaryHandler | { stream: StreamHandler }>): void {
    const methods = this.registry.services.get(service);
    if (!methods) throw new Error(`unknown service ${service}`);
    const scope = service.split(".").slice(0, -1);
    const resolve = (name: string) => {
      for (let i = scope.length; i >= 0; i--) {
        try {
          return this.registry.type([...scope.slice(0, i), name].join("."));
        } catch {
          // outer scope
        }
      }
      throw new Error(`unknown message ${name}`);
    };
    for (const [name, m] of Object.entries(methods)) {
      const h = handlers[name];
      if (!h) continue;
      this.routes.set(`/${service}/${name}`, {
        request: resolve(m.requestType),
        response: resolve(m.responseType),
        clientStreaming: !!m.requestStream,
        ...(typeof h === "function" ? { unary: h } : { stream: h.stream }),
      });
    }
  }

  private dispatch(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    stream.on("error", () => {});
    const route = this.routes.get(String(headers[":path"]));
    if (!route) {
      stream.respond(
        {
          ":status": 200,
          "content-type": "application/grpc",
          "grpc-status": String(Status.UNIMPLEMENTED),
          "grpc-message": encodeMessage(`unknown method ${headers[":path"]}`),
        },
        { endStream: true },
      );
      return;
    }
    if (route.stream) {
      this.serveStream(stream, route);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      let request: Record<string, unknown>;
      try {
        const [first] = messagesOf(Buffer.concat(chunks));
        request = route.request.decode(first ?? Buffer.alloc(0));
      } catch (e) {
        return this.fail(stream, Status.INTERNAL, e);
      }
      Promise.resolve()
        .then(() => route.unary!(request))
        .then(
          (response) => {
            if (stream.destroyed) return;
            const body = frame(
              response instanceof EncodedMessage
                ? response.bytes
                : route.response.encode((response ?? {}) as Record<string, unknown>),
            );
            stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
            stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
            stream.end(body);
          },
          (e: unknown) => this.fail(stream, Status.INTERNAL, e),
        );
    });
  }

  private serveStream(stream: http2.ServerHttp2Stream, route: Route): void {
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    const closed = new Promise<void>((resolve) => stream.on("close", () => resolve()));
    const control: StreamControl = {
      write: (m) => {
        if (!stream.destroyed) stream.write(frame(route.response.encode(m)));
      },
      closed,
    };
    if (route.clientStreaming) {
      // Incoming messages are read and dropped; the stream ends when the client ends it.
      stream.on("data", () => {});
      stream.on("end", () => {
        if (!stream.destroyed) stream.end();
      });
      route.stream!(undefined, control);
      return;
    }
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.once("end", () => {
      const [first] = messagesOf(Buffer.concat(chunks));
      route.stream!(route.request.decode(first ?? Buffer.alloc(0)), control);
    });
  }

  private fail(stream: http2.ServerHttp2Stream, code: number, e: unknown): void {
    if (stream.destroyed) return;
    const message = e instanceof Error ? e.message : String(e);
    if (stream.headersSent) {
      stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    stream.respond(
      {
        ":status": 200,
        "content-type": "application/grpc",
        "grpc-status": String(code),
        "grpc-message": encodeMessage(message),
      },
      { endStream: true },
    );
  }

  listen(target: { path: string } | { host: string; port: number }): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once("error", onError);
      const done = () => {
        this.server.off("error", onError);
        resolve();
      };
      if ("path" in target) this.server.listen(target.path, done);
      else this.server.listen(target.port, target.host, done);
    });
  }

  close(): void {
    for (const s of this.sessions) s.destroy();
    this.server.close();
  }
}
