import type { Artifact, ImportMessageResponse, Message } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, connect, newSession, postJson } from "../../test/client.js";
import { settled } from "../../test/workspace-helpers.js";

const fence = "```";

async function sessionOf(
  answers: number,
  blocksEach: number,
): Promise<{ sessionId: string; artifacts: Artifact[] }> {
  const sessionId = await newSession();
  const artifacts: Artifact[] = [];
  for (let answer = 0; answer < answers; answer++) {
    const content = Array.from(
      { length: blocksEach },
      (_, i) => `${fence}js\nconsole.log(${answer}, ${i});\n${fence}\n`,
    ).join("");
    const response = await postJson(`/api/sessions/${sessionId}/messages`, { role: "assistant", content });
    const stored = (await response.json()) as ImportMessageResponse;
    artifacts.push(...stored.artifacts);
    // The answer holds its first page; the rest are listed after it.
    for (let cursor = stored.nextCursor; cursor !== null; ) {
      const path = `/api/sessions/${sessionId}/artifacts?messageId=${stored.message.id}&cursor=${cursor}`;
      const page = (await (await api(path)).json()) as { artifacts: Artifact[]; nextCursor: string | null };
      artifacts.push(...page.artifacts);
      cursor = page.nextCursor;
    }
  }
  return { sessionId, artifacts };
}

