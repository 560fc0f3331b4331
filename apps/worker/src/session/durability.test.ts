import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, Message } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, connect, newSession, postJson } from "../../test/client.js";
import { SessionStore } from "./store.js";

const fence = "```";

function stubOf(sessionId: string) {
  return env.SESSION.get(env.SESSION.idFromName(sessionId));
}

async function importAnswer(sessionId: string, content: string) {
  const response = await postJson(`/api/sessions/${sessionId}/messages`, { role: "assistant", content });
  return (await response.json()) as { message: Message; artifacts: Artifact[] };
}

describe("durability", () => {
  it("drops its sockets when the object restarts; a client that reconnects finds everything and is heard", async () => {
    const sessionId = await newSession();
    const { artifacts } = await importAnswer(sessionId, `${fence}sql\nSELECT 1;\n${fence}\n`);
    const first = await connect(sessionId);
    const closed = new Promise<CloseEvent>((resolve) => first.socket.addEventListener("close", resolve));

    await expect(
      runInDurableObject(stubOf(sessionId), (_, state) => state.abort("restart")),
    ).rejects.toThrow();
    await closed;
    const again = await connect(sessionId);
    const other = await connect(sessionId);
    again.send({ type: "get_artifacts", sessionId, requestId: "after" });
    expect(await again.next("artifacts", (frame) => frame.requestId === "after")).toMatchObject({
      artifacts,
    });

    const target = artifacts[0] as Artifact;
    other.send({ type: "update_artifact", artifactId: target.id, updates: { title: "one.sql" } });
    for (const socket of [again, other]) {
      expect((await socket.next("artifact_updated")).artifact).toMatchObject({
        title: "one.sql",
        version: 2,
      });
    }
    again.close();
    other.close();
  });

  it("keeps every saved message and artifact when the object is reset", async () => {
    const sessionId = await newSession();
    const saved = await importAnswer(sessionId, `Styles:\n\n${fence}css\na { color: red; }\n${fence}\n`);
    await expect(runInDurableObject(stubOf(sessionId), (_, state) => state.abort("reset"))).rejects.toThrow();

    const messages = await (await api(`/api/sessions/${sessionId}/messages`)).json();
    expect(messages).toEqual({ messages: [saved.message], nextCursor: null });
    const artifacts = await (await api(`/api/sessions/${sessionId}/artifacts`)).json();
    expect(artifacts).toEqual({ artifacts: saved.artifacts, nextCursor: null });
  });

  it("writes a message with its artifacts as one transaction: a failure leaves none of it", async () => {
    const sessionId = await newSession();
    await importAnswer(sessionId, "No code here.");
    await runInDurableObject(stubOf(sessionId), (_, state) => {
      const store = new SessionStore(state.storage, sessionId);
      expect(() =>
        store.transaction(() => {
          const message = store.messages.insert("assistant", "half written", "complete");
          store.artifacts.insert({
            messageId: message.id,
            title: "Half",
            description: null,
            type: "code",
            content: "x",
            language: null,
            metadata: {},
          });
          throw new Error("the object crashed here");
        }),
      ).toThrow("the object crashed here");
    });
    const { messages } = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: Message[];
    };
    expect(messages.map((message) => message.content)).toEqual(["No code here."]);
    expect(await (await api(`/api/sessions/${sessionId}/artifacts`)).json()).toEqual({
      artifacts: [],
      nextCursor: null,
    });
  });

  it("marks an answer cut off by a restart as error, keeping what was streamed", async () => {
    const sessionId = await newSession();
    await api(`/api/sessions/${sessionId}/messages`); // the object exists, migrated
    await runInDurableObject(stubOf(sessionId), (_, state) => {
      new SessionStore(state.storage, sessionId).messages.insert(
        "assistant",
        "Here is half an ans",
        "streaming",
      );
    });
    await expect(runInDurableObject(stubOf(sessionId), (_, state) => state.abort("crash"))).rejects.toThrow();

    const { messages } = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as {
      messages: Message[];
    };
    expect(messages).toMatchObject([{ role: "assistant", content: "Here is half an ans", status: "error" }]);
  });

  it("creates the contract's tables, columns unchanged, and an index for every query", async () => {
    const sessionId = await newSession();
    await api(`/api/sessions/${sessionId}/messages`);
    const schema = await runInDurableObject(stubOf(sessionId), (_, state) => {
      const columns = (table: string) =>
        state.storage.sql
          .exec<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
          .toArray()
          .map((row) => row.name);
      const indexes = state.storage.sql
        .exec<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'",
        )
        .toArray()
        .map((row) => row.name);
      return { messages: columns("chat_messages"), artifacts: columns("artifacts"), indexes };
    });
    expect(schema.messages.slice(0, 5)).toEqual(["id", "session_id", "role", "content", "timestamp"]);
    expect(schema.artifacts.slice(0, 11)).toEqual([
      "id",
      "session_id",
      "message_id",
      "title",
      "description",
      "type",
      "content",
      "language",
      "metadata",
      "created_at",
      "updated_at",
    ]);
    expect(schema.indexes).toEqual(
      expect.arrayContaining(["chat_messages_by_session", "artifacts_by_session", "artifacts_by_message"]),
    );
  });
});
