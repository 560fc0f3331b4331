/**
 * The workspace's part of export and import. For an export, what a scope holds: which sessions, which of their
 * artifacts, and the collections among them. For an import, which sessions it has already brought in (so importing
 * twice adds nothing) and the collections it brings.
 */
import type { ExportedCollection, ExportQuery, Validated } from "@folio/protocol";
import { newId } from "../ids.js";

/** A session to export: all its artifacts and messages, or only the artifacts named (and no messages). */
export interface ExportedSessionPlan {
  id: string;
  title: string;
  createdAt: number;
  artifactIds: string[] | null;
}

export interface ExportPlan {
  sessions: ExportedSessionPlan[];
  collections: ExportedCollection[];
}

/** What this workspace holds of an import's origin: an earlier import of it, or the very session. */
export type KnownOrigin = { sessionId: string; digest: string | null } | null;

/**
 * An import of an origin, as the workspace decided it: already here (`known`), or to be written into the session
 * named (`reserved`), the same one for every retry or racing request of that origin until it is done or released.
 */
export type ImportReservation =
  | { kind: "known"; sessionId: string; digest: string | null }
  | { kind: "reserved"; sessionId: string }
  | { kind: "busy" };

type SessionRow = { id: string; title: string | null; gist: string | null; created_at: number };

export class Archive {
  private readonly sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /** What an export of this scope holds; `not_found` for a session or collection the workspace lacks. */
  plan(scope: ExportQuery): Validated<ExportPlan> {
    let sessions: SessionRow[];
    let picked: Map<string, string[]> | null = null;
    if (scope.sessionId !== undefined && scope.artifactId === undefined) {
      sessions = this.sessionRows("WHERE id = ?", scope.sessionId);
      if (sessions.length === 0) return notFound("session");
    } else if (scope.collectionId !== undefined || scope.artifactId !== undefined) {
      let items: { id: string; session_id: string }[];
      if (scope.collectionId !== undefined) {
        if (
          this.sql.exec("SELECT 1 FROM collections WHERE id = ?", scope.collectionId).toArray().length === 0
        ) {
          return notFound("collection");
        }
        items = this.sql
          .exec<{ id: string; session_id: string }>(
            `SELECT a.id, a.session_id FROM collection_items i JOIN artifacts a ON a.id = i.artifact_id
             WHERE i.collection_id = ? ORDER BY a.created_at, a.rowid`,
            scope.collectionId,
          )
          .toArray();
      } else {
        items = this.sql
          .exec<{ id: string; session_id: string }>(
            `SELECT id, session_id FROM artifacts WHERE id IN (SELECT value FROM json_each(?))
               AND (?2 IS NULL OR session_id = ?2)
             ORDER BY created_at, rowid`,
            JSON.stringify(scope.artifactId),
            scope.sessionId ?? null,
          )
          .toArray();
        if (items.length < new Set(scope.artifactId).size) return notFound("artifact");
      }
      picked = new Map();
      for (const item of items)
        picked.set(item.session_id, [...(picked.get(item.session_id) ?? []), item.id]);
      sessions = this.sessionRows(
        "WHERE id IN (SELECT value FROM json_each(?))",
        JSON.stringify([...picked.keys()]),
      );
    } else {
      sessions = this.sessionRows("");
    }
    const plans = sessions.map((row) => ({
      id: row.id,
      title: row.title ?? row.gist ?? "Untitled chat",
      createdAt: row.created_at,
      artifactIds: picked?.get(row.id) ?? null,
    }));
    return {
      ok: true,
      value: { sessions: plans, collections: this.collectionsOf(plans, scope.collectionId) },
    };
  }

  private sessionRows(where: string, ...values: string[]): SessionRow[] {
    return this.sql
      .exec<SessionRow>(
        `SELECT id, title, gist, created_at FROM sessions ${where} ORDER BY created_at, id`,
        ...values,
      )
      .toArray();
  }

  /** The collections (only `only`, when given) with those of their artifacts the export holds; none left empty. */
  private collectionsOf(sessions: ExportedSessionPlan[], only?: string): ExportedCollection[] {
    const exported = this.sql.exec<{
      id: string;
      name: string;
      description: string | null;
      created_at: number;
      artifact_ids: string;
    }>(
      // Each collection's artifacts in creation order (the order an ordered subquery feeds the aggregate).
      `SELECT c.id, c.name, c.description, c.created_at, json_group_array(held.artifact_id) AS artifact_ids
       FROM collections c JOIN (
         SELECT i.collection_id, i.artifact_id FROM collection_items i JOIN artifacts a ON a.id = i.artifact_id
         WHERE a.session_id IN (SELECT value FROM json_each(?)) ORDER BY a.created_at, a.rowid
       ) held ON held.collection_id = c.id
       WHERE ? IS NULL OR c.id = ?
       GROUP BY c.id ORDER BY c.name COLLATE NOCASE, c.id`,
      JSON.stringify(sessions.map((session) => session.id)),
      only ?? null,
      only ?? null,
    );
    // The query keeps the exported sessions' artifacts; a selection keeps only those it names.
    const picked = new Set(sessions.flatMap((session) => session.artifactIds ?? []));
    const kept = (id: string) => picked.size === 0 || picked.has(id);
    const collections: ExportedCollection[] = [];
    for (const row of exported) {
      const ids = (JSON.parse(row.artifact_ids) as string[]).filter(kept);
      if (ids.length === 0) continue;
      collections.push({
        id: row.id,
        name: row.name,
        description: row.description,
        createdAt: row.created_at,
        artifactIds: ids,
      });
    }
    return collections;
  }

