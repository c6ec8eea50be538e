/**
 * A small protobuf codec driven by the JSON descriptor generated at build time from the door's .proto
 * files (descriptor.gen.ts). It covers what those files use: scalars (string, bytes, bool, int32,
 * int64, uint32, enums), nested messages, repeated fields, maps and oneofs. Messages are plain objects
 * keyed by the field names of the .proto; int64 values are JS numbers; bytes are Buffers.
 * Unknown fields are skipped, as protobuf requires.
 */

interface FieldDesc {
  type: string;
  id: number;
  rule?: string;
  keyType?: string;
}

interface NamespaceDesc {
  nested?: Record<string, NamespaceDesc>;
  fields?: Record<string, FieldDesc>;
  values?: Record<string, number>;
  methods?: Record<string, MethodDesc>;
}

export interface MethodDesc {
  requestType: string;
  responseType: string;
  requestStream?: boolean;
  responseStream?: boolean;
}

type Kind = "scalar" | "enum" | "message";

interface Field {
  name: string;
  id: number;
  type: string;
  kind: Kind;
  repeated: boolean;
  map?: { key: string; value: Field };
  message?: MessageType;
  /** resolve lazily (types may refer to each other) */
  resolve?: () => void;
}

export class MessageType {
  readonly fields: Field[] = [];
  readonly byId = new Map<number, Field>();
  constructor(readonly fullName: string) {}

  encode(msg: Record<string, unknown>): Buffer {
    const w = new ProtoWriter();
    writeMessage(w, this, msg);
    return w.done();
  }

