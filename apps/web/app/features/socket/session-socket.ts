/**
 * A typed WebSocket to one session: frames are validated with @folio/protocol, the socket reconnects with
 * exponential backoff, and frames sent while it is down are queued and sent once it is back.
 */
import { type ClientFrame, type ProtocolError, parseClientFrame, ServerFrame } from "@folio/protocol";
import { ReconnectingSocket } from "./reconnecting-socket";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

export interface SessionSocketHandlers {
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState): void;
  /**
   * Called each time the socket opens, before queued frames go out, so the caller can (re)sync what it has:
   * `first` is true for the first connection, false after a reconnection.
   */
  onOpen(first: boolean): void;
  /** How many frames wait to be sent, whenever that changes. */
  onQueue?(waiting: number): void;
  /** A frame the server would refuse (too large, invalid) was not sent; this says why. */
  onRefused?(error: ProtocolError): void;
}

/** Backoff between reconnection attempts; after three failed ones the session is shown offline. */
const BACKOFF = { minMs: 250, maxMs: 5000 };

export class SessionSocket {
  private readonly socket: ReconnectingSocket<ServerFrame>;
  private readonly queue: string[] = [];

  constructor(
    sessionId: string,
    private readonly handlers: SessionSocketHandlers,
  ) {
    this.socket = new ReconnectingSocket({
      path: `/api/sessions/${sessionId}/ws`,
      frames: ServerFrame,
      backoff: BACKOFF,
      onFrame: (frame) => handlers.onFrame(frame),
      onConnecting: (first) => handlers.onState(first ? "connecting" : "reconnecting"),
      onOpen: (first) => {
        handlers.onState("connected");
        handlers.onOpen(first);
        const waiting = this.queue.splice(0);
        for (const text of waiting) this.socket.send(text);
        if (waiting.length > 0) handlers.onQueue?.(0);
      },
      onDrop: (failures) => handlers.onState(failures >= 3 ? "offline" : "reconnecting"),
    });
  }

  /** Sends a frame, or queues it while disconnected; returns false when it is refused before sending. */
  send(frame: ClientFrame): boolean {
    const text = JSON.stringify(frame);
    // The server's own check: a frame it would refuse (or a production socket would be closed for) never leaves.
    const checked = parseClientFrame(text);
    if (!checked.ok) {
      this.handlers.onRefused?.(checked.error);
      return false;
    }
    if (!this.socket.send(text)) {
      this.queue.push(text);
      this.handlers.onQueue?.(this.queue.length);
    }
    return true;
  }

  close(): void {
    this.socket.close();
  }
}
