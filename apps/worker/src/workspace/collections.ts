/**
 * A workspace's collections, in its SQLite database: named sets of artifacts of any of its sessions. An artifact
 * can be added only if the workspace's index holds it (so only the workspace's own), and leaves every collection
 * when it is deleted (workspace-index.ts).
 */
import type {
  Collection,
  CreateCollectionRequest,
  UpdateCollectionRequest,
  Validated,
} from "@folio/protocol";
import { newId } from "../ids.js";

type CollectionRow = {
  id: string;
  name: string;
  description: string | null;
  created_at: number;
  updated_at: number;
  artifact_count: number;
};

const COLUMNS = `id, name, description, created_at, updated_at,
  (SELECT COUNT(*) FROM collection_items WHERE collection_id = collections.id) AS artifact_count`;

const NO_SUCH_COLLECTION = { code: "not_found", message: "no such collection" } as const;
const NO_SUCH_ARTIFACT = { code: "not_found", message: "no such artifact" } as const;

export class Collections {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /** By name; with an artifact, only the collections holding it. */
  list(artifactId?: string): Collection[] {
    const rows =
      artifactId === undefined
        ? this.sql.exec<CollectionRow>(`SELECT ${COLUMNS} FROM collections ORDER BY name COLLATE NOCASE, id`)
        : this.sql.exec<CollectionRow>(
            `SELECT ${COLUMNS} FROM collections
             WHERE id IN (SELECT collection_id FROM collection_items WHERE artifact_id = ?)
             ORDER BY name COLLATE NOCASE, id`,
            artifactId,
          );
    return rows.toArray().map(toCollection);
  }

  get(id: string): Collection | null {
    const row = this.sql
      .exec<CollectionRow>(`SELECT ${COLUMNS} FROM collections WHERE id = ?`, id)
      .toArray()[0];
    return row ? toCollection(row) : null;
  }

  create({ name, description }: CreateCollectionRequest): Validated<Collection> {
    if (this.named(name, null)) return nameTaken(name);
    const id = newId();
    const now = Date.now();
    this.sql.exec(
      "INSERT INTO collections (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      id,
      name,
      description ?? null,
      now,
      now,
    );
    return { ok: true, value: this.get(id) as Collection };
  }

  update(id: string, { name, description }: UpdateCollectionRequest): Validated<Collection> {
    const current = this.get(id);
    if (!current) return { ok: false, error: NO_SUCH_COLLECTION };
    if (name !== undefined && this.named(name, id)) return nameTaken(name);
    this.sql.exec(
      "UPDATE collections SET name = ?, description = ?, updated_at = ? WHERE id = ?",
      name ?? current.name,
      description === undefined ? current.description : description,
      Date.now(),
      id,
    );
    return { ok: true, value: this.get(id) as Collection };
  }

  /** Deletes a collection (its artifacts stay where they are); whether there was one. */
  remove(id: string): boolean {
    return this.storage.transactionSync(() => {
      this.sql.exec("DELETE FROM collection_items WHERE collection_id = ?", id);
      return this.sql.exec("DELETE FROM collections WHERE id = ?", id).rowsWritten > 0;
    });
  }

  /** Puts an artifact of the workspace in a collection (again is no change). */
  add(id: string, artifactId: string): Validated<Collection> {
    if (!this.get(id)) return { ok: false, error: NO_SUCH_COLLECTION };
    // The index holds the workspace's own artifacts and no other.
    if (this.sql.exec("SELECT 1 FROM artifacts WHERE id = ?", artifactId).toArray().length === 0) {
      return { ok: false, error: NO_SUCH_ARTIFACT };
    }
    const now = Date.now();
    const added = this.sql.exec(
      "INSERT OR IGNORE INTO collection_items (collection_id, artifact_id, added_at) VALUES (?, ?, ?)",
      id,
      artifactId,
      now,
    );
    if (added.rowsWritten > 0) this.sql.exec("UPDATE collections SET updated_at = ? WHERE id = ?", now, id);
    return { ok: true, value: this.get(id) as Collection };
  }

  /** Takes an artifact out of a collection (one not in it is no change). */
  take(id: string, artifactId: string): Validated<Collection> {
    if (!this.get(id)) return { ok: false, error: NO_SUCH_COLLECTION };
    const taken = this.sql.exec(
      "DELETE FROM collection_items WHERE collection_id = ? AND artifact_id = ?",
      id,
      artifactId,
    );
    if (taken.rowsWritten > 0)
      this.sql.exec("UPDATE collections SET updated_at = ? WHERE id = ?", Date.now(), id);
    return { ok: true, value: this.get(id) as Collection };
  }

  /** The ids of the collections holding any of these artifacts (or any artifact of this session). */
  holding({
    artifactIds = [],
    sessionId,
  }: {
    artifactIds?: readonly string[];
    sessionId?: string;
  }): string[] {
    return this.sql
      .exec<{ id: string }>(
        `SELECT DISTINCT collection_id AS id FROM collection_items
         WHERE artifact_id IN (SELECT value FROM json_each(?))
           OR artifact_id IN (SELECT id FROM artifacts WHERE session_id = ?)`,
        JSON.stringify(artifactIds),
        sessionId ?? null,
      )
      .toArray()
      .map((row) => row.id);
  }

  private named(name: string, except: string | null): boolean {
    return (
      this.sql
        .exec("SELECT 1 FROM collections WHERE name = ? COLLATE NOCASE AND id IS NOT ?", name, except)
        .toArray().length > 0
    );
  }
}

function nameTaken(name: string): Validated<never> {
  return { ok: false, error: { code: "conflict", message: `there is already a collection named "${name}"` } };
}

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    artifactCount: row.artifact_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
