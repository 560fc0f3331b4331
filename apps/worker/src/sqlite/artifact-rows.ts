/** An artifact as a SQLite row: the same columns in a session's table and in its workspace's index. */
import type { Artifact, ArtifactType } from "@folio/protocol";

export const ARTIFACT_COLUMNS =
  "id, session_id, message_id, title, description, type, content, language, metadata, created_at, updated_at, version";

export type ArtifactRow = {
  id: string;
  session_id: string;
  message_id: string | null;
  title: string;
  description: string | null;
  type: string;
  content: string;
  language: string | null;
  metadata: string | null;
  created_at: number;
  updated_at: number;
  version: number;
};

/** A new artifact's values, in the order of ARTIFACT_COLUMNS but its version (always 1, written as a literal). */
export function insertedValues(artifact: Artifact): (string | number | null)[] {
  return [
    artifact.id,
    artifact.sessionId,
    artifact.messageId,
    artifact.title,
    artifact.description,
    artifact.type,
    artifact.content,
    artifact.language,
    JSON.stringify(artifact.metadata),
    artifact.createdAt,
    artifact.updatedAt,
  ];
}

export function toArtifact(row: ArtifactRow): Artifact {
  return {
    id: row.id,
    sessionId: row.session_id,
    messageId: row.message_id,
    title: row.title,
    description: row.description,
    type: row.type as ArtifactType,
    content: row.content,
    language: row.language,
    metadata: row.metadata === null ? {} : (JSON.parse(row.metadata) as Record<string, unknown>),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
