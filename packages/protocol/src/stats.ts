/**
 * Usage stats. Per artifact: how often it was viewed, previewed, copied, downloaded (told by the app, or any
 * client, with `POST /api/usage`) and edited (counted by the server). Per workspace (`GET /api/stats`): its
 * artifacts by type and language, and by day, its sessions, the storage it uses, and its most reused artifacts.
 */
import { z } from "zod";
import { ArtifactType, Id } from "./entities.js";

export const UsageKind = z.enum(["view", "preview", "copy", "download", "edit"]);
export type UsageKind = z.infer<typeof UsageKind>;

/** What a client tells: edits are counted by the server itself. */
export const UsageEvent = z.strictObject({
  sessionId: Id,
  artifactId: Id,
  kind: UsageKind.exclude(["edit"]),
});
export type UsageEvent = z.infer<typeof UsageEvent>;

/** `POST /api/usage`: up to 100 events; those naming no artifact of the workspace are ignored. */
export const UsageRequest = z.strictObject({ events: z.array(UsageEvent).min(1).max(100) });
export type UsageRequest = z.infer<typeof UsageRequest>;
export const UsageResponse = z.object({ counted: z.number().int().nonnegative() });

const Count = z.number().int().nonnegative();

export const ArtifactUsage = z.object({
  artifactId: Id,
  sessionId: Id,
  title: z.string(),
  type: ArtifactType,
  views: Count,
  previews: Count,
  copies: Count,
  downloads: Count,
  edits: Count,
});
export type ArtifactUsage = z.infer<typeof ArtifactUsage>;

/** `GET /api/stats`. */
export const WorkspaceStats = z.object({
  sessions: Count,
  artifacts: Count,
  /** Bytes: the current versions' content, and the workspace's own database (its index, collections, links…). */
  storage: z.object({ contentBytes: Count, workspaceBytes: Count }),
  byType: z.array(z.object({ type: ArtifactType, count: Count })),
  byLanguage: z.array(z.object({ language: z.string(), count: Count })),
  /** Artifacts made per day (UTC) and type, over the last 90 days. */
  timeline: z.array(z.object({ day: z.string(), type: ArtifactType, count: Count })),
  /** Copied and downloaded most (then viewed), at most 10. */
  mostReused: z.array(ArtifactUsage),
});
export type WorkspaceStats = z.infer<typeof WorkspaceStats>;

/**
 * `GET /api/stats/artifacts/:id?sessionId=`: one artifact's usage; its session, optional, finds one just made
 * before the workspace's index has heard of it.
 */
export const ArtifactUsageQuery = z.strictObject({ sessionId: Id.optional() });
export type ArtifactUsageQuery = z.infer<typeof ArtifactUsageQuery>;
/** `GET /api/stats/artifacts/:id`: one artifact's usage. */
export const ArtifactUsageResponse = z.object({ usage: ArtifactUsage });
