/** Every WebSocket frame, client to server and server to client, as one discriminated union each. */
import { z } from "zod";
import { Artifact, ArtifactUpdates, ArtifactVersion, Id, Message, MessageContent } from "./entities.js";
import { Cursor, NextCursor, PageLimit } from "./paging.js";
import { SearchResult, SearchText } from "./search.js";

export const RequestId = z.string().min(1).max(128);

export const ErrorCode = z.enum([
  "invalid_message",
  /** No credential, or one that is unknown, revoked or expired (REST answers 401). */
  "unauthorized",
  /**
   * The browser's cookie opens nothing (signed out in Settings, or its workspace is gone): 401, told apart from
   * no cookie at all so that the app makes a workspace only for a browser that never had one.
   */
  "signed_out",
  "not_found",
  "forbidden",
  "too_large",
  "busy",
  /** An edit based on a version that is no longer the current one (`currentVersion` says which is). */
  "conflict",
  "rate_limited",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

const clientFrame = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject({ ...shape, requestId: RequestId.optional() });

export const ChatFrame = clientFrame({
  type: z.literal("chat"),
  content: MessageContent.pipe(z.string().min(1)),
});
/** A page of the session's messages, oldest first (100 unless `limit` says); `cursor` continues a listing. */
export const GetMessagesFrame = clientFrame({
  type: z.literal("get_messages"),
  cursor: Cursor.optional(),
  limit: PageLimit.optional(),
});
/** A page of the session's artifacts, oldest first unless `order` says, like get_messages. */
export const GetArtifactsFrame = clientFrame({
  type: z.literal("get_artifacts"),
  sessionId: Id,
  messageId: Id.optional(),
  order: z.enum(["newest", "oldest"]).optional(),
  cursor: Cursor.optional(),
  limit: PageLimit.optional(),
});
const Timestamp = z.number().int().nonnegative();
/**
 * A full-text search of the session's artifacts (see search.ts), best match first. The artifact type filter is
 * `artifactType`, as `type` names the frame.
 */
export const SearchArtifactsFrame = clientFrame({
  type: z.literal("search_artifacts"),
  query: SearchText,
  artifactType: z.string().max(64).optional(),
  language: z.string().max(64).optional(),
  since: Timestamp.optional(),
  until: Timestamp.optional(),
  cursor: Cursor.optional(),
  limit: PageLimit.optional(),
});
const VersionNumber = z.number().int().positive();

/** `baseVersion`, when given, must be the artifact's current version, or the edit is refused with `conflict`. */
export const UpdateArtifactFrame = clientFrame({
  type: z.literal("update_artifact"),
  artifactId: Id,
  updates: ArtifactUpdates,
  baseVersion: VersionNumber.optional(),
});
export const GetVersionsFrame = clientFrame({ type: z.literal("get_versions"), artifactId: Id });
export const GetVersionFrame = clientFrame({
  type: z.literal("get_version"),
  artifactId: Id,
  version: VersionNumber,
});
/** Makes an older version current again, as a new version: nothing is overwritten. */
export const RestoreVersionFrame = clientFrame({
  type: z.literal("restore_version"),
  artifactId: Id,
  version: VersionNumber,
});
export const DeleteArtifactFrame = clientFrame({ type: z.literal("delete_artifact"), artifactId: Id });
export const CancelFrame = clientFrame({ type: z.literal("cancel"), messageId: Id });

export const ClientFrame = z.discriminatedUnion("type", [
  ChatFrame,
  GetMessagesFrame,
  GetArtifactsFrame,
  SearchArtifactsFrame,
  UpdateArtifactFrame,
  DeleteArtifactFrame,
  CancelFrame,
  GetVersionsFrame,
  GetVersionFrame,
  RestoreVersionFrame,
]);
export type ClientFrame = z.infer<typeof ClientFrame>;
export type ClientFrameType = ClientFrame["type"];

const serverFrame = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.object({ ...shape, requestId: RequestId.optional() });

export const MessageFrame = serverFrame({ type: z.literal("message"), message: Message });
export const MessageStartFrame = serverFrame({ type: z.literal("message_start"), message: Message });
export const MessageDeltaFrame = serverFrame({
  type: z.literal("message_delta"),
  messageId: Id,
  delta: z.string(),
});
/** A code block has opened in a streaming answer; its artifact is not saved yet. */
export const ArtifactOpenFrame = serverFrame({
  type: z.literal("artifact_open"),
  messageId: Id,
  index: z.number().int().nonnegative(),
  info: z.string(),
  lang: z.string().nullable(),
});
/** More code of a block that is still streaming. */
export const ArtifactDeltaFrame = serverFrame({
  type: z.literal("artifact_delta"),
  messageId: Id,
  index: z.number().int().nonnegative(),
  delta: z.string(),
});
export const ArtifactCreatedFrame = serverFrame({ type: z.literal("artifact_created"), artifact: Artifact });
export const MessageDoneFrame = serverFrame({
  type: z.literal("message_done"),
  message: Message,
  artifacts: z.array(Artifact),
});
/** A page of messages; `nextCursor` asks for the next one (null: this was the last). */
export const MessagesFrame = serverFrame({
  type: z.literal("messages"),
  messages: z.array(Message),
  cursor: Cursor.optional(),
  nextCursor: NextCursor,
});
/** A page of artifacts; `cursor` is the one it answers (none for the first page). */
export const ArtifactsFrame = serverFrame({
  type: z.literal("artifacts"),
  sessionId: Id,
  messageId: Id.optional(),
  artifacts: z.array(Artifact),
  cursor: Cursor.optional(),
  nextCursor: NextCursor,
});
export const SearchResultsFrame = serverFrame({
  type: z.literal("search_results"),
  query: SearchText,
  results: z.array(SearchResult),
  cursor: Cursor.optional(),
  nextCursor: NextCursor,
});
/**
 * An artifact changed. When a block of an answer revised it (lineage: a later answer's version of it), `messageId`
 * and `index` name that block, whose streaming card it replaces.
 */
export const ArtifactUpdatedFrame = serverFrame({
  type: z.literal("artifact_updated"),
  artifact: Artifact,
  messageId: Id.optional(),
  index: z.number().int().nonnegative().optional(),
});
export const ArtifactDeletedFrame = serverFrame({ type: z.literal("artifact_deleted"), artifactId: Id });
/** Every version of an artifact, oldest first (the last is the current one). */
export const VersionsFrame = serverFrame({
  type: z.literal("versions"),
  artifactId: Id,
  versions: z.array(ArtifactVersion),
});
export const VersionFrame = serverFrame({ type: z.literal("version"), version: ArtifactVersion });
export const ErrorFrame = serverFrame({
  type: z.literal("error"),
  code: ErrorCode,
  message: z.string(),
  /** With `conflict`: the artifact's current version. */
  currentVersion: VersionNumber.optional(),
});

export const ServerFrame = z.discriminatedUnion("type", [
  MessageFrame,
  MessageStartFrame,
  MessageDeltaFrame,
  ArtifactOpenFrame,
  ArtifactDeltaFrame,
  ArtifactCreatedFrame,
  MessageDoneFrame,
  MessagesFrame,
  ArtifactsFrame,
  SearchResultsFrame,
  ArtifactUpdatedFrame,
  ArtifactDeletedFrame,
  VersionsFrame,
  VersionFrame,
  ErrorFrame,
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type ServerFrameType = ServerFrame["type"];
export type ServerFrameOf<T extends ServerFrameType> = Extract<ServerFrame, { type: T }>;
export type ErrorFrame = z.infer<typeof ErrorFrame>;
