/**
 * Faults, against servers of their own started as `script/start` starts one: a server killed (SIGKILL) in the
 * middle of answers and restarted, clients dropping mid-answer and reconnecting in a storm (both on the server the
 * specs share), and a model that hangs or fails mid-answer (on one that calls a stand-in model). What was saved
 * stays saved, exactly once; what was cut off says so; everyone else keeps being served.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Artifact } from "@folio/protocol";
import { folioServer, freePort } from "../../script/folio-server";
import { FolioApi, type FrameSocket, sleep } from "../support/folio-client";
import { expect, test } from "../support/own-server";
import { fence } from "./helpers";

// No page: these specs speak to the server as other apps do.
test.use({ trace: "off" });

const BLOCKS = 12;

/** The code of block `n` of a session's answer: distinct per session, so a mixed-up save would show. */
function code(tag: string, n: number): string {
  return `export const ${tag}_${n} = ${n};\n${`// ${tag} line of block ${n}\n`.repeat(4)}`;
}

/** An answer of BLOCKS named files with prose between, as `/echo` streams it. */
function answer(tag: string): string {
  return Array.from(
    { length: BLOCKS },
    (_, n) =>
      `Step ${n} of the ${tag} build:\n\n${fence}ts title="${tag}-${n}.ts"\n${code(tag, n)}${fence}\n`,
  ).join("\n");
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await sleep(200);
  }
}

const created = (socket: FrameSocket) =>
  socket.frames.flatMap((frame) => (frame.type === "artifact_created" ? [frame.artifact] : []));

test.describe("a server killed mid-answer", () => {
  test("keeps every saved artifact exactly once, marks the cut answers failed, and the index converges", async ({
    server,
  }) => {
    test.setTimeout(180_000);
    // Two workspaces, two sessions each, all answering at once.
    const workspaces = [await FolioApi.newWorkspace(server.url), await FolioApi.newWorkspace(server.url)];
    const sessions = await Promise.all(
      workspaces.flatMap((api, w) =>
        [0, 1].map(async (s) => {
          const sessionId = await api.newSession();
          return { api, sessionId, tag: `w${w}s${s}`, socket: await api.socket(sessionId) };
        }),
      ),
    );
    for (const { socket, tag } of sessions) socket.send({ type: "chat", content: `/echo ${answer(tag)}` });
    // Mid-answer everywhere: each has saved a few blocks, none has finished.
    await until(
      "every answer has saved two blocks",
      async () => sessions.map(({ socket }) => created(socket).length),
      (counts) => counts.every((count) => count >= 2),
    );
    await server.kill();
    const acknowledged = sessions.map(({ socket }) => created(socket));
    for (const { socket } of sessions)
      expect(socket.frames.some((frame) => frame.type === "message_done")).toBe(false);

    await server.start();
    let kept = 0;
    for (const [at, { api, sessionId, tag }] of sessions.entries()) {
      const saved = await api.artifacts(sessionId);
      kept += saved.length;
      // Every artifact the socket was told of is there, as it was told.
      for (const artifact of acknowledged[at] as Artifact[]) {
        expect(saved.find(({ id }) => id === artifact.id)).toEqual(artifact);
      }
      // What is there is the answer's first blocks, in order, each once, each exactly as streamed.
      expect(saved.map(({ title }) => title)).toEqual(saved.map((_, n) => `${tag}-${n}.ts`));
      for (const [n, artifact] of saved.entries()) expect(artifact.content).toBe(code(tag, n));
      expect(saved.length).toBeLessThan(BLOCKS);

      const messages = await api.messages(sessionId);
      expect(messages.map(({ role, status }) => [role, status])).toEqual([
        ["user", "complete"],
        ["assistant", "error"],
      ]);
      expect(answer(tag).startsWith(messages[1]?.content ?? "?")).toBe(true);

      // The workspace's index converges on what the session holds.
      await until(
        `the index of ${tag}`,
        async () => (await api.indexed(sessionId)).map(({ id, version }) => `${id}@${version}`).sort(),
        (indexed) =>
          indexed.join() ===
          saved
            .map(({ id, version }) => `${id}@${version}`)
            .sort()
            .join(),
      );
      const summary = await api.json<{ session: { artifactCount: number; messageCount: number } }>(
        "GET",
        `/api/sessions/${sessionId}`,
      );
      expect(summary.session).toMatchObject({ artifactCount: saved.length, messageCount: 2 });
    }

    console.log(
      `killed mid-answer in ${sessions.length} sessions: ${acknowledged.flat().length} artifacts announced, ${kept} kept`,
    );
    // The sessions answer again, in full.
    const [{ api, sessionId, tag }] = sessions as [(typeof sessions)[number]];
    const again = await api.socket(sessionId);
    again.send({ type: "chat", content: `/echo ${fence}sql title="${tag}-after.sql"\nSELECT 1;\n${fence}` });
    const done = await again.next("message_done");
    expect(done.message.status).toBe("complete");
    expect(done.artifacts.map(({ title }) => title)).toEqual([`${tag}-after.sql`]);
    again.close();
  });
});

