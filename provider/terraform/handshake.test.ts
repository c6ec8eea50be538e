import { describe, expect, it } from "vitest";
import {
  cookieValid,
  handshakeLine,
  listenAddress,
  MAGIC_COOKIE_VALUE,
  negotiateVersion,
} from "./handshake.ts";
import { handshakeCertField } from "./tls.ts";

describe("go-plugin handshake", () => {
  it("checks the magic cookie", () => {
    expect(cookieValid({ TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE })).toBe(true);
    expect(cookieValid({ TF_PLUGIN_MAGIC_COOKIE: "x" })).toBe(false);
    expect(cookieValid({})).toBe(false);
  });

  it("picks protocol 6 from the versions in any order, and offers 6 when none matches", () => {
    expect(negotiateVersion({ PLUGIN_PROTOCOL_VERSIONS: "5,6" })).toBe(6);
    expect(negotiateVersion({ PLUGIN_PROTOCOL_VERSIONS: "6,5" })).toBe(6);
    expect(negotiateVersion({ PLUGIN_PROTOCOL_VERSIONS: "5" })).toBe(6);
  });

  it("listens on a unix socket, or on tcp 127.0.0.1 within the port range on Windows", () => {
    expect(listenAddress({ PLUGIN_UNIX_SOCKET_DIR: "/sock" }, "linux")).toMatchObject({
      network: "unix",
      path: expect.stringMatching(/^\/sock\/plugin[0-9a-f]{12}$/),
    });
    expect(listenAddress({ PLUGIN_MIN_PORT: "12000", PLUGIN_MAX_PORT: "12010" }, "win32")).toEqual({
      network: "tcp",
      host: "127.0.0.1",
      minPort: 12000,
      maxPort: 12010,
    });
  });

  it("writes the certificate as unpadded standard base64", () => {
    expect(handshakeCertField(Buffer.from([0xfb, 0xff]))).toBe("+/8");
    expect(handshakeLine(6, "unix", "/s/plugin1", "")).toBe("1|6|unix|/s/plugin1|grpc|\n");
  });
});
