/**
 * Workspaces: whose sessions these are. A workspace holds a person's (or team's) sessions, an index of all their
 * artifacts, and the credentials that open it. These are its entities, REST bodies and live frames.
 */
import { z } from "zod";
import { CollectionChangedFrame, CollectionDeletedFrame } from "./collections.js";
import { Artifact, ArtifactType, Id } from "./entities.js";
import { ArtifactOrder, Cursor, NextCursor, QueryLimit, QueryTime } from "./paging.js";
import { SearchText } from "./search.js";

/** Epoch milliseconds. */
const Timestamp = z.number().int().nonnegative();

export const SessionTitle = z.string().trim().min(1).max(200);

/** A session as its workspace lists it. Its title is the gist of its first message until renamed. */
export const SessionSummary = z.object({
  id: Id,
  title: z.string(),
  createdAt: Timestamp,
  lastActivityAt: Timestamp,
  messageCount: z.number().int().nonnegative(),
  artifactCount: z.number().int().nonnegative(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

/** `POST /api/workspaces` (no credential): a new workspace and its first credential (also set as a cookie). */
export const CreateWorkspaceResponse = z.object({ workspaceId: Id, token: z.string() });
export type CreateWorkspaceResponse = z.infer<typeof CreateWorkspaceResponse>;

/** `GET /api/sessions?cursor=&limit=`: latest activity first. */
export const SessionsQuery = z.strictObject({ cursor: Cursor.optional(), limit: QueryLimit.optional() });
export type SessionsQuery = z.infer<typeof SessionsQuery>;
export const SessionsResponse = z.object({ sessions: z.array(SessionSummary), nextCursor: NextCursor });
export type SessionsResponse = z.infer<typeof SessionsResponse>;
export const SessionResponse = z.object({ session: SessionSummary });
export const UpdateSessionRequest = z.strictObject({ title: SessionTitle });
export type UpdateSessionRequest = z.infer<typeof UpdateSessionRequest>;

/**
 * `GET /api/artifacts`: every artifact of the workspace, filtered; `since`/`until` bound the creation time
 * (epoch ms, inclusive), `order` is by creation time, newest first unless asked, or by title. With `q`, a search:
 * the answer is a SearchResponse, best match first (`order` does not apply).
 */
export const WorkspaceArtifactsQuery = z.strictObject({
  q: SearchText.optional(),
  type: ArtifactType.optional(),
  language: z.string().min(1).max(64).optional(),
  sessionId: Id.optional(),
  /** Only the artifacts of this collection. */
  collectionId: Id.optional(),
  since: QueryTime.optional(),
  until: QueryTime.optional(),
  order: ArtifactOrder.optional(),
  cursor: Cursor.optional(),
  limit: QueryLimit.optional(),
});
export type WorkspaceArtifactsQuery = z.infer<typeof WorkspaceArtifactsQuery>;
export const WorkspaceArtifactsResponse = z.object({ artifacts: z.array(Artifact), nextCursor: NextCursor });
export type WorkspaceArtifactsResponse = z.infer<typeof WorkspaceArtifactsResponse>;

export const TokenName = z.string().trim().min(1).max(100);

/** An API token as listed: never its secret. */
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const CreateTokenRequest = z.strictObject({ name: TokenName });
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;
/** The one answer that holds the token's secret: it is stored hashed and never shown again. */
export const CreatedToken = z.object({ id: Id, name: z.string(), token: z.string(), createdAt: Timestamp });
export type CreatedToken = z.infer<typeof CreatedToken>;
export const TokensResponse = z.object({ tokens: z.array(ApiToken) });
export type TokensResponse = z.infer<typeof TokensResponse>;

/** A browser signed in to the workspace (by its cookie); `current` is the one asking. */
export const Device = z.object({
  id: Id,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  current: z.boolean(),
});
export type Device = z.infer<typeof Device>;
export const DevicesResponse = z.object({ devices: z.array(Device) });
export type DevicesResponse = z.infer<typeof DevicesResponse>;

/** `POST /api/device-links`: a one-time link that binds another browser to this workspace. */
export const DeviceLinkResponse = z.object({ url: z.string(), expiresAt: Timestamp });
export type DeviceLinkResponse = z.infer<typeof DeviceLinkResponse>;

/** Frames of a workspace's socket (`/api/workspace/ws`): its sessions and collections as they change, from any tab. */
export const SessionChangedFrame = z.object({ type: z.literal("session_changed"), session: SessionSummary });
export const SessionDeletedFrame = z.object({ type: z.literal("session_deleted"), sessionId: Id });
export const WorkspaceFrame = z.discriminatedUnion("type", [
  SessionChangedFrame,
  SessionDeletedFrame,
  CollectionChangedFrame,
  CollectionDeletedFrame,
]);
export type WorkspaceFrame = z.infer<typeof WorkspaceFrame>;

/**
 * `GET/PUT /api/settings`: the workspace's own settings. `retentionDays`: sessions with no activity for that many
 * days lose their messages and artifacts (but those in a collection or shown by a share link), or null to keep
 * everything. A workspace that never chose follows the deployment's `RETENTION_DAYS` (`defaultRetentionDays`).
 */
export const RetentionDays = z.number().int().min(1).max(36500).nullable();
export const WorkspaceSettings = z.object({
  retentionDays: RetentionDays,
  /** Whether `retentionDays` is this workspace's choice, or the deployment's default. */
  retentionChosen: z.boolean(),
  defaultRetentionDays: RetentionDays,
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
export const UpdateSettingsRequest = z.strictObject({ retentionDays: RetentionDays });
export type UpdateSettingsRequest = z.infer<typeof UpdateSettingsRequest>;