  /**
   * The session of this workspace that an import's origin already is: an earlier import of it (with the digest
   * of what was imported), or, for a Folio export of this very workspace, the session itself.
   */
  known(origin: string, exportedSessionId: string | null): KnownOrigin {
    const imported = this.sql
      .exec<{ session_id: string; digest: string }>(
        `SELECT session_id, digest FROM imports
         WHERE origin = ? AND state = 'done' AND session_id IN (SELECT id FROM sessions)`,
        origin,
      )
      .toArray()[0];
    if (imported) return { sessionId: imported.session_id, digest: imported.digest };
    if (exportedSessionId !== null && this.sessionRows("WHERE id = ?", exportedSessionId).length > 0) {
      return { sessionId: exportedSessionId, digest: null };
    }
    return null;
  }

  /**
   * Decides an import of an origin before anything is written, in this one object: already here, or the session
   * to write it into — a new id the first time, and the same one for a retry or a concurrent import of the same
   * content, so neither makes a second copy. Another content of an origin still being imported is `busy`.
   */
  reserve(origin: string, digest: string, exportedSessionId: string | null): ImportReservation {
    const known = this.known(origin, exportedSessionId);
    if (known) return { kind: "known", ...known };
    const pending = this.sql
      .exec<{ session_id: string; digest: string }>(
        "SELECT session_id, digest FROM imports WHERE origin = ? AND state = 'pending'",
        origin,
      )
      .toArray()[0];
    if (pending) {
      return pending.digest === digest
        ? { kind: "reserved", sessionId: pending.session_id }
        : { kind: "busy" };
    }
    const sessionId = newId();
    this.sql.exec(
      `INSERT INTO imports (origin, digest, session_id, imported_at, state) VALUES (?, ?, ?, ?, 'pending')
       ON CONFLICT (origin) DO UPDATE SET digest = excluded.digest, session_id = excluded.session_id,
         imported_at = excluded.imported_at, state = 'pending'`,
      origin,
      digest,
      sessionId,
      Date.now(),
    );
    return { kind: "reserved", sessionId };
  }

  /** The reserved import is written: later imports of its origin find it. */
  record(origin: string, sessionId: string): void {
    this.sql.exec(
      "UPDATE imports SET state = 'done', imported_at = ? WHERE origin = ? AND session_id = ?",
      Date.now(),
      origin,
      sessionId,
    );
  }

  /** The reserved import failed and left nothing: the next one of its origin starts afresh. */
  release(origin: string, sessionId: string): void {
    this.sql.exec(
      "DELETE FROM imports WHERE origin = ? AND session_id = ? AND state = 'pending'",
      origin,
      sessionId,
    );
  }

  /**
   * An import's collections: each goes into the workspace's collection of that name (made when there is none),
   * with those of its artifacts the index holds. Answers how many were made and how many artifacts put in.
   */
  addCollections(collections: { name: string; description: string | null; artifactIds: string[] }[]): {
    added: number;
    items: number;
    changed: string[];
  } {
    let added = 0;
    let items = 0;
    const changed: string[] = [];
    for (const collection of collections) {
      let id = this.sql
        .exec<{ id: string }>("SELECT id FROM collections WHERE name = ? COLLATE NOCASE", collection.name)
        .toArray()[0]?.id;
      if (id === undefined) {
        id = newId();
        const now = Date.now();
        this.sql.exec(
          "INSERT INTO collections (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
          id,
          collection.name,
          collection.description,
          now,
          now,
        );
        added++;
      }
      // Counted, not taken from rowsWritten, which counts the index's writes too.
      const held = () =>
        this.sql
          .exec<{ n: number }>("SELECT COUNT(*) AS n FROM collection_items WHERE collection_id = ?", id)
          .one().n;
      const before = held();
      this.sql.exec(
        `INSERT OR IGNORE INTO collection_items (collection_id, artifact_id, added_at)
         SELECT ?, id, ? FROM artifacts WHERE id IN (SELECT value FROM json_each(?))`,
        id,
        Date.now(),
        JSON.stringify(collection.artifactIds),
      );
      items += held() - before;
      changed.push(id);
    }
    return { added, items, changed };
  }
}

function notFound(what: string): Validated<never> {
  return { ok: false, error: { code: "not_found", message: `no such ${what}` } };
}
