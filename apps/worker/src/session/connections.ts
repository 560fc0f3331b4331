/**
 * The session's open sockets: accepted up to the session's limit, each told the answer in flight as it joins,
 * and all of them hearing every change.
 */
import type { ServerFrame } from "@folio/protocol";
import { errorResponse } from "../http/responses.js";
import { type Echo, send } from "./replies.js";
import type { SocketBudgets } from "./socket-budget.js";

export interface ConnectionsOptions {
  sockets: SocketBudgets;
  receive: (socket: WebSocket, raw: string | ArrayBuffer) => void;
  /** What a socket that joins now is sent first. */
  joinFrames: () => ServerFrame[];
}

export class Connections {
  private readonly connected = new Set<WebSocket>();

  constructor(private readonly options: ConnectionsOptions) {}

  /** Accepts a WebSocket upgrade the session has already checked, within the limit of sockets at once. */
  accept(): Response {
    const { sockets, receive, joinFrames } = this.options;
    if (this.connected.size >= sockets.limit.maxSockets) {
      return errorResponse(
        "rate_limited",
        `a session takes at most ${sockets.limit.maxSockets} connections at once`,
      );
    }
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    this.connected.add(server);
    server.addEventListener("message", (event) => receive(server, event.data));
    server.addEventListener("close", () => this.disconnect(server));
    server.addEventListener("error", () => this.disconnect(server));
    // A socket that joins mid-answer gets the answer and its open blocks so far, then the live deltas.
    for (const frame of joinFrames()) send(server, frame);
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends a frame to every socket of the session; the socket that asked gets it with its requestId. */
  broadcast(frame: ServerFrame, origin?: WebSocket, echo: Echo = {}): void {
    for (const socket of this.connected) send(socket, socket === origin ? { ...frame, ...echo } : frame);
  }

  /** Closes every socket (the session was deleted). */
  closeAll(reason: string): void {
    for (const socket of this.connected) {
      try {
        socket.close(1000, reason);
      } catch {
        // Already closing.
      }
    }
    this.connected.clear();
  }

  private disconnect(socket: WebSocket): void {
    this.connected.delete(socket);
    this.options.sockets.forget(socket);
    try {
      socket.close(1000, "closed");
    } catch {
      // Already closed: nothing to do.
    }
  }
}
