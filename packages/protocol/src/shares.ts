/**
 * Share links: a read-only link to one artifact (pinned to a version, or following the latest) or to a whole
 * session, opened at `/share/:token` by anyone holding it, with no credential. The token is unguessable (256
 * random bits, kept only as a hash) and shown once, when made; a revoked or unknown one is `not_found`.
 */
import { z } from "zod";
import { Artifact, ArtifactVersion, Id, Message } from "./entities.js";
import { NextCursor } from "./paging.js";

const Timestamp = z.number().int().nonnegative();
const VersionNumber = z.number().int().positive();

/** `POST /api/shares`: what to share. An artifact's `version` pins the link to it; without one it follows the latest. */
export const CreateShareRequest = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("artifact"),
    sessionId: Id,
    artifactId: Id,
    version: VersionNumber.optional(),
  }),
  z.strictObject({ kind: z.literal("session"), sessionId: Id }),
]);
export type CreateShareRequest = z.infer<typeof CreateShareRequest>;

/** A share link as its workspace lists it (never its token). `title` is what it showed when made. */
export const Share = z.object({
  id: Id,
  kind: z.enum(["artifact", "session"]),
  sessionId: Id,
  artifactId: Id.nullable(),
  version: VersionNumber.nullable(),
  title: z.string(),
  createdAt: Timestamp,
  lastOpenedAt: Timestamp.nullable(),
});
export type Share = z.infer<typeof Share>;

/** The one answer that holds the link (`url`, with its token). */
export const CreatedShare = Share.extend({ url: z.string() });
export type CreatedShare = z.infer<typeof CreatedShare>;
export const CreatedShareResponse = z.object({ share: CreatedShare });
export const SharesResponse = z.object({ shares: z.array(Share) });
export type SharesResponse = z.infer<typeof SharesResponse>;

/**
 * `GET /api/share/:token`: what a link shows, and nothing else. An artifact as of its pinned version (or its
 * latest) with its versions up to that one; a session's title and the first page (100) of its messages and of its
 * artifacts, oldest first, each with the cursor of the next (`GET /api/share/:token/messages?cursor=`, and
 * `…/artifacts?cursor=`, answer a MessagesResponse and an ArtifactsResponse).
 */
export const SharedView = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("artifact"),
    artifact: Artifact,
    versions: z.array(ArtifactVersion),
    pinned: z.boolean(),
  }),
  z.object({
    kind: z.literal("session"),
    title: z.string(),
    messages: z.array(Message),
    nextMessagesCursor: NextCursor,
    artifacts: z.array(Artifact),
    nextArtifactsCursor: NextCursor,
  }),
]);
export type SharedView = z.infer<typeof SharedView>;

/**
 * `POST /api/share/:token/copy` (with the viewer's own credential): an independent copy of what a link shows in
 * the viewer's workspace, in a session they name or a new one, a page of a session's artifacts at a time. Each
 * copy records where it came from in `metadata.copiedFrom` (`{share, artifactId, version}`); the answer says where
 * they went and how many there are, not what they hold (a session's copy has no bound).
 */
export const CopyShareRequest = z.strictObject({ sessionId: Id.optional() });
export type CopyShareRequest = z.infer<typeof CopyShareRequest>;
export const CopyShareResponse = z.object({ sessionId: Id, copied: z.number().int().nonnegative() });
export type CopyShareResponse = z.infer<typeof CopyShareResponse>;