test.describe("clients that drop", () => {
  test("dropping mid-answer and a reconnect storm disturb neither the answer nor anyone else", async ({
    server,
  }) => {
    test.setTimeout(120_000);
    const api = await FolioApi.newWorkspace(server.url);
    const sessionId = await api.newSession();
    const watcher = await api.socket(sessionId);
    const sender = await api.socket(sessionId);
    const others = await Promise.all([1, 2, 3].map(() => api.socket(sessionId)));
    sender.send({ type: "chat", content: `/echo ${answer("drop")}` });
    await until(
      "a block saved",
      async () => created(watcher).length,
      (count) => count >= 1,
    );
    // The one who asked, and most of the others, vanish without a close.
    sender.terminate();
    for (const socket of others.slice(0, 2)) socket.terminate();

    // A storm: 120 sockets connect and drop, 40 at a time (past the 32 a session takes), while the answer streams.
    let refused = 0;
    let joined = 0;
    for (let round = 0; round < 3; round++) {
      await Promise.all(
        Array.from({ length: 40 }, async () => {
          try {
            const socket = await api.socket(sessionId);
            joined++;
            await sleep(Math.random() * 50);
            if (Math.random() < 0.5) socket.terminate();
            else socket.close();
          } catch {
            refused++;
          }
        }),
      );
    }
    // Meanwhile another session of the workspace answers as usual.
    const other = await api.newSession();
    const elsewhere = await api.socket(other);
    elsewhere.send({
      type: "chat",
      content: `/echo ${fence}css title="other.css"\nb { color: red }\n${fence}`,
    });
    expect((await elsewhere.next("message_done")).message.status).toBe("complete");

    const done = await watcher.next("message_done", () => true, { timeoutMs: 60_000 });
    expect(done.message.status).toBe("complete");
    expect(done.message.content).toBe(answer("drop"));
    expect(done.artifacts.map(({ content }) => content)).toEqual(
      Array.from({ length: BLOCKS }, (_, n) => code("drop", n)),
    );
    const last = others[2] as FrameSocket;
    expect((await last.next("message_done")).message.id).toBe(done.message.id);
    expect(await api.artifacts(sessionId)).toEqual(done.artifacts);
    // A socket opened now is served at once.
    const fresh = await api.socket(sessionId);
    fresh.send({ type: "get_artifacts", sessionId, requestId: "after" });
    expect((await fresh.next("artifacts", (frame) => frame.requestId === "after")).artifacts).toHaveLength(
      BLOCKS,
    );
    console.log(`reconnect storm: ${joined} sockets joined and dropped, ${refused} refused at the limit`);
    expect(joined).toBeGreaterThan(0);
    for (const socket of [watcher, last, fresh, elsewhere]) socket.close();
  });
});

