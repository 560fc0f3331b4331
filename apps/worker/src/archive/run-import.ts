/**
 * An import, session by session: each one the workspace already has (imported before, or its own) is skipped, or
 * reported as a conflict when what was imported then differs; each new one is written into a new session in one
 * transaction, or, refused, leaves nothing. Collections come last, naming the artifacts as imported.
 */
import type { ImportEvent, ImportedSession, ImportSummary } from "@folio/protocol";
import type { Env } from "../env.js";
import { errorText, log } from "../observability/log.js";
import { SESSION_NOT_STORED } from "../session/archive-import.js";
import { createSession } from "../session/create-session.js";
import type { ImportBatch, ImportSource } from "./import-source.js";

export async function runImport(
  env: Env,
  workspaceId: string,
  batch: ImportBatch,
  emit: (event: ImportEvent) => void = () => {},
): Promise<ImportSummary> {
  emit({ type: "start", total: batch.sources.length });
  /** The export's artifact ids, as this workspace now knows them. */
  const imported = new Map<string, string>();
  const sessions: ImportedSession[] = [];
  for (const source of batch.sources) {
    const session = await importSession(env, workspaceId, source, imported);
    sessions.push(session);
    emit({ type: "session", done: sessions.length, session });
  }
  const collections = batch.collections
    .map(({ name, description, artifactIds }) => ({
      name,
      description,
      artifactIds: artifactIds.flatMap((id) => imported.get(id) ?? []),
    }))
    .filter((collection) => collection.artifactIds.length > 0);
  const summary: ImportSummary = {
    sessions,
    collections:
      collections.length > 0
        ? await env.WORKSPACE.getByName(workspaceId).importCollections(collections)
        : { added: 0, items: 0 },
  };
  emit({ type: "done", summary });
  return summary;
}

/**
 * One session of the import. Whatever throws on the way (an object that fails, a call past the platform's size
 * limit) fails this session only, with a sentence: the exception goes to the log, and a session made for it is
 * deleted.
 */
async function importSession(
  env: Env,
  workspaceId: string,
  source: ImportSource,
  imported: Map<string, string>,
): Promise<ImportedSession> {
  const outcome = { origin: source.origin, title: source.title, messages: 0, artifacts: 0, versions: 0 };
  const made: { sessionId: string | null } = { sessionId: null };
  try {
    return await writeSession(env, workspaceId, source, imported, outcome, made);
  } catch (error) {
    log({
      event: "import.failed",
      workspace: workspaceId,
      session: made.sessionId ?? undefined,
      error: errorText(error),
    });
    if (made.sessionId !== null) await forget(env, workspaceId, source.origin, made.sessionId);
    return { ...outcome, status: "failed", sessionId: null, error: SESSION_NOT_STORED };
  }
}

async function writeSession(
  env: Env,
  workspaceId: string,
  source: ImportSource,
  imported: Map<string, string>,
  outcome: Omit<ImportedSession, "status" | "sessionId">,
  made: { sessionId: string | null },
): Promise<ImportedSession> {
  const workspace = env.WORKSPACE.getByName(workspaceId);
  // The workspace decides first, so a retry, or the same file posted twice at once, writes one session.
  const reserved = await workspace.reserveImport(source.origin, source.digest, source.exportedSessionId);
  if (reserved.kind === "known") {
    // The workspace's own session: its artifacts are the export's, ids and all.
    if (reserved.digest === null) for (const id of source.artifactIds) imported.set(id, id);
    const same = reserved.digest === null || reserved.digest === source.digest;
    return { ...outcome, status: same ? "skipped" : "conflict", sessionId: reserved.sessionId };
  }
  if (reserved.kind === "busy") {
    return { ...outcome, status: "conflict", sessionId: null, error: "another import of it is under way" };
  }
  const { sessionId } = reserved;
  const payload = await source.read();
  if (!payload.ok) {
    await workspace.releaseImport(source.origin, sessionId);
    return { ...outcome, status: "failed", sessionId: null, error: payload.error.message };
  }
  made.sessionId = sessionId;
  await createSession(env, workspaceId, sessionId);
  const session = env.SESSION.getByName(sessionId);
  const stored = await session.importArchive(workspaceId, payload.value, source.digest);
  if (!stored.ok) {
    made.sessionId = null;
    await forget(env, workspaceId, source.origin, sessionId);
    return { ...outcome, status: "failed", sessionId: null, error: stored.error.message };
  }
  await workspace.recordImport(source.origin, sessionId, source.title);
  const { artifactIds, ...counts } = stored.value;
  source.artifactIds.forEach((id, i) => {
    const now = artifactIds[i];
    if (now !== undefined) imported.set(id, now);
  });
  return { ...outcome, ...counts, status: "added", sessionId };
}

/**
 * Deletes a session the import made and could not fill, and frees its origin for a later import; best effort, as
 * the import is failing already.
 */
async function forget(env: Env, workspaceId: string, origin: string, sessionId: string): Promise<void> {
  try {
    const workspace = env.WORKSPACE.getByName(workspaceId);
    await env.SESSION.getByName(sessionId).destroy(workspaceId);
    await workspace.removeSession(sessionId);
    await workspace.releaseImport(origin, sessionId);
  } catch (error) {
    log({ event: "import.failed", workspace: workspaceId, session: sessionId, error: errorText(error) });
  }
}
