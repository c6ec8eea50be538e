/**
 * cty values on the wire: msgpack (DynamicValue.msgpack, both ways) and JSON (raw state, read only).
 *
 * Values in JS: `null`; `UNKNOWN` (or an `Unknown` carrying refinements) for a value not known yet;
 * strings; booleans; numbers as `number` (safe integers and floats) or `bigint` (integers beyond
 * 2^53); lists/sets/tuples as arrays; maps/objects as plain objects. An object always carries every
 * attribute of its type when encoded (missing ones are written as null), with keys sorted as go-cty
 * writes them. Any msgpack extension reads as unknown (terraform ≥ 1.6 sends refined unknowns as
 * ext 12); unknowns are always written as ext 0 (`d4 00 00`).
 */

export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | ["list" | "set" | "map", CtyType]
  | ["object", Record<string, CtyType>]
  | ["object", Record<string, CtyType>, string[]]
  | ["tuple", CtyType[]];

export class Unknown {
  constructor(
    /** The raw refinement payload of an ext-12 unknown, if any (not interpreted). */
    readonly refinement?: Uint8Array,
  ) {}
}

export const UNKNOWN = new Unknown();

/** A value of a `dynamic` attribute as read from the wire: it keeps its type, so it re-encodes the same. */
export class Dynamic {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export type CtyValue =
  | null
  | Unknown
  | string
  | boolean
  | number
  | bigint
  | CtyValue[]
  | Dynamic
  | { [k: string]: CtyValue };

export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CodecError";
  }
}

