/** Bodies of the REST API (`/api/...`), requests and responses. */
import { z } from "zod";
import { Artifact, ArtifactUpdates, ArtifactVersion, Id, Message, MessageContent } from "./entities.js";
import { ErrorCode } from "./frames.js";
import { ArtifactOrder, Cursor, NextCursor, QueryLimit, QueryTime } from "./paging.js";
import { SearchText } from "./search.js";
import { SessionSummary } from "./workspace.js";

export const HealthResponse = z.object({ ok: z.literal(true) });
/** `POST /api/sessions`: a new session of the caller's workspace, as the workspace now lists it. */
export const CreateSessionResponse = z.object({ sessionId: Id, session: SessionSummary });
/** `GET /api/sessions/:id/messages?cursor=&limit=`: oldest first, a page at a time. */
export const MessagesQuery = z.strictObject({ cursor: Cursor.optional(), limit: QueryLimit.optional() });
export type MessagesQuery = z.infer<typeof MessagesQuery>;
export const MessagesResponse = z.object({ messages: z.array(Message), nextCursor: NextCursor });

/** `POST /api/sessions/:sessionId/messages`: an assistant answer written elsewhere, to be stored and mined. */
export const ImportMessageRequest = z.strictObject({
  role: z.literal("assistant"),
  content: MessageContent,
});
export type ImportMessageRequest = z.infer<typeof ImportMessageRequest>;
/**
 * An imported answer: its message, the first page of its blocks' artifacts in the blocks' order (at most 100, and
 * 8 MiB of content), how many it made in all, and, when there are more, the cursor of
 * `GET /api/sessions/:id/artifacts?messageId=` that lists the rest it created.
 */
export const ImportMessageResponse = z.object({
  message: Message,
  artifacts: z.array(Artifact),
  artifactCount: z.number().int().min(0),
  nextCursor: NextCursor,
});
export type ImportMessageResponse = z.infer<typeof ImportMessageResponse>;

/**
 * `GET /api/sessions/:id/artifacts`: the session's artifacts, oldest first (or `order=newest`, or `order=title`),
 * a page at a time; `since`/`until` bound the creation time (epoch ms, inclusive). With `q`, a search: the answer
 * is a SearchResponse, best match first.
 */
export const ArtifactsQuery = z.strictObject({
  q: SearchText.optional(),
  messageId: Id.optional(),
  type: z.string().optional(),
  language: z.string().optional(),
  since: QueryTime.optional(),
  until: QueryTime.optional(),
  order: ArtifactOrder.optional(),
  cursor: Cursor.optional(),
  limit: QueryLimit.optional(),
});
export type ArtifactsQuery = z.infer<typeof ArtifactsQuery>;
export const ArtifactsResponse = z.object({ artifacts: z.array(Artifact), nextCursor: NextCursor });
export const ArtifactResponse = z.object({ artifact: Artifact });
/**
 * `PATCH …/artifacts/:artifactId`: the changes. `If-Match` makes it conditional: the `ETag` the artifact's GET gave
 * (412 `conflict` once it changed), or a version, as `baseVersion` (409 `conflict`).
 */
export const UpdateArtifactRequest = ArtifactUpdates;
export const VersionsResponse = z.object({ versions: z.array(ArtifactVersion) });
export const VersionResponse = z.object({ version: ArtifactVersion });

/** A hunk of a line diff: each line starts with " " (kept), "-" (removed) or "+" (added). */
export const DiffHunk = z.object({
  oldStart: z.number().int().nonnegative(),
  oldLines: z.number().int().nonnegative(),
  newStart: z.number().int().nonnegative(),
  newLines: z.number().int().nonnegative(),
  lines: z.array(z.string()),
});
/**
 * `GET …/versions/:from/diff/:to`: how the content changed between two versions, as unified hunks with 3 lines of
 * context. `whole` is true when the versions differ too much to align, and the diff replaces every line.
 */
export const VersionDiff = z.object({
  artifactId: Id,
  from: z.number().int().positive(),
  to: z.number().int().positive(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  whole: z.boolean(),
  hunks: z.array(DiffHunk),
});
export type VersionDiff = z.infer<typeof VersionDiff>;
export const VersionDiffResponse = z.object({ diff: VersionDiff });

export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** With `conflict`: the artifact's current version. */
    currentVersion: z.number().int().positive().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
