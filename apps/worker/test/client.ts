/** A test client for the Worker: REST calls and WebSockets that await the frames they expect. */

import { SELF } from "cloudflare:test";
import type { ServerFrame, ServerFrameOf, ServerFrameType } from "@folio/protocol";

export const ORIGIN = "https://folio.test";

/**
 * A call as the test file's own workspace (made on first use): tests that are not about credentials act as one
 * signed-in client. `apiAs` names the credential (or none).
 */
export async function api(path: string, init?: RequestInit): Promise<Response> {
  return apiAs(await defaultToken(), path, init);
}

/** A call with this bearer token, or with no credential at all (null). */
export async function apiAs(token: string | null, path: string, init?: RequestInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  if (token !== null && !headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
  return SELF.fetch(`${ORIGIN}${path}`, { ...init, headers });
}

/** A call with this bearer token (or none), its body sent as JSON. */
export function call(token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  return apiAs(token, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

/**
 * Every item of a paged listing (`key` names its array), read a page of 500 at a time from the first, waiting
 * out the REST budget when the listing is long.
 */
export async function everyPage<T>(path: string, key: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (;;) {
    const url = new URL(path, ORIGIN);
    url.searchParams.set("limit", "500");
    if (cursor !== null) url.searchParams.set("cursor", cursor);
    const response = await api(`${url.pathname}${url.search}`);
    // A long listing can outrun the session's REST budget: wait as told, as any client would.
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after")) * 1000));
      continue;
    }
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as Record<string, unknown> & { nextCursor: string | null };
    items.push(...(page[key] as T[]));
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
}

let testWorkspace: Promise<Workspace> | null = null;

export interface Workspace {
  workspaceId: string;
  token: string;
}

/** The test file's workspace's credential, as a header, for requests made without `api`. */
export async function authorization(): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await defaultToken()}` };
}

function defaultToken(): Promise<string> {
  testWorkspace ??= newWorkspace();
  return testWorkspace.then((workspace) => workspace.token);
}

/** A new workspace, made as if by a client of its own (creation is limited per client address). */
export async function newWorkspace(): Promise<Workspace> {
  const response = await SELF.fetch(`${ORIGIN}/api/workspaces`, {
    method: "POST",
    headers: { "cf-connecting-ip": randomAddress() },
  });
  if (response.status !== 201) throw new Error(`could not create a workspace: ${response.status}`);
  return (await response.json()) as Workspace;
}

/** A new session (of the test file's workspace, or of the one whose token is given). */
export async function newSession(token?: string): Promise<string> {
  const response = await apiAs(token ?? (await defaultToken()), "/api/sessions", {
    method: "POST",
    headers: { "cf-connecting-ip": randomAddress() },
  });
  if (response.status !== 201) throw new Error(`could not create a session: ${response.status}`);
  const { sessionId } = (await response.json()) as { sessionId: string };
  return sessionId;
}

function randomAddress(): string {
  return `10.${randomByte()}.${randomByte()}.${randomByte()}`;
}

function randomByte(): number {
  return crypto.getRandomValues(new Uint8Array(1))[0] as number;
}

export function postJson(path: string, body: unknown, method = "POST"): Promise<Response> {
  return api(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

export class TestSocket {
  readonly frames: ServerFrame[] = [];
  readonly texts: string[] = [];
  /** The close code, once the socket has closed. */
  closedWith: number | null = null;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.addEventListener("close", (event) => {
      this.closedWith = event.code;
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.addEventListener("message", (event) => {
      const text = event.data as string;
      // Auto-responses (the "pong" to a "ping") are plain text, not frames.
      if (!text.startsWith("{")) this.texts.push(text);
      else this.frames.push(JSON.parse(text) as ServerFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (from `after` on) of that type that matches, waiting for it if need be. */
  async next<T extends ServerFrameType>(
    type: T,
    matches: (frame: ServerFrameOf<T>) => boolean = () => true,
    after = 0,
  ): Promise<ServerFrameOf<T>> {
    for (;;) {
      const found = this.frames
        .slice(after)
        .find(
          (frame): frame is ServerFrameOf<T> => frame.type === type && matches(frame as ServerFrameOf<T>),
        );
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /**
   * Sends a keep-alive and waits for its "pong": frames are answered in order, so every answer to what was sent
   * before has arrived by then. Throws if the socket closes first.
   */
  async roundTrip(): Promise<void> {
    const seen = this.texts.length;
    this.socket.send("ping");
    while (this.texts.length === seen) {
      if (this.closedWith !== null) throw new Error(`the socket closed with ${this.closedWith}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.close(1000, "done");
  }
}

export async function connect(sessionId: string, token?: string): Promise<TestSocket> {
  const response = await apiAs(token ?? (await defaultToken()), `/api/sessions/${sessionId}/ws`, {
    headers: { upgrade: "websocket" },
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no WebSocket: ${response.status} ${await response.text()}`);
  socket.accept();
  return new TestSocket(socket);
}
