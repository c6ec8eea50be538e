/**
 * Redaction of secrets. Backends register every secret value they hold (secret keys, passwords,
 * tokens, subscription ids) and every parameter name that carries one; logs, errors and plans are
 * passed through `redact` before they leave the process.
 */

const MASK = "***";

export class Redactor {
  private readonly values = new Set<string>();
  private readonly paramNames = new Set<string>(["signature", "apikey", "secretkey", "password", "token"]);

  /** Remember a secret value; short values (< 4 chars) are not registered to avoid masking noise. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) {
      this.values.add(value);
      // The same value may appear URL-encoded in a query string.
      const enc = encodeURIComponent(value);
      if (enc !== value) this.values.add(enc);
    }
  }

  /** Parameter names whose values are always masked (case-insensitive). */
  addParamName(name: string): void {
    this.paramNames.add(name.toLowerCase());
  }

  isSecretParam(name: string): boolean {
    return this.paramNames.has(name.toLowerCase());
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a secret containing a shorter one is masked whole.
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(v)) out = out.split(v).join(MASK);
    }
    // name=value pairs in query strings and form bodies
    out = out.replace(/([?&;\s]|^)([A-Za-z_-]+)=([^&;\s"]*)/g, (m, pre: string, name: string) =>
      this.paramNames.has(name.toLowerCase()) ? `${pre}${name}=${MASK}` : m,
    );
    return out;
  }

  /** Copy of a parameter map with secret parameters masked. */
  redactParams(params: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) out[k] = this.isSecretParam(k) ? MASK : this.redact(v);
    return out;
  }
}

/** The process-wide redactor: the doors and the logger use it. */
export const redactor = new Redactor();
