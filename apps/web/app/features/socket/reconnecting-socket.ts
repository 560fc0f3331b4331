/**
 * A WebSocket to this origin that comes back: when it closes it reconnects after a jittered exponential backoff
 * (at once when the device comes back online) until it is closed on purpose. Frames it receives are validated
 * with their @folio/protocol schema; what they mean, and what is sent, is the caller's.
 */

/** What the frames are checked against: a zod schema of @folio/protocol. */
export interface FrameSchema<Frame> {
  safeParse(
    value: unknown,
  ): { success: true; data: Frame } | { success: false; error: { issues: unknown[] } };
}

export interface Backoff {
  minMs: number;
  maxMs: number;
}

export interface ReconnectingSocketOptions<Frame> {
  /** The socket's path on this origin, e.g. `/api/workspace/ws`. */
  path: string;
  /** The frames it receives; anything else is dropped. */
  frames: FrameSchema<Frame>;
  backoff: Backoff;
  /** Sends `ping` this often while open, so idle connections are not dropped by proxies. */
  keepAliveMs?: number;
  onFrame(frame: Frame): void;
  /** A connection attempt begins: `first` is false for every one after the first opening. */
  onConnecting?(first: boolean): void;
  /** The socket opened: `first` is false after a reconnection. Nothing has been sent on it yet. */
  onOpen(first: boolean): void;
  /** The socket closed and the next attempt is scheduled; `failures` attempts have failed since the last opening. */
  onDrop?(failures: number): void;
}

/** The wait before reconnecting after `failures` failed attempts: doubling from `minMs` to `maxMs`, ±25%. */
export function backoffDelay(failures: number, { minMs, maxMs }: Backoff, random = Math.random()): number {
  return Math.min(maxMs, minMs * 2 ** failures) * (0.75 + random / 2);
}

export class ReconnectingSocket<Frame> {
  private socket: WebSocket | null = null;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ping: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private hasConnected = false;

  constructor(private readonly options: ReconnectingSocketOptions<Frame>) {
    addEventListener("online", this.retryNow);
    this.connect();
  }

  /** Sends the text if the socket is open; returns whether it did. */
  send(text: string): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(text);
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    removeEventListener("online", this.retryNow);
    this.socket?.close(1000, "done");
  }

  private readonly retryNow = () => {
    if (this.closed || this.socket?.readyState === WebSocket.OPEN) return;
    if (this.socket?.readyState === WebSocket.CONNECTING) return;
    clearTimeout(this.timer);
    this.connect();
  };

  private connect(): void {
    const { path, frames, backoff, keepAliveMs } = this.options;
    const protocol = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${protocol}//${location.host}${path}`);
    this.socket = socket;
    this.options.onConnecting?.(!this.hasConnected);
    socket.addEventListener("open", () => {
      this.failures = 0;
      const first = !this.hasConnected;
      this.hasConnected = true;
      this.options.onOpen(first);
      if (keepAliveMs !== undefined) this.ping = setInterval(() => socket.send("ping"), keepAliveMs);
    });
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string" || event.data === "pong") return;
      const parsed = frames.safeParse(safeJson(event.data));
      if (parsed.success) this.options.onFrame(parsed.data);
      else console.warn("ignored an unexpected frame", parsed.error.issues);
    });
    socket.addEventListener("close", () => {
      if (this.socket === socket) clearInterval(this.ping);
      if (this.closed || this.socket !== socket) return;
      this.options.onDrop?.(this.failures);
      const delay = backoffDelay(this.failures, backoff);
      this.failures++;
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
