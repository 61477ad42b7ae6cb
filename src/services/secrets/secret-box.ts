import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * AES-256-GCM for connector secrets at rest. The stored form is `v1:<iv>:<tag>:<ciphertext>` (base64url), so the
 * format can evolve. The key comes from CONFLUX_SECRET_KEY (64 hex chars or 32 bytes base64) or, failing that, a
 * key file created with mode 0600 in the data directory.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: string): SecretBox {
    const raw = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, "hex") : Buffer.from(key, "base64");
    if (raw.length !== 32) throw new Error("CONFLUX_SECRET_KEY must be 32 bytes (64 hex characters or base64)");
    return new SecretBox(raw);
  }

  static fromKeyFile(dataDir: string): SecretBox {
    const file = path.join(dataDir, "secret.key");
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return SecretBox.fromKey(fs.readFileSync(file, "utf8").trim());
  }

  encrypt(plain: unknown): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(":");
  }

  decrypt<T = unknown>(sealed: string): T {
    const [version, iv, tag, body] = sealed.split(":");
    if (version !== "v1") throw new Error(`Unknown secret envelope ${version}`);
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
    return JSON.parse(plain.toString("utf8")) as T;
  }
}
