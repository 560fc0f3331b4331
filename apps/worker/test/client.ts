/** A test client for the Worker: REST calls and WebSockets that await the frames they expect. */

import { SELF } from "cloudflare:test";
import type { ServerFrame, ServerFrameOf, ServerFrameType } from "@folio/protocol";

export const ORIGIN = "https://folio.test";

export async function api(path: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(`${ORIGIN}${path}`, init);
}

/** A new session, made as if by a client of its own (session creation is limited per client address). */
export async function newSession(): Promise<string> {
  const address = `10.${randomByte()}.${randomByte()}.${randomByte()}`;
  const response = await api("/api/sessions", { method: "POST", headers: { "cf-connecting-ip": address } });
  if (response.status !== 201) throw new Error(`could not create a session: ${response.status}`);
  const { sessionId } = (await response.json()) as { sessionId: string };
  return sessionId;
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
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
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

  close(): void {
    this.socket.close(1000, "done");
  }
}

export async function connect(sessionId: string): Promise<TestSocket> {
  const response = await api(`/api/sessions/${sessionId}/ws`, { headers: { upgrade: "websocket" } });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no WebSocket: ${response.status} ${await response.text()}`);
  socket.accept();
  return new TestSocket(socket);
}
