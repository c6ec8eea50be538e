/**
 * HttpEndpoint against real local servers (node:http / node:https on 127.0.0.1, port 0). Every test
 * starts its own server, so the per-origin agent pool never mixes tests.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FerryError } from "./errors.ts";
import { closeAllHttpClients, HttpEndpoint, type HttpRequest, parseRetryAfter } from "./http.ts";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number) => void;

interface TestServer {
  url: string;
  /** Requests the server received (their bodies fully read). */
  hits: { method: string; url: string; body: string }[];
}

const servers: (http.Server | https.Server)[] = [];

function listen(
  server: http.Server | https.Server,
  scheme: "http" | "https",
  hits: TestServer["hits"],
): Promise<TestServer> {
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `${scheme}://127.0.0.1:${port}`, hits });
    });
  });
}

function wrap(handler: Handler, hits: TestServer["hits"]) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({
        method: req.method ?? "",
        url: req.url ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
      });
      handler(req, res, hits.length);
    });
  };
}

function startServer(handler: Handler): Promise<TestServer> {
  const hits: TestServer["hits"] = [];
  return listen(http.createServer(wrap(handler, hits)), "http", hits);
}

function startTlsServer(key: string, cert: string, handler: Handler): Promise<TestServer> {
  const hits: TestServer["hits"] = [];
  return listen(https.createServer({ key, cert }, wrap(handler, hits)), "https", hits);
}

