import type { Artifact } from "@folio/protocol";
import { LIMITS } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, connect, newSession, postJson, type TestSocket } from "../../test/client.js";

const fence = "```";

async function sessionWithArtifacts() {
  const sessionId = await newSession();
  const content = `Two files:\n\n${fence}css\nbody { margin: 0; }\n${fence}\n\n${fence}json\n{"a": 1}\n${fence}\n`;
  const response = await postJson(`/api/sessions/${sessionId}/messages`, { role: "assistant", content });
  const imported = (await response.json()) as { message: { id: string }; artifacts: Artifact[] };
  return { sessionId, ...imported };
}

/** Sends a frame and waits for the error it causes. */
async function errorFor(socket: TestSocket, frame: unknown) {
  const seen = socket.frames.length;
  socket.send(frame);
  return socket.next("error", () => true, seen);
}

describe("WebSocket: reading", () => {
  it("answers get_messages and get_artifacts, echoing the requestId", async () => {
    const { sessionId, message, artifacts } = await sessionWithArtifacts();
    const socket = await connect(sessionId);
    socket.send({ type: "get_messages", requestId: "m" });
    const messages = await socket.next("messages");
    expect(messages).toMatchObject({ requestId: "m", messages: [{ id: message.id, role: "assistant" }] });

    socket.send({ type: "get_artifacts", sessionId, requestId: "a" });
    expect(await socket.next("artifacts", (f) => f.requestId === "a")).toEqual({
      type: "artifacts",
      sessionId,
      artifacts,
      nextCursor: null,
      requestId: "a",
    });
    socket.send({ type: "get_artifacts", sessionId, messageId: message.id, requestId: "b" });
    expect((await socket.next("artifacts", (f) => f.requestId === "b")).artifacts).toEqual(artifacts);
    socket.send({ type: "get_artifacts", sessionId, messageId: "12345", requestId: "c" });
    expect(await socket.next("artifacts", (f) => f.requestId === "c")).toEqual({
      type: "artifacts",
      sessionId,
      messageId: "12345",
      artifacts: [],
      nextCursor: null,
      requestId: "c",
    });
    socket.close();
  });

  it("refuses to read another session's artifacts with forbidden", async () => {
    const mine = await newSession();
    const { sessionId: theirs } = await sessionWithArtifacts();
    const socket = await connect(mine);
    expect(
      await errorFor(socket, { type: "get_artifacts", sessionId: theirs, requestId: "x" }),
    ).toMatchObject({
      code: "forbidden",
      requestId: "x",
    });
    socket.close();
  });

  it("answers a keep-alive ping with pong", async () => {
    const socket = await connect(await newSession());
    const pong = new Promise<string>((resolve) =>
      socket.socket.addEventListener("message", (event) => resolve(event.data as string), { once: true }),
    );
    socket.send("ping");
    expect(await pong).toBe("pong");
    socket.close();
  });
});

