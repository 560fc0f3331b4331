/** The entities Folio stores: chat messages and the artifacts extracted from them. */
import { z } from "zod";
import { jsonDepth, LIMITS, TOO_LARGE, utf8Length } from "./limits.js";

export const ARTIFACT_TYPES = [
  "react-component",
  "html",
  "css",
  "javascript",
  "typescript",
  "svg",
  "mermaid",
  "json",
  "markdown",
  "python",
  "shell",
  "sql",
  "code",
] as const;

export const ArtifactType = z.enum(ARTIFACT_TYPES);
export type ArtifactType = z.infer<typeof ArtifactType>;

export const MessageRole = z.enum(["user", "assistant"]);
export type MessageRole = z.infer<typeof MessageRole>;

export const MessageStatus = z.enum(["streaming", "complete", "error", "cancelled"]);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** Epoch milliseconds. */
const Timestamp = z.number().int().nonnegative();

export const Id = z.string().min(1).max(128);

export const MessageContent = z.string().refine((text) => utf8Length(text) <= LIMITS.messageContentBytes, {
  message: `must be at most ${LIMITS.messageContentBytes} bytes of UTF-8`,
  abort: true,
  params: TOO_LARGE,
});

export const ArtifactContent = z.string().refine((text) => utf8Length(text) <= LIMITS.artifactContentBytes, {
  message: `must be at most ${LIMITS.artifactContentBytes} bytes of UTF-8`,
  abort: true,
  params: TOO_LARGE,
});

export const ArtifactTitle = z.string().trim().min(1).max(LIMITS.titleChars);
export const ArtifactDescription = z.string().max(LIMITS.descriptionChars);
export const ArtifactLanguage = z.string().trim().min(1).max(64);

/** Free-form JSON object describing an artifact (line count, size, info-string attributes, …). */
export const ArtifactMetadata = z
  .record(z.string(), z.unknown())
  .refine((value) => jsonDepth(value) <= LIMITS.metadataDepth, {
    message: `must nest at most ${LIMITS.metadataDepth} levels deep`,
    abort: true,
    params: TOO_LARGE,
  })
  .refine((value) => utf8Length(JSON.stringify(value)) <= LIMITS.metadataBytes, {
    message: `must serialise to at most ${LIMITS.metadataBytes} bytes`,
    params: TOO_LARGE,
  });
export type ArtifactMetadata = z.infer<typeof ArtifactMetadata>;

export const Message = z.object({
  id: Id,
  sessionId: Id,
  role: MessageRole,
  content: z.string(),
  createdAt: Timestamp,
  status: MessageStatus,
});
export type Message = z.infer<typeof Message>;

export const Artifact = z.object({
  id: Id,
  sessionId: Id,
  messageId: Id.nullable(),
  title: z.string(),
  description: z.string().nullable(),
  type: ArtifactType,
  content: z.string(),
  language: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().positive(),
});
export type Artifact = z.infer<typeof Artifact>;

/** What made a version: an edit (app or API), a model's answer, a restore of an older version, or an import. */
export const VersionSource = z.enum(["model", "edit", "restore", "import"]);
export type VersionSource = z.infer<typeof VersionSource>;

/**
 * One state of an artifact, as it was from `createdAt` until the next version. Versions are append-only: an edit,
 * a revision or a restore adds one, and none is ever changed or deleted (but with the artifact).
 */
export const ArtifactVersion = Artifact.pick({
  version: true,
  title: true,
  description: true,
  type: true,
  content: true,
  language: true,
  metadata: true,
  createdAt: true,
}).extend({
  artifactId: Id,
  source: VersionSource,
  /** The answer that wrote it, for a model's version. */
  messageId: Id.nullable(),
  /** The version it restored, for a restore. */
  restoredFrom: z.number().int().positive().nullable(),
});
export type ArtifactVersion = z.infer<typeof ArtifactVersion>;

/** The fields of an artifact a client may change; anything else is rejected. */
export const ArtifactUpdates = z
  .strictObject({
    title: ArtifactTitle.optional(),
    description: ArtifactDescription.nullable().optional(),
    type: ArtifactType.optional(),
    content: ArtifactContent.optional(),
    language: ArtifactLanguage.nullable().optional(),
    metadata: ArtifactMetadata.optional(),
  })
  .refine((updates) => Object.keys(updates).length > 0, { message: "must change at least one field" });
export type ArtifactUpdates = z.infer<typeof ArtifactUpdates>;