afterAll(async () => {
  await closeAllHttpClients();
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

const read = (operation: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "GET",
  path: "/things?x=1",
  write: false,
  operation,
  ...extra,
});

const write = (operation: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "POST",
  path: "/things",
  headers: { "content-type": "application/json" },
  body: '{"op":"migrate"}',
  write: true,
  operation,
  ...extra,
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

const fast = { retryBaseMs: 5 };

describe("HttpEndpoint reads", () => {
  it("a GET answered 503 is retried until it succeeds", async () => {
    const s = await startServer((_req, res, hit) => {
      if (hit <= 2) {
        res.statusCode = 503;
        res.end("busy");
      } else res.end("ok");
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(read("listVolumes"));
    expect(res.status).toBe(200);
    expect(res.text).toBe("ok");
    expect(s.hits).toHaveLength(3);
    expect(ep.sent.get("listVolumes")).toBe(3);
  });

  it("a GET answered 200 is sent once, with the path, method and headers given", async () => {
    const s = await startServer((req, res) => {
      res.setHeader("X-Answer", "42");
      res.end(`ua=${req.headers["user-agent"]} h=${req.headers["x-test"]}`);
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(read("listThings", { headers: { "X-Test": "yes" } }));
    expect(res.text).toBe("ua=ferry/0.1.0 h=yes");
    expect(res.headers["x-answer"]).toBe("42");
    expect(s.hits).toEqual([{ method: "GET", url: "/things?x=1", body: "" }]);
  });

  it("429 with Retry-After: 1 is honoured (about a second passes)", async () => {
    const s = await startServer((_req, res, hit) => {
      if (hit === 1) {
        res.statusCode = 429;
        res.setHeader("Retry-After", "1");
        res.end("slow down");
      } else res.end("ok");
    });
    const ep = new HttpEndpoint(s.url, fast);
    const started = Date.now();
    const res = await ep.request(read("listVirtualMachines"));
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(s.hits).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(10_000);
  });

  it("Retry-After is capped by maxRetryAfterMs", async () => {
    const s = await startServer((_req, res, hit) => {
      if (hit === 1) {
        res.statusCode = 503;
        res.setHeader("Retry-After", "30");
        res.end();
      } else res.end("ok");
    });
    const ep = new HttpEndpoint(s.url, { ...fast, maxRetryAfterMs: 20 });
    const started = Date.now();
    const res = await ep.request(read("r"));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(s.hits).toHaveLength(2);
  });

  it("after maxReadAttempts of 5xx, the last response is returned", async () => {
    const s = await startServer((_req, res) => {
      res.statusCode = 502;
      res.end("bad gateway");
    });
    const ep = new HttpEndpoint(s.url, { ...fast, maxReadAttempts: 3 });
    const res = await ep.request(read("r"));
    expect(res.status).toBe(502);
    expect(res.text).toBe("bad gateway");
    expect(s.hits).toHaveLength(3);
  });

  it("4xx other than 429 is not retried", async () => {
    const s = await startServer((_req, res) => {
      res.statusCode = 404;
      res.end("nope");
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(read("r"));
    expect(res.status).toBe(404);
    expect(s.hits).toHaveLength(1);
  });

  it("reads give up after maxReadAttempts with TRANSPORT when the server destroys every socket", async () => {
    const s = await startServer((req) => req.socket.destroy());
    const ep = new HttpEndpoint(s.url, { ...fast, maxReadAttempts: 3 });
    const e = await rejection(ep.request(read("listStoragePools")));
    expect(e).toBeInstanceOf(FerryError);
    const fe = e as FerryError;
    expect(fe.code).toBe("TRANSPORT");
    expect(fe.message).toContain("listStoragePools");
    expect(fe.message).toContain("3 attempts");
    expect(s.hits).toHaveLength(3);
    expect(ep.sent.get("listStoragePools")).toBe(3);
  });

  it("a read that destroys the socket once is retried and succeeds", async () => {
    const s = await startServer((req, res, hit) => {
      if (hit === 1) req.socket.destroy();
      else res.end("ok");
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(read("r"));
    expect(res.text).toBe("ok");
    expect(s.hits).toHaveLength(2);
  });

  it("a read whose answer does not arrive in requestTimeoutMs is retried, then TRANSPORT", async () => {
    const s = await startServer(() => {
      // never answer
    });
    const ep = new HttpEndpoint(s.url, { ...fast, requestTimeoutMs: 150, maxReadAttempts: 2 });
    const started = Date.now();
    const e = await rejection(ep.request(read("slowRead")));
    expect((e as FerryError).code).toBe("TRANSPORT");
    expect(s.hits).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a read whose body stops arriving for requestTimeoutMs is retried, then TRANSPORT", async () => {
    const s = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial"); // and nothing more
    });
    const ep = new HttpEndpoint(s.url, { ...fast, requestTimeoutMs: 150, maxReadAttempts: 2 });
    const e = await rejection(ep.request(read("stalledBody")));
    expect((e as FerryError).code).toBe("TRANSPORT");
    expect(s.hits).toHaveLength(2);
  });

  it("a write's body arrives whole, with its length, and the answer's headers are lower-case", async () => {
    const s = await startServer((req, res) => {
      res.setHeader("X-Length", String(req.headers["content-length"]));
      res.end("done");
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(write("w", { body: '{"name":"größe"}' }));
    expect(s.hits[0]!.body).toBe('{"name":"größe"}');
    expect(res.headers["x-length"]).toBe(String(Buffer.byteLength('{"name":"größe"}')));
  });

  it("a refused connection is TRANSPORT after maxReadAttempts", async () => {
    // find a free port, then close it: nothing listens there
    const tmp = http.createServer();
    await new Promise<void>((r) => tmp.listen(0, "127.0.0.1", () => r()));
    const { port } = tmp.address() as AddressInfo;
    await new Promise<void>((r) => tmp.close(() => r()));
    const ep = new HttpEndpoint(`http://127.0.0.1:${port}`, { ...fast, maxReadAttempts: 2 });
    const e = await rejection(ep.request(read("r")));
    expect((e as FerryError).code).toBe("TRANSPORT");
    expect(ep.sent.get("r")).toBe(2);
  });
});

describe("HttpEndpoint writes", () => {
  it("a write on a destroyed socket → AMBIGUOUS_WRITE, and the server saw exactly one request", async () => {
    const s = await startServer((req) => req.socket.destroy());
    const ep = new HttpEndpoint(s.url, fast);
    const e = await rejection(ep.request(write("migrateVolume")));
    expect(e).toBeInstanceOf(FerryError);
    const fe = e as FerryError;
    expect(fe.code).toBe("AMBIGUOUS_WRITE");
    expect(fe.message).toContain("migrateVolume");
    expect(fe.message).toMatch(/may or may not have been executed/);
    expect(s.hits).toHaveLength(1);
    expect(s.hits[0]?.body).toBe('{"op":"migrate"}');
    // nothing is sent later behind our back
    await new Promise((r) => setTimeout(r, 100));
    expect(s.hits).toHaveLength(1);
  });

  it("a write answered 500 is NOT retried and the response is returned", async () => {
    const s = await startServer((_req, res) => {
      res.statusCode = 500;
      res.end('{"error":"internal"}');
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(write("detachVolume"));
    expect(res.status).toBe(500);
    expect(res.text).toBe('{"error":"internal"}');
    expect(s.hits).toHaveLength(1);
  });

  it("a write answered 503 is NOT retried either", async () => {
    const s = await startServer((_req, res) => {
      res.statusCode = 503;
      res.setHeader("Retry-After", "0");
      res.end();
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(write("w"));
    expect(res.status).toBe(503);
    expect(s.hits).toHaveLength(1);
  });

  it("a write answered 429 then 200 is retried (the server did not process it)", async () => {
    const s = await startServer((_req, res, hit) => {
      if (hit === 1) {
        res.statusCode = 429;
        res.end("too many");
      } else res.end("accepted");
    });
    const ep = new HttpEndpoint(s.url, fast);
    const res = await ep.request(write("migration_start"));
    expect(res.status).toBe(200);
    expect(res.text).toBe("accepted");
    expect(s.hits).toHaveLength(2);
    expect(s.hits.map((h) => h.body)).toEqual(['{"op":"migrate"}', '{"op":"migrate"}']);
  });
});

describe("HttpEndpoint cancellation", () => {
  it("an abort while waiting for the answer → CANCELLED, promptly", async () => {
    const s = await startServer(() => {
      // never answer
    });
    const ep = new HttpEndpoint(s.url, fast);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    const e = await rejection(ep.request(read("hang", { signal: ac.signal })));
    expect((e as FerryError).code).toBe("CANCELLED");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(s.hits).toHaveLength(1);
  });

  it("an abort while waiting to retry → CANCELLED, promptly", async () => {
    const s = await startServer((_req, res) => {
      res.statusCode = 503;
      res.setHeader("Retry-After", "30");
      res.end();
    });
    const ep = new HttpEndpoint(s.url, fast);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    const e = await rejection(ep.request(read("retrying", { signal: ac.signal })));
    expect((e as FerryError).code).toBe("CANCELLED");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(s.hits).toHaveLength(1);
  });

  it("an already-aborted signal → CANCELLED, nothing sent", async () => {
    const s = await startServer((_req, res) => res.end("ok"));
    const ep = new HttpEndpoint(s.url, fast);
    const ac = new AbortController();
    ac.abort();
    const e = await rejection(ep.request(write("w", { signal: ac.signal })));
    expect((e as FerryError).code).toBe("CANCELLED");
    expect(ep.sent.get("w")).toBeUndefined();
    expect(s.hits).toHaveLength(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");
  it.each([
    ["1", 1000],
    ["0", 0],
    ["120", 120_000],
    ["1.5", 1500],
    [" 2 ", 2000],
    ["Wed, 21 Oct 2015 07:28:30 GMT", 30_000],
    ["Wed, 21 Oct 2015 08:28:00 GMT", 3_600_000],
    // a date in the past: retry at once
    ["Wed, 21 Oct 2015 07:00:00 GMT", 0],
  ])("%j → %i ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([undefined, "", "soon", "not a date"])("%j → undefined", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it("uses the current time by default for HTTP dates", () => {
    const inTenSeconds = new Date(Date.now() + 10_500).toUTCString();
    const ms = parseRetryAfter(inTenSeconds);
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(10_500);
  });
});

describe("HttpEndpoint TLS", () => {
  let dir: string;
  let key: string;
  let cert: string;
  let otherCert: string;

  function selfSigned(name: string): { key: string; cert: string; certPath: string } {
    const keyPath = join(dir, `${name}.key.pem`);
    const certPath = join(dir, `${name}.cert.pem`);
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-days",
        "1",
        "-keyout",
        keyPath,
        "-out",
        certPath,
      ],
      { stdio: "ignore", timeout: 30_000 },
    );
    return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8"), certPath };
  }

  let certPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ferry-http-tls-"));
    const a = selfSigned("server");
    key = a.key;
    cert = a.cert;
    certPath = a.certPath;
    otherCert = selfSigned("other").cert;
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const ok: Handler = (_req, res) => res.end("secure ok");

  it("default verification rejects a self-signed certificate (no request reaches the handler)", async () => {
    const s = await startTlsServer(key, cert, ok);
    const ep = new HttpEndpoint(s.url, { ...fast, maxReadAttempts: 2 });
    const e = await rejection(ep.request(read("tlsDefault")));
    const err = e as Error & { code?: string };
    const clear = err.code === "TRANSPORT" || /certificate/i.test(err.message);
    expect(clear, `unclear error: ${err.code} ${err.message}`).toBe(true);
    expect(s.hits).toHaveLength(0);
  });

  it("a TLS verification failure is a typed TRANSPORT error that names ca_cert / insecure", async () => {
    const s = await startTlsServer(key, cert, ok);
    const ep = new HttpEndpoint(s.url, { ...fast, maxReadAttempts: 1 });
    const e = await rejection(ep.request(read("tlsTyped")));
    expect(e).toBeInstanceOf(FerryError);
    expect((e as FerryError).code).toBe("TRANSPORT");
    expect((e as FerryError).message).toMatch(/ca_cert/);
  });

  it("caCert as PEM text is trusted", async () => {
    const s = await startTlsServer(key, cert, ok);
    const ep = new HttpEndpoint(s.url, { ...fast, caCert: cert });
    const res = await ep.request(read("tlsPem"));
    expect(res.status).toBe(200);
    expect(res.text).toBe("secure ok");
    expect(s.hits).toHaveLength(1);
  });

  it("caCert as a file path is trusted", async () => {
    const s = await startTlsServer(key, cert, ok);
    const ep = new HttpEndpoint(s.url, { ...fast, caCert: certPath });
    const res = await ep.request(read("tlsPath"));
    expect(res.text).toBe("secure ok");
  });

  it("a caCert that did not sign the server's certificate is still rejected", async () => {
    const s = await startTlsServer(key, cert, ok);
    const ep = new HttpEndpoint(s.url, { ...fast, caCert: otherCert, maxReadAttempts: 1 });
    await expect(ep.request(read("tlsOther"))).rejects.toThrow();
    expect(s.hits).toHaveLength(0);
  });

  it("insecure: true accepts the certificate", async () => {
    const s = await startTlsServer(key, cert, ok);
    const ep = new HttpEndpoint(s.url, { ...fast, insecure: true });
    const res = await ep.request(read("tlsInsecure"));
    expect(res.text).toBe("secure ok");
  });
});

describe("HttpEndpoint ca_cert path", () => {
  it("a ca_cert file that cannot be read is an INVALID_CONFIG error naming ca_cert", () => {
    const missing = join(tmpdir(), "ferry-no-such-ca.pem");
    expect(() => new HttpEndpoint("https://127.0.0.1:9/", { caCert: missing })).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", message: expect.stringContaining("ca_cert") }),
    );
  });
});
