import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SecretBox } from "../../src/services/secrets/secret-box";

describe("SecretBox", () => {
  const box = SecretBox.fromKey(crypto.randomBytes(32).toString("hex"));

  it("round-trips a secret without the plaintext in the envelope", () => {
    const sealed = box.encrypt({ apiKey: "abc-123-us6" });
    expect(sealed).not.toContain("abc-123");
    expect(box.decrypt(sealed)).toEqual({ apiKey: "abc-123-us6" });
    expect(box.encrypt({ apiKey: "abc-123-us6" })).not.toBe(sealed); // fresh IV each time
  });

  it("refuses a tampered envelope and a wrong key", () => {
    const sealed = box.encrypt({ token: "x" });
    const parts = sealed.split(":");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => box.decrypt(parts.join(":"))).toThrow();
    const other = SecretBox.fromKey(crypto.randomBytes(32).toString("base64"));
    expect(() => other.decrypt(sealed)).toThrow();
  });

  it("creates a 0600 key file once and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-key-"));
    const sealed = SecretBox.fromKeyFile(dir).encrypt("v");
    expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(SecretBox.fromKeyFile(dir).decrypt(sealed)).toBe("v");
  });

  it("rejects keys of the wrong size", () => {
    expect(() => SecretBox.fromKey("short")).toThrow(/32 bytes/);
  });
});