test.describe("a model that hangs or fails mid-answer", () => {
  let provider: Server;
  let providerUrl = "";
  const open = new Set<import("node:http").ServerResponse>();

  /**
   * An OpenAI-compatible model on loopback: a prompt with "hang" gets a block, then silence; one with "fail" gets a
   * block, then a dropped connection; any other a short answer with one block.
   */
  test.beforeAll(async () => {
    provider = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const { messages } = JSON.parse(Buffer.concat(chunks).toString()) as {
        messages: { content: string }[];
      };
      const prompt = messages.at(-1)?.content ?? "";
      const event = (content: string) =>
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(event(`Saved first:\n\n${fence}sql title="first.sql"\nSELECT 1;\n${fence}\n\nthen `));
      if (prompt.includes("hang")) {
        open.add(response);
        return;
      }
      if (prompt.includes("fail")) {
        await sleep(50);
        response.destroy();
        return;
      }
      response.end(`${event("done.")}data: [DONE]\n\n`);
    });
    await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
    providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1`;
  });
  test.afterAll(() => {
    for (const response of open) response.destroy();
    provider.close();
  });

  test("fails only that answer, keeping its saved block, while the session and the others are served", async () => {
    test.setTimeout(120_000);
    const server = folioServer(await freePort(), {
      AI_PROVIDER: "openai",
      OPENAI_BASE_URL: providerUrl,
      OPENAI_API_KEY: "test-key",
      OPENAI_MODEL: "stand-in",
      MODEL_IDLE_TIMEOUT_MS: "5000",
    });
    try {
      await server.start();
      const api = await FolioApi.newWorkspace(server.url);
      const sessionId = await api.newSession();
      const asker = await api.socket(sessionId);
      const reader = await api.socket(sessionId);
      asker.send({ type: "chat", content: "please hang" });
      const first = await reader.next("artifact_created");
      expect(first.artifact.title).toBe("first.sql");

      // While the model is silent, the session serves its other socket: reads, searches, edits.
      reader.send({ type: "get_artifacts", sessionId, requestId: "list" });
      expect((await reader.next("artifacts", (frame) => frame.requestId === "list")).artifacts).toHaveLength(
        1,
      );
      reader.send({ type: "search_artifacts", query: "SELECT", requestId: "find" });
      expect(
        (await reader.next("search_results", (frame) => frame.requestId === "find")).results,
      ).toHaveLength(1);
      reader.send({
        type: "update_artifact",
        artifactId: first.artifact.id,
        updates: { content: "SELECT 2;\n" },
        requestId: "edit",
      });
      expect(
        (await reader.next("artifact_updated", (frame) => frame.requestId === "edit")).artifact.version,
      ).toBe(2);
      // A second question waits its turn (busy), and another session answers meanwhile.
      reader.send({ type: "chat", content: "another", requestId: "second" });
      expect((await reader.next("error", (frame) => frame.requestId === "second")).code).toBe("busy");
      const other = await api.newSession();
      const elsewhere = await api.socket(other);
      elsewhere.send({ type: "chat", content: "hello" });
      expect((await elsewhere.next("message_done")).message.status).toBe("complete");

      // The silent answer fails after the idle timeout, its saved block kept.
      const stalled = await asker.next("message_done", () => true, { timeoutMs: 20_000 });
      expect(stalled.message.status).toBe("error");
      expect(stalled.artifacts.map(({ title }) => title)).toEqual(["first.sql"]);
      expect((await asker.next("error")).message).toBe(
        "the model failed: openai:stand-in sent nothing for 5 s",
      );

      // A model that drops its connection mid-answer fails that answer the same way.
      asker.send({ type: "chat", content: "now fail", requestId: "fail" });
      const failed = await asker.next("message_done", (frame) => frame.message.id !== stalled.message.id);
      expect(failed.message.status).toBe("error");
      expect(failed.artifacts).toHaveLength(1);

      // And the session answers again.
      const from = asker.frames.length;
      asker.send({ type: "chat", content: "all good" });
      const done = await asker.next("message_done", () => true, { after: from });
      expect(done.message.status).toBe("complete");
      const messages = await api.messages(sessionId);
      expect(messages.filter(({ role }) => role === "assistant").map(({ status }) => status)).toEqual([
        "error",
        "error",
        "complete",
      ]);
      for (const socket of [asker, reader, elsewhere]) socket.close();
    } finally {
      await server.stop();
    }
  });
});
