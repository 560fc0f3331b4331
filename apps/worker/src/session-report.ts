/**
 * What a session tells its workspace, through its outbox: its summary as it stands, and its artifacts changed
 * since it last told (each as it now is, or its id when deleted). Reports are idempotent: delivering one twice
 * changes nothing the second time. The contract between the two objects, so it belongs to neither.
 */
import type { Artifact } from "@folio/protocol";

/** In a session's outbox, the key that says its summary changed (an artifact's key is its id). */
export const SESSION_KEY = "#session";

export interface SessionActivity {
  createdAt: number;
  lastActivityAt: number;
  messageCount: number;
  artifactCount: number;
  /** The start of the session's first message, its title until it is renamed. */
  gist: string | null;
}

export interface SessionReport {
  sessionId: string;
  activity: SessionActivity;
  upserts: Artifact[];
  deletes: string[];
}
