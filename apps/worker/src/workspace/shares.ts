/**
 * A workspace's share links, in its SQLite database: what each shows, and the SHA-256 hash of its 256-bit secret
 * (auth/credential.ts), never the secret itself. A revoked link's row is gone, so it opens nothing.
 */
import type { CreateShareRequest, Share } from "@folio/protocol";
import { hashSecret, newSecret } from "../auth/credential.js";
import { newId } from "../ids.js";

type ShareRow = {
  id: string;
  kind: "artifact" | "session";
  session_id: string;
  artifact_id: string | null;
  version: number | null;
  title: string;
  created_at: number;
  last_opened_at: number | null;
};

const COLUMNS = "id, kind, session_id, artifact_id, version, title, created_at, last_opened_at";

export class Shares {
  private readonly sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /** A new link; its secret is answered once, here. */
  async create(target: CreateShareRequest, title: string): Promise<{ share: Share; secret: string }> {
    const secret = newSecret();
    const id = newId();
    this.sql.exec(
      `INSERT INTO shares (id, secret_hash, kind, session_id, artifact_id, version, title, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      await hashSecret(secret),
      target.kind,
      target.sessionId,
      target.kind === "artifact" ? target.artifactId : null,
      target.kind === "artifact" ? (target.version ?? null) : null,
      title,
      Date.now(),
    );
    return { share: this.get(id) as Share, secret };
  }

  /** Newest first. */
  list(): Share[] {
    return this.sql
      .exec<ShareRow>(`SELECT ${COLUMNS} FROM shares ORDER BY created_at DESC, id`)
      .toArray()
      .map(toShare);
  }

  revoke(id: string): boolean {
    return this.sql.exec("DELETE FROM shares WHERE id = ?", id).rowsWritten > 0;
  }

  /** The link a secret opens; null for a secret of no live link. */
  async open(secret: string): Promise<Share | null> {
    const row = this.sql
      .exec<ShareRow>(`SELECT ${COLUMNS} FROM shares WHERE secret_hash = ?`, await hashSecret(secret))
      .toArray()[0];
    return row ? toShare(row) : null;
  }

  noteOpened(id: string, now = Date.now()): void {
    this.sql.exec("UPDATE shares SET last_opened_at = ? WHERE id = ?", now, id);
  }

  /** Links to what is gone show nothing, and go. */
  forget({ sessionId, artifactIds = [] }: { sessionId?: string; artifactIds?: readonly string[] }): void {
    this.sql.exec(
      "DELETE FROM shares WHERE session_id = ? OR artifact_id IN (SELECT value FROM json_each(?))",
      sessionId ?? null,
      JSON.stringify(artifactIds),
    );
  }

  private get(id: string): Share | null {
    const row = this.sql.exec<ShareRow>(`SELECT ${COLUMNS} FROM shares WHERE id = ?`, id).toArray()[0];
    return row ? toShare(row) : null;
  }
}

function toShare(row: ShareRow): Share {
  return {
    id: row.id,
    kind: row.kind,
    sessionId: row.session_id,
    artifactId: row.artifact_id,
    version: row.version,
    title: row.title,
    createdAt: row.created_at,
    lastOpenedAt: row.last_opened_at,
  };
}
