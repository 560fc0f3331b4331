/**
 * A whole session from elsewhere (a Folio export, a ChatGPT conversation, a markdown transcript) written into a
 * new, empty session, in one transaction: all of it is stored, or, if any write fails, none.
 */
import type { ExportedMessage, Validated } from "@folio/protocol";
import { errorText, log, since } from "../observability/log.js";
import type { ArchivedVersion } from "./artifact-versions.js";
import type { SessionStore } from "./store.js";
import { storeAnswer } from "./stored-answer.js";

export interface SessionImport {
  messages: ExportedMessage[];
  /** Artifacts with every version, oldest first; their message ids are the `messages`' ids. */
  artifacts: { messageId: string | null; createdAt: number; versions: ArchivedVersion[] }[];
  /** A transcript's artifacts are its answers' code blocks, found as in a model's answer (with lineage). */
  extractBlocks: boolean;
}

/** What a client is told of a session an import could not write: the exception goes to the log only. */
export const SESSION_NOT_STORED = "the session could not be stored";

/** What an import wrote into a session. */
interface ArchiveImportCounts {
  messages: number;
  artifacts: number;
  versions: number;
}

export interface ImportCounts extends ArchiveImportCounts {
  /** The new ids of the payload's `artifacts`, in its order. */
  artifactIds: string[];
}

/**
 * Writes the import into the session, which must be empty. The import's digest is stored with it, so the same
 * import again (a retry after a failure that came after the write) answers what it wrote and writes nothing.
 * Nobody is connected to a session this new, so nobody is told; `indexed` is awaited once it is written.
 */
export async function importSession(
  store: SessionStore,
  workspaceId: string,
  payload: SessionImport,
  digest: string,
  indexed: () => Promise<void>,
): Promise<Validated<ImportCounts>> {
  const { messageCount, artifactCount } = store.activity();
  if (messageCount > 0 || artifactCount > 0) {
    const earlier = earlierImport(store, digest);
    if (earlier) return { ok: true, value: earlier };
    return { ok: false, error: { code: "conflict", message: "an import goes into an empty session" } };
  }
  const start = Date.now();
  try {
    const counts = store.transaction(() => {
      const counts = writeImport(store, payload);
      rememberImport(store, digest, counts);
      return counts;
    });
    log({
      event: "import.session",
      session: store.sessionId,
      workspace: workspaceId,
      count: counts.artifacts,
      ms: since(start),
    });
    // The workspace indexes it all before the import goes on (its collections name these artifacts).
    await indexed();
    return { ok: true, value: counts };
  } catch (error) {
    log({
      event: "import.failed",
      session: store.sessionId,
      workspace: workspaceId,
      error: errorText(error),
    });
    return { ok: false, error: { code: "internal", message: SESSION_NOT_STORED } };
  }
}

function writeImport(store: SessionStore, payload: SessionImport): ImportCounts {
  const messageIds = new Map<string, string>();
  const artifacts = new Set<string>();
  let versions = 0;
  for (const message of payload.messages) {
    if (payload.extractBlocks && message.role === "assistant") {
      const answer = storeAnswer(store, message.content, message.createdAt);
      messageIds.set(message.id, answer.message.id);
      // Each block made a version: an artifact's first, or a revision's.
      for (const { artifact } of answer.saved) artifacts.add(artifact.id);
      versions += answer.saved.length;
      continue;
    }
    const stored = store.messages.insert(message.role, message.content, message.status, message.createdAt);
    messageIds.set(message.id, stored.id);
  }
  const artifactIds = payload.artifacts.map((artifact) => {
    versions += artifact.versions.length;
    return store.artifacts.insertArchived(artifact, messageIds).id;
  });
  for (const id of artifactIds) artifacts.add(id);
  return { messages: payload.messages.length, artifacts: artifacts.size, versions, artifactIds };
}

/** Remembers the import written into this session, in its transaction. */
function rememberImport({ sql }: SessionStore, digest: string, counts: ArchiveImportCounts): void {
  sql.exec(
    "INSERT INTO archive_import (digest, messages, artifacts, versions) VALUES (?, ?, ?, ?)",
    digest,
    counts.messages,
    counts.artifacts,
    counts.versions,
  );
}

/** What the import of this digest wrote here, when it was written here; its artifacts in the order written. */
function earlierImport(store: SessionStore, digest: string): ImportCounts | null {
  const row = store.sql
    .exec<{ messages: number; artifacts: number; versions: number }>(
      "SELECT messages, artifacts, versions FROM archive_import WHERE digest = ?",
      digest,
    )
    .toArray()[0];
  if (!row) return null;
  return { ...row, artifactIds: store.artifacts.ids() };
}