describe("WebSocket: changing artifacts", () => {
  it("broadcasts updates and deletions to every socket of the session, the requestId only to the asker", async () => {
    const { sessionId, artifacts } = await sessionWithArtifacts();
    const [a, b, c] = await Promise.all([connect(sessionId), connect(sessionId), connect(sessionId)]);
    const target = artifacts[0] as Artifact;

    (a as TestSocket).send({
      type: "update_artifact",
      artifactId: target.id,
      updates: { title: "reset.css", metadata: { pinned: true } },
      requestId: "u1",
    });
    for (const socket of [a, b, c] as TestSocket[]) {
      const frame = await socket.next("artifact_updated");
      expect(frame.artifact).toMatchObject({
        id: target.id,
        title: "reset.css",
        metadata: { pinned: true },
        version: 2,
      });
      expect(frame.requestId).toBe(socket === a ? "u1" : undefined);
    }

    (b as TestSocket).send({ type: "delete_artifact", artifactId: target.id, requestId: "d1" });
    for (const socket of [a, b, c] as TestSocket[]) {
      const frame = await socket.next("artifact_deleted");
      expect(frame).toEqual({
        type: "artifact_deleted",
        artifactId: target.id,
        ...(socket === b ? { requestId: "d1" } : {}),
      });
    }
    const left = (await (await api(`/api/sessions/${sessionId}/artifacts`)).json()) as {
      artifacts: Artifact[];
    };
    expect(left.artifacts.map((artifact) => artifact.id)).toEqual([artifacts[1]?.id]);
    for (const socket of [a, b, c] as TestSocket[]) socket.close();
  });

  it("does not let a socket reach another session's artifacts", async () => {
    const { sessionId: theirs, artifacts } = await sessionWithArtifacts();
    const socket = await connect(await newSession());
    const id = (artifacts[0] as Artifact).id;
    expect(
      await errorFor(socket, { type: "update_artifact", artifactId: id, updates: { title: "mine" } }),
    ).toMatchObject({
      code: "not_found",
    });
    expect(await errorFor(socket, { type: "delete_artifact", artifactId: id })).toMatchObject({
      code: "not_found",
    });
    const still = await (await api(`/api/sessions/${theirs}/artifacts/${id}`)).json();
    expect(still).toEqual({ artifact: artifacts[0] });
    socket.close();
  });
});

