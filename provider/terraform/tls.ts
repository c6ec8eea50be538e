/**
 * The provider's throw-away server certificate for go-plugin's AutoMTLS, written as DER by hand on
 * node:crypto (which can sign and parse certificates but not create them). A certificate library
 * would cost more start-up time than the rest of the handshake.
 *
 * Self-signed ECDSA P-256 / SHA-256, CN=localhost, SAN DNS:localhost (terraform's client verifies the
 * name "localhost"), basicConstraints CA:TRUE (the client trusts it as its own root), key usage
 * digitalSignature|keyEncipherment|keyAgreement|keyCertSign, EKU serverAuth+clientAuth.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, "0");
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, "ascii"));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value));
}

export interface ServerCertificate {
  /** PEM of the certificate. */
  certPem: string;
  /** PEM (PKCS#8) of the private key. */
  keyPem: string;
  /** The raw DER of the certificate. */
  der: Buffer;
}

const CURVES = {
  "P-256": { name: "prime256v1", hash: "sha256", sigOid: "1.2.840.10045.4.3.2" },
  "P-521": { name: "secp521r1", hash: "sha512", sigOid: "1.2.840.10045.4.3.4" },
} as const;

/** `curve` P-521 gives a certificate like terraform core's own client certificate (tests). */
export function generateServerCertificate(
  now = new Date(),
  curve: keyof typeof CURVES = "P-256",
): ServerCertificate {
  const c = CURVES[curve];
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: c.name });
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive, no leading zero byte
  const signatureAlgorithm = seq(oid(c.sigOid));
  const name = seq(
    set(seq(oid("2.5.4.10"), tlv(0x0c, Buffer.from("ferry")))),
    set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from("localhost")))),
  );
  const notBefore = new Date(now.getTime() - 30_000);
  const notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const extensions = seq(
    extension("2.5.29.19", true, seq(tlv(0x01, Buffer.from([0xff])))),
    // digitalSignature(0) keyEncipherment(2) keyAgreement(4) keyCertSign(5): 0b10101100, 2 unused bits
    extension("2.5.29.15", true, tlv(0x03, Buffer.from([0x02, 0xac]))),
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))),
    extension("2.5.29.17", false, seq(tlv(0x82, Buffer.from("localhost", "ascii")))),
  );
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([0x02]))),
    tlv(0x02, serial),
    signatureAlgorithm,
    name,
    seq(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, extensions),
  );
  const signature = sign(c.hash, tbs, privateKey);
  const der = seq(tbs, signatureAlgorithm, tlv(0x03, Buffer.from([0x00]), signature));
  const b64 = der.toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return {
    der,
    certPem: `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  };
}

/** go-plugin's handshake field: the DER in standard base64 without padding (base64.RawStdEncoding). */
export function handshakeCertField(der: Buffer): string {
  return der.toString("base64").replace(/=+$/, "");
}
