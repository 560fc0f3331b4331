/**
 * A typed WebSocket to one session: frames are validated with @folio/protocol, the socket reconnects with
 * exponential backoff, and frames sent while it is down are queued and sent once it is back.
 */
import { type ClientFrame, type ProtocolError, parseClientFrame, ServerFrame } from "@folio/protocol";

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

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5000;

export class SessionSocket {
  private socket: WebSocket | null = null;
  private readonly queue: string[] = [];
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private hasConnected = false;

  constructor(
    private readonly sessionId: string,
    private readonly handlers: SessionSocketHandlers,
  ) {
    addEventListener("online", this.retryNow);
    this.connect();
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
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else {
      this.queue.push(text);
      this.handlers.onQueue?.(this.queue.length);
    }
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    removeEventListener("online", this.retryNow);
    this.socket?.close(1000, "done");
  }

  /** When the device comes back online, try at once instead of waiting out the backoff. */
  private readonly retryNow = () => {
    if (this.closed || this.socket?.readyState === WebSocket.OPEN) return;
    if (this.socket?.readyState === WebSocket.CONNECTING) return;
    clearTimeout(this.timer);
    this.connect();
  };

  private connect(): void {
    const protocol = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${protocol}//${location.host}/api/sessions/${this.sessionId}/ws`);
    this.socket = socket;
    this.handlers.onState(this.hasConnected ? "reconnecting" : "connecting");
    socket.addEventListener("open", () => {
      this.attempts = 0;
      this.handlers.onState("connected");
      const first = !this.hasConnected;
      this.hasConnected = true;
      this.handlers.onOpen(first);
      const waiting = this.queue.splice(0);
      for (const text of waiting) socket.send(text);
      if (waiting.length > 0) this.handlers.onQueue?.(0);
    });
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      const parsed = ServerFrame.safeParse(safeJson(event.data));
      if (parsed.success) this.handlers.onFrame(parsed.data);
      else console.warn("ignored an unexpected frame", parsed.error.issues);
    });
    socket.addEventListener("close", () => {
      if (this.closed || this.socket !== socket) return;
      this.handlers.onState(this.attempts >= 3 ? "offline" : "reconnecting");
      const delay =
        Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** this.attempts) * (0.75 + Math.random() / 2);
      this.attempts++;
      this.timer = setTimeout(() => this.connect(), delay);
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