describe("paging", () => {
  it("get_artifacts answers a page of 100 at a time, oldest first, each naming the cursor it answers", async () => {
    const { sessionId, artifacts } = await sessionOf(1, 250);
    const socket = await connect(sessionId);
    const pages: number[] = [];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const requestId = `page-${pages.length}`;
      socket.send({ type: "get_artifacts", sessionId, ...(cursor === null ? {} : { cursor }), requestId });
      const page = await socket.next("artifacts", (frame) => frame.requestId === requestId);
      expect(page.cursor).toBe(cursor ?? undefined);
      pages.push(page.artifacts.length);
      seen.push(...page.artifacts.map((artifact) => artifact.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(pages).toEqual([100, 100, 50]);
    expect(seen).toEqual(artifacts.map((artifact) => artifact.id));
    socket.send({ type: "get_artifacts", sessionId, limit: 501, requestId: "big" });
    expect(await socket.next("error", (frame) => frame.requestId === "big")).toMatchObject({
      code: "invalid_message",
    });
    socket.send({ type: "get_artifacts", sessionId, cursor: "made-up", requestId: "bad" });
    expect(await socket.next("error", (frame) => frame.requestId === "bad")).toMatchObject({
      code: "invalid_message",
    });
    socket.close();
  });

  it("get_messages and the REST lists page the same way", async () => {
    const { sessionId, artifacts } = await sessionOf(5, 30);
    const socket = await connect(sessionId);
    socket.send({ type: "get_messages", limit: 2, requestId: "m1" });
    const first = await socket.next("messages", (frame) => frame.requestId === "m1");
    expect(first.messages).toHaveLength(2);
    socket.send({ type: "get_messages", limit: 4, cursor: first.nextCursor, requestId: "m2" });
    const second = await socket.next("messages", (frame) => frame.requestId === "m2");
    expect(second.messages).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.messages, ...second.messages].map((message) => Number(message.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    socket.close();

    const rest = (await (await api(`/api/sessions/${sessionId}/messages?limit=3`)).json()) as {
      messages: Message[];
      nextCursor: string;
    };
    expect(rest.messages.map((message) => message.id)).toEqual(
      first.messages
        .concat(second.messages)
        .slice(0, 3)
        .map((m) => m.id),
    );
    const rest2 = (await (
      await api(`/api/sessions/${sessionId}/messages?cursor=${rest.nextCursor}`)
    ).json()) as {
      messages: Message[];
      nextCursor: string | null;
    };
    expect(rest2.messages).toHaveLength(2);
    expect(rest2.nextCursor).toBeNull();

    const page = (await (await api(`/api/sessions/${sessionId}/artifacts`)).json()) as {
      artifacts: Artifact[];
      nextCursor: string;
    };
    expect(page.artifacts.map((artifact) => artifact.id)).toEqual(artifacts.slice(0, 100).map((a) => a.id));
    const rest3 = (await (
      await api(`/api/sessions/${sessionId}/artifacts?cursor=${page.nextCursor}&limit=500`)
    ).json()) as {
      artifacts: Artifact[];
      nextCursor: string | null;
    };
    expect(rest3.artifacts.map((artifact) => artifact.id)).toEqual(artifacts.slice(100).map((a) => a.id));
    expect(rest3.nextCursor).toBeNull();
    // Newest first, on request, and its cursor continues it.
    const newest = (await (
      await api(`/api/sessions/${sessionId}/artifacts?order=newest&limit=100`)
    ).json()) as {
      artifacts: Artifact[];
      nextCursor: string;
    };
    const reversed = artifacts.map((a) => a.id).reverse();
    expect(newest.artifacts.map((a) => a.id)).toEqual(reversed.slice(0, 100));
    const older = (await (
      await api(`/api/sessions/${sessionId}/artifacts?order=newest&limit=500&cursor=${newest.nextCursor}`)
    ).json()) as { artifacts: Artifact[] };
    expect(older.artifacts.map((a) => a.id)).toEqual(reversed.slice(100));
    for (const query of ["limit=0", "limit=501", "limit=ten", "cursor=nope", "order=sideways"]) {
      expect((await api(`/api/sessions/${sessionId}/artifacts?${query}`)).status, query).toBe(400);
      expect((await api(`/api/sessions/${sessionId}/messages?${query}`)).status, query).toBe(400);
    }
  });
});

describe("ordered by title", () => {
  /** Everything of a listing, a page of `limit` after another. */
  async function pages(path: string, limit: number): Promise<{ titles: string[]; sizes: number[] }> {
    const titles: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes("?") ? "&" : "?";
      const url = `${path}${separator}limit=${limit}${cursor === null ? "" : `&cursor=${cursor}`}`;
      const response = await api(url);
      expect(response.status, await response.clone().text()).toBe(200);
      const page = (await response.json()) as { artifacts: Artifact[]; nextCursor: string | null };
      titles.push(...page.artifacts.map((artifact) => artifact.title));
      sizes.push(page.artifacts.length);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return { titles, sizes };
  }

  it("lists a session's artifacts A to Z, ignoring case, filtered, a page at a time", async () => {
    const sessionId = await newSession();
    const names = ["zebra.py", "Apple.js", "mango.py", "banana.js", "Cherry.py", "apricot.py", "kiwi.js"];
    const content = names
      .map((name) => `${fence}${name.endsWith(".py") ? "python" : "js"} ${name}\nx = 1\n${fence}\n`)
      .join("\n");
    expect(
      (await postJson(`/api/sessions/${sessionId}/messages`, { role: "assistant", content })).status,
    ).toBe(201);
    const all = await pages(`/api/sessions/${sessionId}/artifacts?order=title`, 3);
    expect(all.titles).toEqual([
      "Apple.js",
      "apricot.py",
      "banana.js",
      "Cherry.py",
      "kiwi.js",
      "mango.py",
      "zebra.py",
    ]);
    expect(all.sizes).toEqual([3, 3, 1]);
    const python = await pages(`/api/sessions/${sessionId}/artifacts?order=title&language=python`, 2);
    expect(python.titles).toEqual(["apricot.py", "Cherry.py", "mango.py", "zebra.py"]);
    // The workspace's library orders the same way, once its index has heard of them.
    await settled(sessionId);
    expect((await pages(`/api/artifacts?sessionId=${sessionId}&order=title`, 4)).titles).toEqual(all.titles);
    // A cursor of one order is not one of another.
    const first = (await (await api(`/api/sessions/${sessionId}/artifacts?order=title&limit=1`)).json()) as {
      nextCursor: string;
    };
    expect(
      (await api(`/api/sessions/${sessionId}/artifacts?order=newest&cursor=${first.nextCursor}`)).status,
    ).toBe(400);
  });
});
