/**
 * A whole session from elsewhere (a Folio export, a ChatGPT conversation, a markdown transcript) written into a
 * new, empty session. The caller runs it in one transaction: all of it is stored, or, if any write fails, none.
 */
import type { ExportedMessage } from "@folio/protocol";
import type { ArchivedVersion, ArchiveImportCounts, SessionStore } from "./store.js";
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

export interface ImportCounts extends ArchiveImportCounts {
  /** The new ids of the payload's `artifacts`, in its order. */
  artifactIds: string[];
}

export function writeImport(store: SessionStore, payload: SessionImport): ImportCounts {
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
    const stored = store.insertMessage(message.role, message.content, message.status, message.createdAt);
    messageIds.set(message.id, stored.id);
  }
  const artifactIds = payload.artifacts.map((artifact) => {
    versions += artifact.versions.length;
    return store.insertArchivedArtifact(artifact, messageIds).id;
  });
  for (const id of artifactIds) artifacts.add(id);
  return { messages: payload.messages.length, artifacts: artifacts.size, versions, artifactIds };
}
