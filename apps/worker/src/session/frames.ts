/**
 * What a socket sends the session: each frame admitted within the socket's budget (socket-budget.ts), parsed, and
 * answered on that socket with the frame's requestId; a change it asks for goes the same path as the REST call's.
 */
import type { ClientFrame } from "@folio/protocol";
import { parseClientFrame } from "@folio/protocol";
import { errorText, log } from "../observability/log.js";
import type { Answers } from "./answers.js";
import type { ArtifactChanges } from "./artifact-changes.js";
import { NO_SUCH_SESSION, noSuchArtifact, versionOf } from "./lookups.js";
import { type Echo, requestIdOf, send, sendError } from "./replies.js";
import type { SocketBudgets } from "./socket-budget.js";
import type { SessionStore } from "./store.js";

export interface FramesOptions {
  /** Null until the session is created, and once it is deleted. */
  store: () => SessionStore | null;
  sockets: SocketBudgets;
  answers: Answers;
  changes: ArtifactChanges;
}

export class Frames {
  constructor(private readonly options: FramesOptions) {}

  receive(socket: WebSocket, raw: string | ArrayBuffer): void {
    const { sockets } = this.options;
    // Over budget, a frame is dropped before it is even parsed, so a flood costs next to nothing.
    const verdict = sockets.admit(socket);
    if (verdict === "close") {
      socket.close(1008, "too many frames");
      return;
    }
    if (verdict !== "accept") {
      if (verdict === "drop_and_tell") {
        sendError(socket, {
          code: "rate_limited",
          message: `too many frames; frames are dropped for ${sockets.retryAfterSeconds(socket)} s`,
        });
      }
      return;
    }
    // A keep-alive, answered as cheaply as it came.
    if (raw === "ping") return send(socket, "pong");
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) return sendError(socket, parsed.error);
    const echo = requestIdOf(parsed.frame);
    const store = this.options.store();
    if (!store) return sendError(socket, { ...NO_SUCH_SESSION, ...echo });
    try {
      this.handle(socket, parsed.frame, store, echo);
    } catch (error) {
      log({
        event: "frame.failed",
        session: store.sessionId,
        type: parsed.frame.type,
        error: errorText(error),
      });
      sendError(socket, { code: "internal", message: "the request failed", ...echo });
    }
  }

  private handle(socket: WebSocket, frame: ClientFrame, store: SessionStore, echo: Echo): void {
    const { answers, changes } = this.options;
    switch (frame.type) {
      case "chat":
        return answers.start(socket, frame.content, store, echo);
      case "get_messages": {
        const { cursor, limit } = frame;
        const page = answers.liveMessages(store, { cursor, limit });
        if (!page.ok) return sendError(socket, { ...page.error, ...echo });
        const { items: messages, nextCursor } = page.value;
        return send(socket, { type: "messages", messages, ...cursorOf(cursor), nextCursor, ...echo });
      }
      case "get_artifacts": {
        if (frame.sessionId !== store.sessionId) {
          return sendError(socket, { code: "forbidden", message: "that is another session", ...echo });
        }
        const { messageId, cursor, limit, order } = frame;
        const page = store.artifacts.page({ messageId, cursor, limit, order });
        if (!page.ok) return sendError(socket, { ...page.error, ...echo });
        const { items: artifacts, nextCursor } = page.value;
        const filter = messageId === undefined ? {} : { messageId };
        return send(socket, {
          type: "artifacts",
          sessionId: store.sessionId,
          ...filter,
          artifacts,
          ...cursorOf(cursor),
          nextCursor,
          ...echo,
        });
      }
      case "search_artifacts": {
        const { query, artifactType, language, since, until, cursor, limit } = frame;
        const found = store.artifacts.search(query, {
          type: artifactType,
          language,
          since,
          until,
          cursor,
          limit,
        });
        if (!found.ok) return sendError(socket, { ...found.error, ...echo });
        const { items: results, nextCursor } = found.value;
        return send(socket, {
          type: "search_results",
          query,
          results,
          ...cursorOf(cursor),
          nextCursor,
          ...echo,
        });
      }
      case "update_artifact": {
        const { artifactId, updates, baseVersion } = frame;
        const result = changes.update(
          store,
          artifactId,
          updates,
          { source: "edit" },
          baseVersion,
          socket,
          echo,
        );
        if (!result.ok) sendError(socket, result.error);
        return;
      }
      case "get_versions": {
        const versions = store.versions.list(frame.artifactId);
        if (!versions) return sendError(socket, noSuchArtifact(echo));
        return send(socket, { type: "versions", artifactId: frame.artifactId, versions, ...echo });
      }
      case "get_version": {
        const version = versionOf(store, frame.artifactId, frame.version, echo);
        if (!version.ok) return sendError(socket, version.error);
        return send(socket, { type: "version", version: version.value, ...echo });
      }
      case "restore_version": {
        const result = changes.restore(store, frame.artifactId, frame.version, socket, echo);
        if (!result.ok) sendError(socket, result.error);
        return;
      }
      case "delete_artifact": {
        const result = changes.delete(store, frame.artifactId, socket, echo);
        if (!result.ok) sendError(socket, result.error);
        return;
      }
      case "cancel": {
        if (answers.cancel(frame.messageId)) return;
        return sendError(socket, {
          code: "not_found",
          message: "no answer is streaming with that id",
          ...echo,
        });
      }
    }
  }
}

/** A page frame names the cursor it answers, so a client tells its pages apart. */
function cursorOf(cursor: string | undefined): { cursor?: string } {
  return cursor === undefined ? {} : { cursor };
}
