// What every lab's HTTP side does the same way: read a request body, read one header, listen on
// loopback (a free port by default) and stop once, closing every connection.
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What every lab's call log records of one request. */
export interface LabCallRecord {
  seq: number;
  at: number;
  method: string;
  path: string;
  /** The API's name of the operation ("migration_start", "vm_replica_create" …). */
  operation: string;
  status: number;
  /** The request took effect. */
  executed: boolean;
  /** The fault injected into it, if any ("status-after 503", "latency 200ms" …). */
  fault?: string;
}

/** The request body as text; a body over 1 MB destroys the request. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Listens on `host` (127.0.0.1 by default) and `port` (0: a free one); resolves to the origin URL. */
export async function listen(server: Server, host = "127.0.0.1", port = 0): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
}

/** A stop function for a lab: runs `before` (abort timers, streams), closes the server, once. */
export function stopper(server: Server, before: () => void): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= new Promise<void>((resolve) => {
      before();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  };
}