  decode(bytes: Uint8Array): Record<string, unknown> {
    return readMessage(this, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
}

const SCALARS = new Set([
  "string",
  "bytes",
  "bool",
  "int32",
  "int64",
  "uint32",
  "uint64",
  "sint64",
  "double",
]);

export class ProtoRegistry {
  private readonly types = new Map<string, MessageType>();
  private readonly enums = new Set<string>();
  readonly services = new Map<string, Record<string, MethodDesc>>();

  constructor(root: NamespaceDesc) {
    const pending: (() => void)[] = [];
    const walk = (ns: NamespaceDesc, path: string[]) => {
      for (const [name, child] of Object.entries(ns.nested ?? {})) {
        const full = [...path, name];
        if (child.values) this.enums.add(full.join("."));
        if (child.methods) this.services.set(full.join("."), child.methods);
        if (child.fields) {
          const t = new MessageType(full.join("."));
          this.types.set(t.fullName, t);
          pending.push(() => this.fill(t, child.fields!, path.concat(name)));
        }
        walk(child, full);
      }
    };
    walk(root, []);
    for (const p of pending) p();
  }

  private resolveName(scope: string[], name: string): string {
    for (let i = scope.length; i >= 0; i--) {
      const candidate = [...scope.slice(0, i), name].join(".");
      if (this.types.has(candidate) || this.enums.has(candidate)) return candidate;
    }
    throw new Error(`protobuf: type ${name} not found from ${scope.join(".")}`);
  }

  private field(name: string, type: string, id: number, repeated: boolean, scope: string[]): Field {
    if (SCALARS.has(type)) return { name, id, type, kind: "scalar", repeated };
    const full = this.resolveName(scope, type);
    if (this.enums.has(full)) return { name, id, type: "enum", kind: "enum", repeated };
    return { name, id, type: full, kind: "message", repeated, message: this.types.get(full)! };
  }

  private fill(t: MessageType, fields: Record<string, FieldDesc>, scope: string[]): void {
    for (const [name, f] of Object.entries(fields)) {
      let field: Field;
      if (f.keyType) {
        field = {
          name,
          id: f.id,
          type: "map",
          kind: "message",
          repeated: false,
          map: { key: f.keyType, value: this.field("value", f.type, 2, false, scope) },
        };
      } else field = this.field(name, f.type, f.id, f.rule === "repeated", scope);
      t.fields.push(field);
      t.byId.set(field.id, field);
    }
  }

  type(fullName: string): MessageType {
    const t = this.types.get(fullName);
    if (!t) throw new Error(`protobuf: no message ${fullName}`);
    return t;
  }
}

// ---------------------------------------------------------------------------------------------------

class ProtoWriter {
  private chunks: Buffer[] = [];
  private scratch: number[] = [];

  private flush(): void {
    if (this.scratch.length) {
      this.chunks.push(Buffer.from(this.scratch));
      this.scratch = [];
    }
  }
  varint(v: number | bigint): void {
    let n = BigInt.asUintN(64, BigInt(v));
    while (n >= 0x80n) {
      this.scratch.push(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.scratch.push(Number(n));
  }
  smallVarint(v: number): void {
    if (v < 0 || v > 0x7fffffff) {
      this.varint(v);
      return;
    }
    let n = v;
    while (n >= 0x80) {
      this.scratch.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    this.scratch.push(n);
  }
  tag(id: number, wire: number): void {
    this.smallVarint((id << 3) | wire);
  }
  bytes(b: Uint8Array): void {
    this.smallVarint(b.length);
    this.flush();
    this.chunks.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  double(v: number): void {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(v);
    this.flush();
    this.chunks.push(b);
  }
  done(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }
}

function writeScalar(w: ProtoWriter, f: Field, type: string, v: unknown): void {
  switch (type) {
    case "string":
      w.tag(f.id, 2);
      w.bytes(Buffer.from(String(v), "utf8"));
      return;
    case "bytes":
      w.tag(f.id, 2);
      w.bytes(typeof v === "string" ? Buffer.from(v, "base64") : (v as Uint8Array));
      return;
    case "bool":
      w.tag(f.id, 0);
      w.smallVarint(v ? 1 : 0);
      return;
    case "double":
      w.tag(f.id, 1);
      w.double(Number(v));
      return;
    case "sint64": {
      const n = BigInt(v as number);
      w.tag(f.id, 0);
      w.varint(n >= 0n ? n << 1n : (-n << 1n) - 1n);
      return;
    }
    default:
      w.tag(f.id, 0);
      w.varint(typeof v === "bigint" ? v : Math.trunc(Number(v)));
  }
}

function isDefault(f: Field, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (f.kind === "message") return false;
  if (f.type === "bytes") return (v as Uint8Array).length === 0;
  return v === "" || v === 0 || v === false || v === 0n;
}

function writeField(w: ProtoWriter, f: Field, v: unknown): void {
  if (f.kind === "message") {
    w.tag(f.id, 2);
    w.bytes(f.message!.encode(v as Record<string, unknown>));
  } else writeScalar(w, f, f.kind === "enum" ? "int32" : f.type, v);
}

function writeMessage(w: ProtoWriter, t: MessageType, msg: Record<string, unknown>): void {
  for (const f of t.fields) {
    const v = msg[f.name];
    if (v === undefined || v === null) continue;
    if (f.map) {
      for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
        const entry = new ProtoWriter();
        writeScalar(entry, { ...f, id: 1 }, f.map.key, key);
        if (!isDefault(f.map.value, value)) writeField(entry, f.map.value, value);
        w.tag(f.id, 2);
        w.bytes(entry.done());
      }
    } else if (f.repeated) {
      for (const x of v as unknown[]) writeField(w, f, x);
    } else if (!isDefault(f, v)) writeField(w, f, v);
  }
}

class ProtoReader {
  pos = 0;
  constructor(readonly b: Buffer) {}
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.b.length) throw new Error("protobuf: truncated varint");
      const byte = this.b[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
      shift += 7n;
      if (shift > 70n) throw new Error("protobuf: varint too long");
    }
  }
  small(): number {
    return Number(this.varint());
  }
  take(n: number): Buffer {
    if (this.pos + n > this.b.length) throw new Error("protobuf: truncated field");
    const s = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.take(8);
    else if (wire === 2) this.take(this.small());
    else if (wire === 5) this.take(4);
    else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
}

function readScalar(r: ProtoReader, type: string, wire: number): unknown {
  switch (type) {
    case "string":
      return r.take(r.small()).toString("utf8");
    case "bytes":
      return Buffer.from(r.take(r.small()));
    case "bool":
      return r.varint() !== 0n;
    case "double":
      return r.take(8).readDoubleLE(0);
    case "int64":
    case "int32":
      return Number(BigInt.asIntN(64, r.varint()));
    case "sint64": {
      const n = r.varint();
      return Number(n & 1n ? -(n >> 1n) - 1n : n >> 1n);
    }
    default:
      if (wire !== 0) throw new Error(`protobuf: wire type ${wire} for ${type}`);
      return Number(r.varint());
  }
}

function readMessage(t: MessageType, b: Buffer): Record<string, unknown> {
  const r = new ProtoReader(b);
  const out: Record<string, unknown> = {};
  for (const f of t.fields) if (f.repeated) out[f.name] = [];
  while (r.pos < b.length) {
    const key = r.small();
    const id = key >>> 3;
    const wire = key & 7;
    const f = t.byId.get(id);
    if (!f) {
      r.skip(wire);
      continue;
    }
    if (f.map) {
      const entry = new ProtoReader(r.take(r.small()));
      let k: unknown = "";
      let v: unknown;
      while (entry.pos < entry.b.length) {
        const ek = entry.small();
        if (ek >>> 3 === 1) k = readScalar(entry, f.map.key, ek & 7);
        else if (ek >>> 3 === 2)
          v =
            f.map.value.kind === "message"
              ? f.map.value.message!.decode(entry.take(entry.small()))
              : readScalar(entry, f.map.value.kind === "enum" ? "int32" : f.map.value.type, ek & 7);
        else entry.skip(ek & 7);
      }
      if (!out[f.name]) out[f.name] = {};
      const m = out[f.name] as Record<string, unknown>;
      m[String(k)] = v ?? (f.map.value.kind === "message" ? {} : f.map.value.type === "string" ? "" : 0);
      continue;
    }
    let v: unknown;
    if (f.kind === "message") v = f.message!.decode(r.take(r.small()));
    else if (f.repeated && wire === 2 && f.type !== "string" && f.type !== "bytes") {
      // packed scalars
      const packed = new ProtoReader(r.take(r.small()));
      while (packed.pos < packed.b.length)
        (out[f.name] as unknown[]).push(readScalar(packed, f.kind === "enum" ? "int32" : f.type, 0));
      continue;
    } else v = readScalar(r, f.kind === "enum" ? "int32" : f.type, wire);
    if (f.repeated) (out[f.name] as unknown[]).push(v);
    else out[f.name] = v;
  }
  return out;
}
