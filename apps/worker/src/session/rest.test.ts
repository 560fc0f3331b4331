import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, ImportMessageResponse, Message } from "@folio/protocol";
import { LIMITS } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, connect, everyPage, newSession, postJson } from "../../test/client.js";
import { countingStorage } from "../../test/sql-work.js";
import { settled } from "../../test/workspace-helpers.js";
import { SessionStore } from "./store.js";
import { storeAnswer } from "./stored-answer.js";

const fence = "```";
const answer = [
  "Here is a page:",
  "",
  `${fence}html`,
  "<!doctype html><title>Landing</title><h1>Hi</h1>",
  fence,
  "",
  "Install it with:",
  "",
  `${fence}bash`,
  "npm install landing",
  fence,
  "",
  "And a helper:",
  "",
  `${fence}ts title="sum.ts"`,
  "export const sum = (a: number, b: number) => a + b;",
  fence,
  "",
].join("\n");

async function importAnswer(sessionId: string, content = answer) {
  const response = await postJson(`/api/sessions/${sessionId}/messages`, { role: "assistant", content });
  expect(response.status).toBe(201);
  return (await response.json()) as ImportMessageResponse;
}

async function body<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

describe("REST: messages", () => {
  it("imports an answer written elsewhere: stores it and saves an artifact per code block", async () => {
    const sessionId = await newSession();
    const { message, artifacts } = await importAnswer(sessionId);
    expect(message).toMatchObject({ sessionId, role: "assistant", content: answer, status: "complete" });
    expect(
      artifacts.map(({ title, type, language, description }) => ({ title, type, language, description })),
    ).toEqual([
      { title: "Landing", type: "html", language: "html", description: "Here is a page:" },
      { title: "Shell snippet 2", type: "shell", language: "bash", description: "Install it with:" },
      { title: "sum.ts", type: "typescript", language: "typescript", description: "And a helper:" },
    ]);
    for (const artifact of artifacts) {
      expect(artifact).toMatchObject({ sessionId, messageId: message.id, version: 1 });
      expect(artifact.createdAt).toBe(artifact.updatedAt);
    }
    expect(artifacts[1]?.content).toBe("npm install landing\n");

    const listed = await body<{ messages: Message[] }>(await api(`/api/sessions/${sessionId}/messages`));
    expect(listed.messages).toEqual([message]);
  });

  it("imports an answer of tiny blocks at a cost linear in its length: an artifact per block, in order", async () => {
    const tiny = (kib: number) => {
      const blocks: string[] = [];
      for (let i = 0, size = 0; size < kib * 1024; i++) {
        blocks.push(`${fence}\n${i}\n${fence}\n`);
        size += (blocks.at(-1) as string).length;
      }
      return blocks;
    };
    // What storing an answer asks of SQLite, counted exactly: four times the blocks are about four times the
    // work (sixteen, were it quadratic in them).
    const work = async (kib: number) => {
      const sessionId = await newSession();
      await api(`/api/sessions/${sessionId}/messages`); // the object exists, migrated
      return runInDurableObject(env.SESSION.getByName(sessionId), (_, state) => {
        const counted = countingStorage(state.storage);
        const store = new SessionStore(counted.storage, sessionId);
        store.transaction(() => storeAnswer(store, tiny(kib).join("")));
        return counted.work();
      });
    };
    const [shorter, longer] = [await work(16), await work(64)];
    for (const count of ["rowsRead", "rowsWritten", "bound"] as const) {
      expect(longer[count] / shorter[count], count).toBeLessThan(8);
    }

    const sessionId = await newSession();
    const blocks = tiny(64);
    const { message, artifactCount } = await importAnswer(sessionId, blocks.join(""));
    expect(artifactCount).toBe(blocks.length);
    const listed = await everyPage<Artifact>(
      `/api/sessions/${sessionId}/artifacts?messageId=${message.id}`,
      "artifacts",
    );
    expect(listed.map((artifact) => artifact.content)).toEqual(blocks.map((_, i) => `${i}\n`));
    // The workspace's index hears of every one.
    await settled(sessionId);
    const newest = await body<{ artifacts: Artifact[] }>(await api("/api/artifacts?limit=1"));
    expect(newest.artifacts[0]?.content).toBe(`${blocks.length - 1}\n`);
  });

  it("answers a 1 MiB answer of empty blocks with 201: its message, count, first page and the cursor of the rest", async () => {
    // 131,072 artifacts: answered whole, 39 MB of JSON, past the 32 MiB an RPC value may hold (it was a 500).
    const sessionId = await newSession();
    const content = `${fence}\n${fence}\n`.repeat(LIMITS.messageContentBytes / 8);
    const { message, artifacts, artifactCount, nextCursor } = await importAnswer(sessionId, content);
    expect(artifactCount).toBe(131_072);
    expect(artifacts).toHaveLength(100);
    const next = await body<{ artifacts: Artifact[] }>(
      await api(
        `/api/sessions/${sessionId}/artifacts?messageId=${message.id}&cursor=${nextCursor}&limit=500`,
      ),
    );
    expect(next.artifacts[0]?.id).not.toBe(artifacts.at(-1)?.id);
    expect(next.artifacts).toHaveLength(500);
    expect(new Set([...artifacts, ...next.artifacts].map(({ id }) => id)).size).toBe(600);
  });

  it("stores an answer sent twice under one Idempotency-Key once, answering the first response again", async () => {
    const sessionId = await newSession();
    const send = (key: string, content = answer) =>
      api(`/api/sessions/${sessionId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ role: "assistant", content }),
      });
    const key = crypto.randomUUID();
    const first = await send(key);
    const again = await send(key);
    expect([first.status, again.status]).toEqual([201, 201]);
    const firstBody = await body<ImportMessageResponse>(first);
    expect(await body<ImportMessageResponse>(again)).toEqual(firstBody);
    const { messages } = await body<{ messages: Message[] }>(
      await api(`/api/sessions/${sessionId}/messages`),
    );
    expect(messages).toHaveLength(1);
    expect(await everyPage(`/api/sessions/${sessionId}/artifacts`, "artifacts")).toHaveLength(3);
    // The key of another request is refused, and stores nothing.
    const reused = await send(key, "Another answer.");
    expect(reused.status).toBe(409);
    expect(await body<{ error: { code: string } }>(reused)).toMatchObject({ error: { code: "conflict" } });
    expect(await send("not a key")).toHaveProperty("status", 400);
    const after = await body<{ messages: Message[] }>(await api(`/api/sessions/${sessionId}/messages`));
    expect(after.messages).toHaveLength(1);
    // A new key is a new answer.
    expect((await send(crypto.randomUUID())).status).toBe(201);
  });

  it("stores every artifact of an import exactly as written, in order, small and large alike", async () => {
    const sessionId = await newSession();
    // Quotes, backslashes, tabs, CRLF inside code, emoji (a surrogate pair), U+2028, and blocks on both sides of
    // the size at which small artifacts are written in batches.
    const tricky = 'const s = "a\\"b\\\\c";\t// 🙂 \u2028 end\r\n';
    const codes = [tricky, "x".repeat(40_000), tricky.repeat(3), "y".repeat(17_000), "z\n"];
    const content = codes.map((code, i) => `Block ${i}:\n\n~~~~\n${code}\n~~~~\n`).join("\n");
    const { artifacts } = await importAnswer(sessionId, content);
    const listed = await body<{ artifacts: Artifact[] }>(await api(`/api/sessions/${sessionId}/artifacts`));
    expect(listed.artifacts).toEqual(artifacts);
    // As CommonMark reads them: every line ending becomes "\n".
    expect(listed.artifacts.map((artifact) => artifact.content)).toEqual(
      codes.map((code) => `${code.replaceAll("\r\n", "\n")}\n`),
    );
    expect(listed.artifacts.map((artifact) => artifact.description)).toEqual(
      codes.map((_, i) => `Block ${i}:`),
    );
  });

  it("lists messages of a new session as empty", async () => {
    const sessionId = await newSession();
    expect(await body(await api(`/api/sessions/${sessionId}/messages`))).toEqual({
      messages: [],
      nextCursor: null,
    });
  });

  it("rejects bad imports with a 4xx JSON error and stores nothing", async () => {
    const sessionId = await newSession();
    const path = `/api/sessions/${sessionId}/messages`;
    const cases: [unknown, number, string][] = [
      [{ role: "user", content: "hi" }, 400, "invalid_message"],
      [{ role: "assistant" }, 400, "invalid_message"],
      [{ role: "assistant", content: 42 }, 400, "invalid_message"],
      [{ role: "assistant", content: "hi", extra: true }, 400, "invalid_message"],
      [[1, 2, 3], 400, "invalid_message"],
      [{ role: "assistant", content: "x".repeat(LIMITS.messageContentBytes + 1) }, 413, "too_large"],
    ];
    for (const [payload, status, code] of cases) {
      const response = await postJson(path, payload);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    const malformed = await api(path, { method: "POST", body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "invalid_message" } });
    expect(await body(await api(path))).toEqual({ messages: [], nextCursor: null });
    expect(await body(await api(`/api/sessions/${sessionId}/artifacts`))).toEqual({
      artifacts: [],
      nextCursor: null,
    });
  });
});

describe("REST: artifacts", () => {
  it("lists a session's artifacts, filtered by message, type and language", async () => {
    const sessionId = await newSession();
    const first = await importAnswer(sessionId);
    const second = await importAnswer(sessionId, `${fence}python\nprint("hi")\n${fence}\n`);
    const list = async (query: string) =>
      (await body<{ artifacts: Artifact[] }>(await api(`/api/sessions/${sessionId}/artifacts${query}`)))
        .artifacts;

    expect((await list("")).map((a) => a.title)).toEqual([
      "Landing",
      "Shell snippet 2",
      "sum.ts",
      "Python snippet 1",
    ]);
    expect(await list(`?messageId=${second.message.id}`)).toEqual(second.artifacts);
    expect(await list(`?messageId=${first.message.id}&type=shell`)).toEqual([first.artifacts[1]]);
    expect((await list("?language=python")).map((a) => a.title)).toEqual(["Python snippet 1"]);
    expect(await list("?messageId=999")).toEqual([]);
    const unknownFilter = await api(`/api/sessions/${sessionId}/artifacts?colour=red`);
    expect(unknownFilter.status).toBe(400);
  });

  it("gets, updates (bumping the version) and deletes one artifact", async () => {
    const sessionId = await newSession();
    const { artifacts } = await importAnswer(sessionId);
    const target = artifacts[2] as Artifact;
    const path = `/api/sessions/${sessionId}/artifacts/${target.id}`;

    expect(await body(await api(path))).toEqual({ artifact: target });

    const patched = await postJson(path, { title: "add.ts", content: "export const add = 1;\n" }, "PATCH");
    expect(patched.status).toBe(200);
    const { artifact } = await body<{ artifact: Artifact }>(patched);
    expect(artifact).toMatchObject({
      id: target.id,
      title: "add.ts",
      content: "export const add = 1;\n",
      version: 2,
    });
    expect(artifact.updatedAt).toBeGreaterThanOrEqual(target.updatedAt);
    expect(artifact.createdAt).toBe(target.createdAt);
    expect(await body(await api(path))).toEqual({ artifact });

    const deleted = await api(path, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    const gone = await api(path);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await api(path, { method: "DELETE" })).status).toBe(404);
    expect((await postJson(path, { title: "again" }, "PATCH")).status).toBe(404);
  });

  it("rejects bad updates without changing the artifact", async () => {
    const sessionId = await newSession();
    const { artifacts } = await importAnswer(sessionId);
    const target = artifacts[0] as Artifact;
    const path = `/api/sessions/${sessionId}/artifacts/${target.id}`;
    let deep: unknown = "leaf";
    for (let i = 0; i < 40; i++) deep = { deep };
    const cases: [unknown, number, string][] = [
      [{}, 400, "invalid_message"],
      [{ owner: "me" }, 400, "invalid_message"],
      [{ id: "other" }, 400, "invalid_message"],
      [{ type: "spreadsheet" }, 400, "invalid_message"],
      [{ title: "" }, 400, "invalid_message"],
      [{ title: 7 }, 400, "invalid_message"],
      [{ title: "t".repeat(LIMITS.titleChars + 1) }, 413, "too_large"],
      [{ content: "c".repeat(LIMITS.artifactContentBytes + 1) }, 413, "too_large"],
      [{ metadata: deep }, 413, "too_large"],
      [{ metadata: [1, 2] }, 400, "invalid_message"],
    ];
    for (const [payload, status, code] of cases) {
      const response = await postJson(path, payload, "PATCH");
      expect(response.status, JSON.stringify(payload).slice(0, 60)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    expect(await body(await api(path))).toEqual({ artifact: target });
  });

  it("keeps sessions apart: one session's routes cannot see or change another's artifacts", async () => {
    const alice = await newSession();
    const bob = await newSession();
    const { artifacts } = await importAnswer(alice);
    const id = (artifacts[0] as Artifact).id;
    expect((await api(`/api/sessions/${bob}/artifacts/${id}`)).status).toBe(404);
    expect((await postJson(`/api/sessions/${bob}/artifacts/${id}`, { title: "mine" }, "PATCH")).status).toBe(
      404,
    );
    expect((await api(`/api/sessions/${bob}/artifacts/${id}`, { method: "DELETE" })).status).toBe(404);
    expect(await body(await api(`/api/sessions/${bob}/artifacts`))).toEqual({
      artifacts: [],
      nextCursor: null,
    });
    expect(await body(await api(`/api/sessions/${alice}/artifacts/${id}`))).toEqual({
      artifact: artifacts[0],
    });
  });

  it("tells every socket of the session about REST changes", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    const { message, artifacts } = await importAnswer(sessionId);
    expect((await socket.next("message")).message).toEqual(message);
    await socket.next("artifact_created", (frame) => frame.artifact.id === artifacts[2]?.id);
    const target = artifacts[0] as Artifact;
    await postJson(`/api/sessions/${sessionId}/artifacts/${target.id}`, { description: "the page" }, "PATCH");
    expect((await socket.next("artifact_updated")).artifact).toMatchObject({
      id: target.id,
      description: "the page",
    });
    await api(`/api/sessions/${sessionId}/artifacts/${target.id}`, { method: "DELETE" });
    expect(await socket.next("artifact_deleted")).toEqual({
      type: "artifact_deleted",
      artifactId: target.id,
    });
    socket.close();
  });
});
