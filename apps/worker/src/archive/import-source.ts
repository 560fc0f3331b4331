/** What each importer (a Folio export, a ChatGPT export, a markdown transcript) reads a body into. */
import type { ExportedCollection, Validated } from "@folio/protocol";
import type { SessionImport } from "../session/archive-import.js";

/** One session to import. */
export interface ImportSource {
  /** Where it came from, stable across imports of the same thing: `folio:<session>`, `chatgpt:<conversation>`… */
  origin: string;
  /** For a Folio export, the session's id where it was exported (this very workspace, perhaps). */
  exportedSessionId: string | null;
  title: string;
  /** Of what is imported: another import of the same origin with another digest is a conflict. */
  digest: string;
  /** Its messages and artifacts, or why it is refused; read when its turn comes. */
  read: () => Promise<Validated<SessionImport>>;
  /** The export's ids of the artifacts `read` gives, in its order (collections name these). */
  artifactIds: string[];
}

export interface ImportBatch {
  sources: ImportSource[];
  collections: ExportedCollection[];
}

/** At most this many sessions in one import (each is a few calls between objects). */
export const MAX_IMPORT_SESSIONS = 1000;

export function refused(message: string): Validated<never> {
  return { ok: false, error: { code: "invalid_message", message } };
}