describe("WebSocket: bad input gets a typed error, keeps the socket open and changes nothing", () => {
  it("for every kind of bad frame", async () => {
    const { sessionId, artifacts } = await sessionWithArtifacts();
    const socket = await connect(sessionId);
    const target = artifacts[0] as Artifact;
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { deep };

    const cases: [unknown, string, string?][] = [
      ["{not json", "invalid_message"],
      ["[1,2]", "invalid_message"],
      ['"chat"', "invalid_message"],
      [{ type: "dance", requestId: "r1" }, "invalid_message", "r1"],
      [{ content: "no type" }, "invalid_message"],
      [{ type: "chat", content: 5, requestId: "r2" }, "invalid_message", "r2"],
      [{ type: "chat", content: "", requestId: "r3" }, "invalid_message", "r3"],
      [{ type: "chat", content: "hi", model: "gpt", requestId: "r4" }, "invalid_message", "r4"],
      [{ type: "get_messages", requestId: 12 }, "invalid_message"],
      [
        { type: "update_artifact", artifactId: target.id, updates: { owner: "me" }, requestId: "r5" },
        "invalid_message",
        "r5",
      ],
      [{ type: "update_artifact", artifactId: target.id, updates: {} }, "invalid_message"],
      [
        {
          type: "update_artifact",
          artifactId: target.id,
          updates: { title: "t".repeat(LIMITS.titleChars + 1) },
        },
        "too_large",
      ],
      [
        { type: "update_artifact", artifactId: target.id, updates: { metadata: deep }, requestId: "r6" },
        "too_large",
        "r6",
      ],
      [
        { type: "update_artifact", artifactId: "nope", updates: { title: "x" }, requestId: "r7" },
        "not_found",
        "r7",
      ],
      [{ type: "delete_artifact", artifactId: "nope" }, "not_found"],
      [{ type: "cancel", messageId: "nope", requestId: "r8" }, "not_found", "r8"],
      [
        {
          type: "chat",
          // Half a million characters, but over 1 MiB of UTF-8.
          content: "é".repeat(LIMITS.messageContentBytes / 2 + 1),
        },
        "too_large",
      ],
    ];
    for (const [frame, code, requestId] of cases) {
      const error = await errorFor(socket, frame);
      expect(error.code, JSON.stringify(frame).slice(0, 80)).toBe(code);
      expect(error.requestId).toBe(requestId);
      expect(error.message.length).toBeGreaterThan(0);
    }

    // Binary frames and frames over the 1 MiB limit.
    const seen = socket.frames.length;
    socket.socket.send(new TextEncoder().encode(JSON.stringify({ type: "get_messages" })));
    expect(await socket.next("error", () => true, seen)).toMatchObject({ code: "invalid_message" });
    const big = JSON.stringify({ type: "chat", content: "x".repeat(LIMITS.frameBytes) });
    expect(await errorFor(socket, big)).toMatchObject({ code: "too_large" });

    // Still open, still answering; nothing changed.
    socket.send({ type: "get_artifacts", sessionId, requestId: "after" });
    expect((await socket.next("artifacts", (f) => f.requestId === "after")).artifacts).toEqual(artifacts);
    socket.send({ type: "get_messages", requestId: "msgs" });
    expect((await socket.next("messages", (f) => f.requestId === "msgs")).messages).toHaveLength(1);
    socket.close();
  });

  it("drops a flood cheaply: one rate_limited per second, then closes a socket that keeps on with 1008", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    const closed = new Promise<CloseEvent>((resolve) => socket.socket.addEventListener("close", resolve));
    // The burst is 120 frames; a socket that sends twice that many more while refused is closed.
    const flood = 400;
    for (let i = 0; i < flood; i++) socket.send({ type: "get_messages", requestId: `f${i}` });
    const close = await closed;
    expect(close.code).toBe(1008);
    const answered = socket.frames.filter((frame) => frame.type === "messages");
    const limited = socket.frames.filter((frame) => frame.type === "error" && frame.code === "rate_limited");
    expect(answered.length).toBeGreaterThanOrEqual(120);
    expect(answered.length).toBeLessThan(flood);
    // Not one error per dropped frame: they were dropped unparsed, told once.
    expect(limited).toHaveLength(1);
    expect(limited[0]?.requestId).toBeUndefined();

    // The session itself is unharmed: REST and new sockets are served.
    expect((await api(`/api/sessions/${sessionId}/messages`)).status).toBe(200);
    const next = await connect(sessionId);
    next.send({ type: "get_messages", requestId: "after" });
    expect(await next.next("messages")).toMatchObject({ requestId: "after" });
    next.close();
  });

  it("keeps serving a socket that slows down after being told", async () => {
    const socket = await connect(await newSession());
    for (let i = 0; i < 130; i++) socket.send({ type: "get_messages", requestId: `b${i}` });
    await socket.next("error", (frame) => frame.code === "rate_limited");
    // A refill of the bucket later (20 frames a second), it is answered again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.send({ type: "get_messages", requestId: "later" });
    expect(await socket.next("messages", (frame) => frame.requestId === "later")).toBeTruthy();
    socket.close();
  });

  it("caps the sockets of one session (MAX_SOCKETS_PER_SESSION, 32 by default)", async () => {
    const sessionId = await newSession();
    const sockets = await Promise.all(Array.from({ length: 32 }, () => connect(sessionId)));
    const refused = await api(`/api/sessions/${sessionId}/ws`, { headers: { upgrade: "websocket" } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    (sockets[0] as TestSocket).close();
    // Once one has gone, another is let in.
    await expect
      .poll(async () => {
        const response = await api(`/api/sessions/${sessionId}/ws`, { headers: { upgrade: "websocket" } });
        response.webSocket?.accept();
        response.webSocket?.close(1000, "done");
        return response.status;
      })
      .toBe(101);
    for (const socket of sockets.slice(1)) socket.close();
  });

  it("limits REST calls per session with rate_limited and retry-after", async () => {
    const sessionId = await newSession();
    const responses = await Promise.all(
      Array.from({ length: 180 }, () => api(`/api/sessions/${sessionId}/messages`)),
    );
    const refused = responses.find((response) => response.status === 429);
    if (!refused) throw new Error("no REST request was rate limited");
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    // Another session is not affected.
    expect((await api(`/api/sessions/${await newSession()}/messages`)).status).toBe(200);
  });
});
