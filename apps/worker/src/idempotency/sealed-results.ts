/**
 * The first result of each creating request made under an Idempotency-Key, in the object that did the creating,
 * for a day. A key is claimed before the work starts (so a retry racing the first gets `conflict`, and never makes
 * a second), and its result is stored sealed: AES-GCM under a key derived from the client's Idempotency-Key, and
 * found by a hash of it, so a token's or a share link's secret in a result is never readable from storage alone.
 * The table (`idempotent_requests`) is the owning object's migration.
 */
import type { Validated } from "@folio/protocol";
import { sha256Hex } from "../archive/digest.js";
import { IDEMPOTENCY_KEPT_MS, type Idempotency, KEY_IN_USE, KEY_REUSED } from "./key.js";

type Row = { fingerprint: string; sealed: ArrayBuffer | null };

interface Claim {
  lookup: string;
  key: CryptoKey;
  fingerprint: string;
}

/** What a request under a key may do: start the work, or answer as the first request did. */
export type Begun<T> = { kind: "claimed" } | { kind: "answered"; result: Validated<T> };

export class SealedResults {
  constructor(private readonly sql: SqlStorage) {}

  /**
   * Runs `create` at most once per key: a first request runs it and stores a success; a retry gets that result
   * again; a request with the key of another request, or while the first is under way, gets `conflict`.
   */
  async once<T>(
    idempotency: Idempotency | undefined,
    create: () => Promise<Validated<T>>,
  ): Promise<Validated<T>> {
    if (!idempotency) return create();
    const begun = await this.begin<T>(idempotency);
    if (begun.kind === "answered") return begun.result;
    let result: Validated<T>;
    try {
      result = await create();
    } catch (error) {
      await this.abandon(idempotency);
      throw error;
    }
    if (result.ok) await this.finish(idempotency, result.value);
    // Nothing was made: the key may be used again.
    else await this.abandon(idempotency);
    return result;
  }

  /** Claims the key for a first request, or answers a retry (the first result) or a misuse (`conflict`). */
  async begin<T>(idempotency: Idempotency): Promise<Begun<T>> {
    const claim = await claimOf(idempotency);
    const now = Date.now();
    this.sql.exec("DELETE FROM idempotent_requests WHERE created_at <= ?", now - IDEMPOTENCY_KEPT_MS);
    const earlier = this.sql
      .exec<Row>("SELECT fingerprint, sealed FROM idempotent_requests WHERE lookup = ?", claim.lookup)
      .toArray()[0];
    if (earlier) {
      if (earlier.fingerprint !== claim.fingerprint) return answered({ ok: false, error: KEY_REUSED });
      if (earlier.sealed === null) return answered({ ok: false, error: KEY_IN_USE });
      return answered({ ok: true, value: (await open(claim, earlier.sealed)) as T });
    }
    this.sql.exec(
      "INSERT INTO idempotent_requests (lookup, fingerprint, sealed, created_at) VALUES (?, ?, NULL, ?)",
      claim.lookup,
      claim.fingerprint,
      now,
    );
    return { kind: "claimed" };
  }

  /** Stores the first result of a claimed key, sealed. */
  async finish(idempotency: Idempotency, value: unknown): Promise<void> {
    const claim = await claimOf(idempotency);
    this.sql.exec(
      "UPDATE idempotent_requests SET sealed = ? WHERE lookup = ? AND sealed IS NULL",
      await seal(claim, value),
      claim.lookup,
    );
  }

  /** The claimed request made nothing: its key may be used again. */
  async abandon(idempotency: Idempotency): Promise<void> {
    const claim = await claimOf(idempotency);
    this.sql.exec("DELETE FROM idempotent_requests WHERE lookup = ? AND sealed IS NULL", claim.lookup);
  }
}

function answered<T>(result: Validated<T>): Begun<T> {
  return { kind: "answered", result };
}

async function claimOf({ key, fingerprint }: Idempotency): Promise<Claim> {
  const bytes = new TextEncoder().encode(key);
  const lookup = await sha256Hex(`folio idempotency lookup\n${key}`);
  const material = await crypto.subtle.importKey("raw", bytes, "HKDF", false, ["deriveKey"]);
  const aes = await crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new TextEncoder().encode("folio idempotency"),
      info: new Uint8Array(),
    },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  return {
    lookup,
    key: aes,
    fingerprint,
  };
}

async function seal(claim: Claim, value: unknown): Promise<ArrayBuffer> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, claim.key, plain));
  const sealed = new Uint8Array(iv.length + cipher.length);
  sealed.set(iv);
  sealed.set(cipher, iv.length);
  return sealed.buffer;
}

async function open(claim: Claim, sealed: ArrayBuffer): Promise<unknown> {
  const bytes = new Uint8Array(sealed);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.slice(0, 12) },
    claim.key,
    bytes.slice(12),
  );
  return JSON.parse(new TextDecoder().decode(plain));
}
