/**
 * A client of a running Folio server for Node: a workspace's REST calls and sessions' WebSockets that record
 * every frame with its arrival time and await the frames they expect. Used by the fault specs and `pnpm load`.
 */
import type { Artifact, Message, ServerFrame, ServerFrameOf, ServerFrameType } from "@folio/protocol";
import WebSocket from "ws";

export class FolioApi {
  readonly base: string;
  readonly workspaceId: string;
  readonly token: string;

  private constructor(base: string, workspaceId: string, token: string) {
    this.base = base;
    this.workspaceId = workspaceId;
    this.token = token;
  }

  /** A new workspace, made from an address of its own (creation is limited per address). */
  static async newWorkspace(base: string): Promise<FolioApi> {
    const response = await fetch(`${base}/api/workspaces`, {
      method: "POST",
      headers: { "cf-connecting-ip": randomAddress() },
    });
    if (response.status !== 201) throw new Error(`no workspace: ${response.status} ${await response.text()}`);
    const { workspaceId, token } = (await response.json()) as { workspaceId: string; token: string };
    return new FolioApi(base, workspaceId, token);
  }

  /** A call with the workspace's token; the body, if any, as JSON. A 429 is waited out as it says. */
  async call(method: string, path: string, body?: unknown): Promise<Response> {
    for (;;) {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status !== 429) return response;
      await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000);
    }
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.call(method, path, body);
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async newSession(): Promise<string> {
    const response = await fetch(`${this.base}/api/sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.token}`, "cf-connecting-ip": randomAddress() },
    });
    if (response.status !== 201) throw new Error(`no session: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { sessionId: string }).sessionId;
  }

  /** Every item of a paged listing (`key` names its array), 500 at a time. */
  async everyPage<T>(path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes("?") ? "&" : "?";
      const page: Record<string, unknown> & { nextCursor: string | null } = await this.json(
        "GET",
        `${path}${separator}limit=500${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      items.push(...(page[key] as T[]));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return items;
  }

  artifacts(sessionId: string): Promise<Artifact[]> {
    return this.everyPage(`/api/sessions/${sessionId}/artifacts`, "artifacts");
  }

  messages(sessionId: string): Promise<Message[]> {
    return this.everyPage(`/api/sessions/${sessionId}/messages`, "messages");
  }

  /** The workspace's index of a session's artifacts (the library's view). */
  indexed(sessionId: string): Promise<Artifact[]> {
    return this.everyPage(`/api/artifacts?sessionId=${sessionId}`, "artifacts");
  }

  /** A session's socket, open; rejects with the server's answer when the upgrade is refused. */
  socket(sessionId: string): Promise<FrameSocket> {
    const url = `${this.base.replace(/^http/, "ws")}/api/sessions/${sessionId}/ws`;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${this.token}` } });
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(new FrameSocket(socket)));
      socket.once("unexpected-response", (_, response) =>
        reject(new Error(`refused: ${response.statusCode}`)),
      );
      socket.once("error", reject);
    });
  }
}

export interface Received {
  frame: ServerFrame;
  /** When it arrived, by `performance.now()`. */
  at: number;
}

export class FrameSocket {
  readonly socket: WebSocket;
  readonly received: Received[] = [];
  closed = false;
  /** The close code and reason, once closed. */
  closedWith = "";
  private waiters: Array<() => void> = [];
  private readonly listeners: Array<(received: Received) => void> = [];

  constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on("message", (data, binary) => {
      if (binary) return;
      const text = data.toString();
      if (!text.startsWith("{")) return;
      const received = { frame: JSON.parse(text) as ServerFrame, at: performance.now() };
      this.received.push(received);
      for (const listener of this.listeners) listener(received);
      this.wake();
    });
    socket.on("close", (code, reason) => {
      this.closed = true;
      this.closedWith = `${code} ${reason.toString()}`.trim();
      this.wake();
    });
    socket.on("error", () => {});
  }

  get frames(): ServerFrame[] {
    return this.received.map(({ frame }) => frame);
  }

  onFrame(listener: (received: Received) => void): void {
    this.listeners.push(listener);
  }

  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }

  /** The first frame of that type (from index `after` on) that matches, waiting up to `timeoutMs` for it. */
  next<T extends ServerFrameType>(
    type: T,
    matches: (frame: ServerFrameOf<T>) => boolean = () => true,
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<ServerFrameOf<T>> {
    return this.waitFor(
      (frame): frame is ServerFrameOf<T> => frame.type === type && matches(frame as ServerFrameOf<T>),
      `a ${type} frame`,
      options,
    );
  }

  /**
   * The first frame (from index `after` on) that `matches`, waiting up to `timeoutMs`. Each frame is looked at
   * once, and one timer keeps the deadline: a socket of a long run receives tens of thousands of frames.
   */
  waitFor<T extends ServerFrame>(
    matches: (frame: ServerFrame) => frame is T,
    what: string,
    { after = 0, timeoutMs = 30_000 }: { after?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    let scanned = after;
    const look = (): T | null => {
      for (; scanned < this.received.length; scanned++) {
        const { frame } = this.received[scanned] as Received;
        if (matches(frame)) return frame;
      }
      return null;
    };
    const found = look();
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = () => {
        const frame = look();
        if (frame) {
          clearTimeout(timer);
          resolve(frame);
        } else if (this.closed) {
          clearTimeout(timer);
          reject(new Error(`the socket closed (${this.closedWith}) before ${what}`));
        } else {
          this.waiters.push(waiter);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Closes politely. */
  close(): void {
    this.socket.close(1000, "done");
  }

  /** Drops the connection without a close handshake, as a client that lost its network or was killed does. */
  terminate(): void {
    this.socket.terminate();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function randomAddress(): string {
  const byte = () => Math.floor(Math.random() * 256);
  return `10.${byte()}.${byte()}.${byte()}`;
}