// ---------------------------------------------------------------------------------------------------
// msgpack writer

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private len = 0;

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.len++] = b;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  u16(v: number): void {
    this.room(2);
    this.buf.writeUInt16BE(v, this.len);
    this.len += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.buf.writeUInt32BE(v, this.len);
    this.len += 4;
  }
  nil(): void {
    this.byte(0xc0);
  }
  bool(v: boolean): void {
    this.byte(v ? 0xc3 : 0xc2);
  }
  str(s: string): void {
    const b = Buffer.from(s, "utf8");
    const n = b.length;
    if (n < 32) this.byte(0xa0 | n);
    else if (n < 0x100) {
      this.byte(0xd9);
      this.byte(n);
    } else if (n < 0x10000) {
      this.byte(0xda);
      this.u16(n);
    } else {
      this.byte(0xdb);
      this.u32(n);
    }
    this.bytes(b);
  }
  bin(b: Uint8Array): void {
    const n = b.length;
    if (n < 0x100) {
      this.byte(0xc4);
      this.byte(n);
    } else if (n < 0x10000) {
      this.byte(0xc5);
      this.u16(n);
    } else {
      this.byte(0xc6);
      this.u32(n);
    }
    this.bytes(b);
  }
  arrayHeader(n: number): void {
    if (n < 16) this.byte(0x90 | n);
    else if (n < 0x10000) {
      this.byte(0xdc);
      this.u16(n);
    } else {
      this.byte(0xdd);
      this.u32(n);
    }
  }
  mapHeader(n: number): void {
    if (n < 16) this.byte(0x80 | n);
    else if (n < 0x10000) {
      this.byte(0xde);
      this.u16(n);
    } else {
      this.byte(0xdf);
      this.u32(n);
    }
  }
  int(v: bigint): void {
    if (v >= 0n) {
      if (v < 128n) this.byte(Number(v));
      else if (v < 0x100n) {
        this.byte(0xcc);
        this.byte(Number(v));
      } else if (v < 0x10000n) {
        this.byte(0xcd);
        this.u16(Number(v));
      } else if (v < 0x100000000n) {
        this.byte(0xce);
        this.u32(Number(v));
      } else {
        this.byte(0xcf);
        this.room(8);
        this.buf.writeBigUInt64BE(v, this.len);
        this.len += 8;
      }
    } else if (v >= -32n) this.byte(0x100 + Number(v));
    else if (v >= -128n) {
      this.byte(0xd0);
      this.byte(0x100 + Number(v));
    } else if (v >= -32768n) {
      this.byte(0xd1);
      this.room(2);
      this.buf.writeInt16BE(Number(v), this.len);
      this.len += 2;
    } else if (v >= -2147483648n) {
      this.byte(0xd2);
      this.room(4);
      this.buf.writeInt32BE(Number(v), this.len);
      this.len += 4;
    } else {
      this.byte(0xd3);
      this.room(8);
      this.buf.writeBigInt64BE(v, this.len);
      this.len += 8;
    }
  }
  float(v: number): void {
    this.byte(0xcb);
    this.room(8);
    this.buf.writeDoubleBE(v, this.len);
    this.len += 8;
  }
  unknown(): void {
    this.bytes([0xd4, 0x00, 0x00] as unknown as Uint8Array);
  }
  done(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The exact decimal expansion of a finite double (every double has a finite one). */
function exactDecimal(n: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? "-" : "";
  const e = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (e === 0) exp = -1074;
  else {
    m |= 1n << 52n;
    exp = e - 1075;
  }
  if (exp >= 0) return sign + (m << BigInt(exp)).toString();
  const digits = (m * 5n ** BigInt(-exp)).toString().padStart(-exp + 1, "0");
  const int = digits.slice(0, digits.length + exp);
  const frac = digits.slice(digits.length + exp).replace(/0+$/, "");
  return sign + int + (frac ? `.${frac}` : "");
}

// As go-cty: an integer that fits int64 is an int; a number whose decimal value is exactly a
// float64 is a float64; anything else (0.1, integers beyond int64) is its decimal string.
function writeNumber(w: Writer, v: CtyValue): void {
  if (typeof v === "bigint") {
    if (v >= INT64_MIN && v <= INT64_MAX) w.int(v);
    else w.str(v.toString());
  } else if (typeof v === "number") {
    if (Number.isSafeInteger(v)) w.int(BigInt(v));
    else if (Number.isNaN(v)) throw new CodecError("NaN is not a cty number");
    else if (!Number.isFinite(v)) w.float(v);
    else if (Number.isInteger(v)) writeNumber(w, BigInt(v));
    else {
      const shortest = String(v);
      if (shortest.includes("e") || exactDecimal(v) === shortest) w.float(v);
      else w.str(shortest);
    }
  } else if (typeof v === "string") {
    writeNumber(w, parseDecimal(v));
  } else throw new CodecError(`expected a number, got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v;
}

/** Infer the cty type of a plain JS value (for dynamic attributes). */
export function impliedType(v: CtyValue): CtyType {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || typeof v === "bigint") return "number";
  if (Array.isArray(v)) return ["tuple", v.map(impliedType)];
  if (v === null || v instanceof Unknown) return "dynamic";
  if (v instanceof Dynamic) return v.type;
  const attrs: Record<string, CtyType> = {};
  for (const [k, x] of Object.entries(v)) attrs[k] = impliedType(x);
  return ["object", attrs];
}

function writeValue(w: Writer, type: CtyType, v: CtyValue | undefined): void {
  if (v === null || v === undefined) {
    w.nil();
    return;
  }
  if (v instanceof Unknown) {
    w.unknown();
    return;
  }
  if (type === "string") {
    if (typeof v !== "string") throw new CodecError(`expected a string, got ${describe(v)}`);
    w.str(v);
    return;
  }
  if (type === "number") {
    writeNumber(w, v);
    return;
  }
  if (type === "bool") {
    if (typeof v !== "boolean") throw new CodecError(`expected a bool, got ${describe(v)}`);
    w.bool(v);
    return;
  }
  if (v instanceof Dynamic) {
    if (type !== "dynamic") {
      writeValue(w, type, v.value);
      return;
    }
    w.arrayHeader(2);
    w.bin(Buffer.from(JSON.stringify(v.type)));
    writeValue(w, v.type, v.value);
    return;
  }
  if (type === "dynamic") {
    const t = impliedType(v);
    w.arrayHeader(2);
    w.bin(Buffer.from(JSON.stringify(t)));
    writeValue(w, t, v);
    return;
  }
  const [k, inner] = type;
  if (k === "list" || k === "set" || k === "tuple") {
    if (!Array.isArray(v)) throw new CodecError(`expected a ${k}, got ${describe(v)}`);
    w.arrayHeader(v.length);
    v.forEach((x, i) => {
      writeValue(w, k === "tuple" ? ((inner as CtyType[])[i] ?? "dynamic") : (inner as CtyType), x);
    });
    return;
  }
  if (typeof v !== "object" || Array.isArray(v)) throw new CodecError(`expected a ${k}, got ${describe(v)}`);
  const obj = v as Record<string, CtyValue>;
  if (k === "map") {
    const keys = Object.keys(obj).sort();
    w.mapHeader(keys.length);
    for (const key of keys) {
      w.str(key);
      writeValue(w, inner as CtyType, obj[key]);
    }
    return;
  }
  const attrs = inner as Record<string, CtyType>;
  const keys = Object.keys(attrs).sort();
  w.mapHeader(keys.length);
  for (const key of keys) {
    w.str(key);
    writeValue(w, attrs[key]!, obj[key]);
  }
}

export function encodeMsgpack(type: CtyType, value: CtyValue): Buffer {
  const w = new Writer();
  writeValue(w, type, value);
  return w.done();
}

// ---------------------------------------------------------------------------------------------------
// msgpack reader: first into a generic tree (ext → Unknown), then conformed to the type.

type Raw = null | boolean | number | bigint | string | Uint8Array | Unknown | Raw[] | Map<string, Raw>;

class Reader {
  pos = 0;
  constructor(private readonly b: Buffer) {}

  private need(n: number): void {
    if (this.pos + n > this.b.length) throw new CodecError("msgpack: unexpected end of input");
  }
  private u8(): number {
    this.need(1);
    return this.b[this.pos++]!;
  }
  private take(n: number): Buffer {
    this.need(n);
    const s = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  private u16(): number {
    return this.take(2).readUInt16BE(0);
  }
  private u32(): number {
    return this.take(4).readUInt32BE(0);
  }
  private str(n: number): string {
    return this.take(n).toString("utf8");
  }
  private arr(n: number): Raw[] {
    const out: Raw[] = [];
    for (let i = 0; i < n; i++) out.push(this.read());
    return out;
  }
  private map(n: number): Map<string, Raw> {
    const out = new Map<string, Raw>();
    for (let i = 0; i < n; i++) {
      const k = this.read();
      const v = this.read();
      out.set(typeof k === "string" ? k : String(k), v);
    }
    return out;
  }
  private ext(n: number): Unknown {
    this.u8(); // the extension type: any type reads as unknown
    const payload = this.take(n);
    return payload.length === 1 && payload[0] === 0 ? UNKNOWN : new Unknown(Uint8Array.from(payload));
  }
  private int64(v: bigint): number | bigint {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }

  read(): Raw {
    const t = this.u8();
    if (t <= 0x7f) return t;
    if (t >= 0xe0) return t - 0x100;
    if ((t & 0xf0) === 0x80) return this.map(t & 0x0f);
    if ((t & 0xf0) === 0x90) return this.arr(t & 0x0f);
    if ((t & 0xe0) === 0xa0) return this.str(t & 0x1f);
    switch (t) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return Uint8Array.from(this.take(this.u8()));
      case 0xc5:
        return Uint8Array.from(this.take(this.u16()));
      case 0xc6:
        return Uint8Array.from(this.take(this.u32()));
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      case 0xca:
        return this.take(4).readFloatBE(0);
      case 0xcb:
        return this.take(8).readDoubleBE(0);
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        return this.int64(this.take(8).readBigUInt64BE(0));
      case 0xd0:
        return this.take(1).readInt8(0);
      case 0xd1:
        return this.take(2).readInt16BE(0);
      case 0xd2:
        return this.take(4).readInt32BE(0);
      case 0xd3:
        return this.int64(this.take(8).readBigInt64BE(0));
      case 0xd4:
        return this.ext(1);
      case 0xd5:
        return this.ext(2);
      case 0xd6:
        return this.ext(4);
      case 0xd7:
        return this.ext(8);
      case 0xd8:
        return this.ext(16);
      case 0xd9:
        return this.str(this.u8());
      case 0xda:
        return this.str(this.u16());
      case 0xdb:
        return this.str(this.u32());
      case 0xdc:
        return this.arr(this.u16());
      case 0xdd:
        return this.arr(this.u32());
      case 0xde:
        return this.map(this.u16());
      case 0xdf:
        return this.map(this.u32());
      default:
        throw new CodecError(`msgpack: unsupported type byte 0x${t.toString(16)}`);
    }
  }
}

/** A cty number written as a decimal string → number (exact) or bigint (big integers). */
export function parseDecimal(s: string): number | bigint {
  const t = s.trim();
  if (/^[-+]?\d+$/.test(t)) {
    const b = BigInt(t);
    return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  const n = Number(t);
  if (t === "" || Number.isNaN(n)) throw new CodecError(`not a number: ${JSON.stringify(s)}`);
  return n;
}

function conform(type: CtyType, raw: Raw, path: string): CtyValue {
  if (raw === null) return null;
  if (raw instanceof Unknown) return raw;
  const fail = (what: string): never => {
    throw new CodecError(`${path || "value"}: expected ${what}, got ${describeRaw(raw)}`);
  };
  if (type === "string") return typeof raw === "string" ? raw : fail("a string");
  if (type === "bool") return typeof raw === "boolean" ? raw : fail("a bool");
  if (type === "number") {
    if (typeof raw === "number" || typeof raw === "bigint") return raw;
    if (typeof raw === "string") return parseDecimal(raw);
    return fail("a number");
  }
  if (type === "dynamic") {
    if (!Array.isArray(raw) || raw.length !== 2 || !(raw[0] instanceof Uint8Array))
      return fail("a dynamic value [type, value]");
    const t = JSON.parse(Buffer.from(raw[0] as Uint8Array).toString("utf8")) as CtyType;
    return new Dynamic(t, conform(t, raw[1] as Raw, path));
  }
  const [k, inner] = type;
  if (k === "list" || k === "set" || k === "tuple") {
    if (!Array.isArray(raw)) return fail(`a ${k}`);
    return raw.map((x, i) =>
      conform(
        k === "tuple" ? ((inner as CtyType[])[i] ?? "dynamic") : (inner as CtyType),
        x,
        `${path}[${i}]`,
      ),
    );
  }
  if (!(raw instanceof Map)) return fail(`a ${k}`);
  const out: Record<string, CtyValue> = {};
  if (k === "map") {
    for (const [key, v] of raw) out[key] = conform(inner as CtyType, v, `${path}[${JSON.stringify(key)}]`);
    return out;
  }
  const attrs = inner as Record<string, CtyType>;
  for (const [key, t] of Object.entries(attrs)) {
    const v = raw.get(key);
    out[key] = v === undefined ? null : conform(t, v, path ? `${path}.${key}` : key);
  }
  return out;
}

function describeRaw(raw: Raw): string {
  if (raw instanceof Map) return "a map";
  if (raw instanceof Uint8Array) return "bytes";
  return describe(raw);
}

export function decodeMsgpack(type: CtyType, bytes: Uint8Array): CtyValue {
  if (bytes.length === 0) return null;
  const r = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const raw = r.read();
  if (r.pos !== bytes.length) throw new CodecError("msgpack: trailing bytes after the value");
  return conform(type, raw, "");
}

// ---------------------------------------------------------------------------------------------------
// JSON (raw state): conformed to the current type. Attributes the type no longer has are dropped,
// attributes it gained are null — which is how state written by any earlier schema version is upgraded.

function fromJson(type: CtyType, v: unknown, path: string): CtyValue {
  if (v === null || v === undefined) return null;
  const fail = (what: string): never => {
    throw new CodecError(`${path || "value"}: expected ${what}, got ${describe(v)}`);
  };
  if (type === "string") {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return fail("a string");
  }
  if (type === "bool") {
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    return fail("a bool");
  }
  if (type === "number") {
    if (typeof v === "number") return v;
    if (typeof v === "string") return parseDecimal(v);
    return fail("a number");
  }
  if (type === "dynamic") {
    if (typeof v === "object" && !Array.isArray(v) && "type" in v && "value" in v) {
      const d = v as { type: CtyType; value: unknown };
      return new Dynamic(d.type, fromJson(d.type, d.value, path));
    }
    return v as CtyValue;
  }
  const [k, inner] = type;
  if (k === "list" || k === "set" || k === "tuple") {
    if (!Array.isArray(v)) return fail(`a ${k}`);
    return v.map((x, i) =>
      fromJson(
        k === "tuple" ? ((inner as CtyType[])[i] ?? "dynamic") : (inner as CtyType),
        x,
        `${path}[${i}]`,
      ),
    );
  }
  if (typeof v !== "object" || Array.isArray(v)) return fail(`a ${k}`);
  const obj = v as Record<string, unknown>;
  const out: Record<string, CtyValue> = {};
  if (k === "map") {
    for (const [key, x] of Object.entries(obj)) out[key] = fromJson(inner as CtyType, x, `${path}.${key}`);
    return out;
  }
  for (const [key, t] of Object.entries(inner as Record<string, CtyType>))
    out[key] = fromJson(t, obj[key], path ? `${path}.${key}` : key);
  return out;
}

export function decodeJson(type: CtyType, json: Uint8Array | string): CtyValue {
  const text = typeof json === "string" ? json : Buffer.from(json).toString("utf8");
  return fromJson(type, JSON.parse(text) as unknown, "");
}
