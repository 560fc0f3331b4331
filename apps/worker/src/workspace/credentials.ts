/**
 * The credentials that open a workspace — browser cookies and named API tokens — and one-time device links,
 * all stored as hashes of their secrets (auth/credential.ts). A revoked credential's row is gone.
 */
import type { ApiToken } from "@folio/protocol";
import { hashSecret, newSecret } from "../auth/credential.js";
import { newId } from "../ids.js";

export type CredentialKind = "browser" | "api";

/** A device link opens for this long, once. */
export const DEVICE_LINK_MS = 10 * 60 * 1000;
/** `lastUsedAt` is written at most this often per credential, so reading does not turn into writing. */
const LAST_USED_GRANULARITY_MS = 60 * 1000;

export interface IssuedCredential {
  id: string;
  name: string | null;
  secret: string;
  createdAt: number;
}

type CredentialRow = {
  id: string;
  kind: string;
  name: string | null;
  created_at: number;
  last_used_at: number | null;
};

export class Credentials {
  private readonly sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  async issue(kind: CredentialKind, name: string | null = null): Promise<IssuedCredential> {
    const secret = newSecret();
    const hash = await hashSecret(secret);
    const issued = { id: newId(), name, secret, createdAt: Date.now() };
    this.sql.exec(
      "INSERT INTO credentials (id, kind, name, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      issued.id,
      kind,
      name,
      hash,
      issued.createdAt,
    );
    return issued;
  }

  /** The id of the credential a secret belongs to, or null (unknown or revoked); notes when it was used. */
  async verify(secret: string): Promise<string | null> {
    const hash = await hashSecret(secret);
    const row = this.sql
      .exec<CredentialRow>(
        "SELECT id, kind, name, created_at, last_used_at FROM credentials WHERE secret_hash = ?",
        hash,
      )
      .toArray()[0];
    if (!row) return null;
    const now = Date.now();
    if (row.last_used_at === null || now - row.last_used_at >= LAST_USED_GRANULARITY_MS) {
      this.sql.exec("UPDATE credentials SET last_used_at = ? WHERE id = ?", now, row.id);
    }
    return row.id;
  }

  listTokens(): ApiToken[] {
    return this.sql
      .exec<CredentialRow>(
        "SELECT id, kind, name, created_at, last_used_at FROM credentials WHERE kind = 'api' ORDER BY created_at, id",
      )
      .toArray()
      .map((row) => ({
        id: row.id,
        name: row.name ?? "",
        createdAt: row.created_at,
        lastUsedAt: row.last_used_at,
      }));
  }

  /** The browsers signed in (by cookie), oldest first. */
  listBrowsers(): Omit<CredentialRow, "kind" | "name">[] {
    return this.sql
      .exec<CredentialRow>(
        "SELECT id, kind, name, created_at, last_used_at FROM credentials WHERE kind = 'browser' ORDER BY created_at, id",
      )
      .toArray();
  }

  /** Revokes a credential of this kind; whether there was one. */
  revoke(id: string, kind: CredentialKind): boolean {
    return this.sql.exec("DELETE FROM credentials WHERE id = ? AND kind = ?", id, kind).rowsWritten > 0;
  }

  async createDeviceLink(): Promise<{ secret: string; expiresAt: number }> {
    const secret = newSecret();
    const expiresAt = Date.now() + DEVICE_LINK_MS;
    this.sql.exec("DELETE FROM device_links WHERE expires_at <= ?", Date.now());
    this.sql.exec(
      "INSERT INTO device_links (secret_hash, expires_at) VALUES (?, ?)",
      await hashSecret(secret),
      expiresAt,
    );
    return { secret, expiresAt };
  }

  /** Whether a device link is valid (issued here, unused, unexpired), spending nothing. */
  async isDeviceLink(secret: string): Promise<boolean> {
    const hash = await hashSecret(secret);
    return (
      this.sql
        .exec("SELECT 1 FROM device_links WHERE secret_hash = ? AND expires_at > ?", hash, Date.now())
        .toArray().length > 0
    );
  }

  /** Uses up a device link: whether it was valid (issued here, unused, unexpired). */
  async redeemDeviceLink(secret: string): Promise<boolean> {
    const hash = await hashSecret(secret);
    return (
      this.sql.exec("DELETE FROM device_links WHERE secret_hash = ? AND expires_at > ?", hash, Date.now())
        .rowsWritten > 0
    );
  }
}
