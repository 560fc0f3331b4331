import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, SessionSummary } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { apiAs, connect, newSession, newWorkspace } from "../../test/client.js";
import {
  importAnswer,
  library,
  sessionArtifacts,
  settled,
  wholeLibrary,
} from "../../test/workspace-helpers.js";
import { newId } from "../ids.js";

const fence = "```";
const block = (lang: string, code: string) => `${fence}${lang}\n${code}\n${fence}\n`;

async function sessions(
  token: string,
  query = "",
): Promise<{ sessions: SessionSummary[]; nextCursor: string | null }> {
  return (await apiAs(token, `/api/sessions${query}`)).json();
}

function send(token: string, path: string, method: string, body?: unknown) {
  return apiAs(token, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
}

const byId = (artifacts: Artifact[]) => [...artifacts].sort((a, b) => a.id.localeCompare(b.id));

describe("a workspace's sessions", () => {
  it("lists them latest activity first, a page at a time, each once", async () => {
    const { token } = await newWorkspace();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await newSession(token));
    // Activity in another order than creation: the third, then the first, is the latest.
    for (const id of [ids[2], ids[0]] as string[]) {
      await new Promise((resolve) => setTimeout(resolve, 3));
      await importAnswer(token, id, "Some activity.");
      await settled(id);
    }
    const seen: SessionSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: { sessions: SessionSummary[]; nextCursor: string | null } = await sessions(
        token,
        `?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.sessions.length).toBeLessThanOrEqual(3);
      seen.push(...page.sessions);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.map((session) => session.id).sort()).toEqual([...ids].sort());
    expect(seen.slice(0, 2).map((session) => session.id)).toEqual([ids[0], ids[2]]);
    const times = seen.map((session) => session.lastActivityAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen[0]).toMatchObject({ messageCount: 1, artifactCount: 0 });
  });

  it("refuses cursors it never issued and limits out of range, changing nothing", async () => {
    const { token } = await newWorkspace();
    const cases: [string, number][] = [
      ["?cursor=nonsense", 400],
      ["?cursor=WzEsMiwzXQ", 400],
      ["?limit=0", 400],
      ["?limit=x", 400],
      ["?extra=1", 400],
      ["?limit=501", 400],
    ];
    for (const [query, status] of cases) {
      const response = await apiAs(token, `/api/sessions${query}`);
      expect(response.status, query).toBe(status);
    }
  });

  it("titles a session by the gist of its first message until it is renamed", async () => {
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    expect((await sessions(token)).sessions[0]?.title).toBe("New chat");

    const socket = await connect(sessionId, token);
    socket.send({
      type: "chat",
      content: "Build me a   counter\nin React, please, with a reset button and a very long tail of words",
    });
    await socket.next("message_done");
    socket.close();
    await settled(sessionId);
    const titled = (await sessions(token)).sessions[0] as SessionSummary;
    expect(titled.title).toBe(
      "Build me a counter in React, please, with a reset button and a very long tail o…",
    );
    expect(titled.title.length).toBeLessThanOrEqual(80);
    expect(titled.messageCount).toBe(2);

    const renamed = await send(token, `/api/sessions/${sessionId}`, "PATCH", { title: "  Counter  " });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ session: { id: sessionId, title: "Counter" } });
    // A later message does not take the name back.
    await importAnswer(token, sessionId, "More.");
    await settled(sessionId);
    const reread = (await (await apiAs(token, `/api/sessions/${sessionId}`)).json()) as {
      session: SessionSummary;
    };
    expect(reread.session.title).toBe("Counter");

    for (const body of [{}, { title: "" }, { title: 5 }, { title: "x", id: "y" }]) {
      expect(
        (await send(token, `/api/sessions/${sessionId}`, "PATCH", body)).status,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect((await send(token, `/api/sessions/${newId()}`, "PATCH", { title: "ghost" })).status).toBe(404);
  });

  it("deletes a session with all its data: its object's storage, its index entries, its listing", async () => {
    const { token } = await newWorkspace();
    const kept = await newSession(token);
    const doomed = await newSession(token);
    await importAnswer(token, kept, block("js", "keep();"));
    await importAnswer(token, doomed, block("js", "doomed();") + block("css", "a{}"));
    await settled(doomed);
    expect(await wholeLibrary(token)).toHaveLength(3);

    expect((await apiAs(token, `/api/sessions/${doomed}`, { method: "DELETE" })).status).toBe(204);
    expect((await sessions(token)).sessions.map((session) => session.id)).toEqual([kept]);
    expect((await wholeLibrary(token)).map((artifact) => artifact.content)).toEqual(["keep();\n"]);
    expect((await apiAs(token, `/api/sessions/${doomed}/messages`)).status).toBe(404);
    expect((await apiAs(token, `/api/sessions/${doomed}`, { method: "DELETE" })).status).toBe(404);
    const tables = await runInDurableObject(env.SESSION.getByName(doomed), (_, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it("closes the sockets of a deleted session", async () => {
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    const socket = await connect(sessionId, token);
    const closed = new Promise<number>((resolve) =>
      socket.socket.addEventListener("close", (event) => resolve(event.code)),
    );
    expect((await apiAs(token, `/api/sessions/${sessionId}`, { method: "DELETE" })).status).toBe(204);
    expect(await closed).toBe(1000);
  });

  it("adds nothing back when a report from a deleted session arrives late", async () => {
    const { token, workspaceId } = await newWorkspace();
    const sessionId = await newSession(token);
    const [artifact] = (await importAnswer(token, sessionId, block("js", "late();"))).artifacts as Artifact[];
    await settled(sessionId);
    await apiAs(token, `/api/sessions/${sessionId}`, { method: "DELETE" });
    await env.WORKSPACE.getByName(workspaceId).report({
      sessionId,
      activity: { createdAt: 1, lastActivityAt: 2, messageCount: 1, artifactCount: 1, gist: null },
      upserts: [artifact as Artifact],
      deletes: [],
    });
    expect((await sessions(token)).sessions).toEqual([]);
    expect(await wholeLibrary(token)).toEqual([]);
  });
});

describe("the library: every artifact of the workspace", () => {
  it("lists artifacts across sessions, newest first, filtered by type, language, session and date", async () => {
    const { token } = await newWorkspace();
    const [a, b, c] = [await newSession(token), await newSession(token), await newSession(token)];
    await importAnswer(token, a as string, block("tsx", "export default function A() { return <p/>; }"));
    await new Promise((resolve) => setTimeout(resolve, 3));
    const middle = Date.now();
    await importAnswer(token, b as string, block("python", "print(1)") + block("css", "p { color: red }"));
    await new Promise((resolve) => setTimeout(resolve, 3));
    await importAnswer(token, c as string, block("python", "print(2)"));
    for (const id of [a, b, c] as string[]) await settled(id);

    const all = (await library(token)).artifacts;
    expect(all).toHaveLength(4);
    const times = all.map((artifact) => artifact.createdAt);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(all[0]?.content).toBe("print(2)\n");
    expect((await library(token, "?order=oldest")).artifacts[0]?.type).toBe("react-component");

    expect((await library(token, "?type=python")).artifacts.map((x) => x.content)).toEqual([
      "print(2)\n",
      "print(1)\n",
    ]);
    expect((await library(token, "?language=css")).artifacts.map((x) => x.sessionId)).toEqual([b]);
    expect((await library(token, `?sessionId=${b}`)).artifacts).toHaveLength(2);
    expect((await library(token, `?since=${middle}`)).artifacts).toHaveLength(3);
    expect((await library(token, `?until=${middle}`)).artifacts).toHaveLength(1);
    expect((await library(token, `?type=python&sessionId=${c}`)).artifacts).toHaveLength(1);
    // The index holds the artifacts whole, as their sessions do.
    const fromSessions = [
      ...(await sessionArtifacts(token, a as string)),
      ...(await sessionArtifacts(token, b as string)),
      ...(await sessionArtifacts(token, c as string)),
    ];
    expect(byId(all)).toEqual(byId(fromSessions));
  });

  it("pages through a large library with cursors: every artifact once, in order", async () => {
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    const answer = Array.from({ length: 250 }, (_, i) => block("js", `item(${i});`)).join("");
    await importAnswer(token, sessionId, answer);
    await settled(sessionId);
    const first = await library(token);
    expect(first.artifacts).toHaveLength(100);
    expect(first.nextCursor).not.toBeNull();
    const all = await wholeLibrary(token);
    expect(all).toHaveLength(250);
    expect(new Set(all.map((artifact) => artifact.id)).size).toBe(250);
    const oldest = await wholeLibrary(token, "?order=oldest&limit=40");
    expect(oldest.map((artifact) => artifact.id)).toEqual([...all].reverse().map((artifact) => artifact.id));
  });

  it("refuses unknown filters and malformed values", async () => {
    const { token } = await newWorkspace();
    for (const query of [
      "?type=banana",
      "?since=yesterday",
      "?order=random",
      "?cursor=%%%",
      "?sort=title",
      "?limit=-1",
    ]) {
      const response = await apiAs(token, `/api/artifacts${query}`);
      expect(response.status, query).toBe(400);
    }
  });
});

describe("the index stays in step with the sessions", () => {
  it("follows edits and deletes, over REST and over the socket", async () => {
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    const { artifacts } = await importAnswer(token, sessionId, block("js", "one();") + block("js", "two();"));
    const [one, two] = artifacts as [Artifact, Artifact];
    await send(token, `/api/sessions/${sessionId}/artifacts/${one.id}`, "PATCH", { title: "First" });
    const socket = await connect(sessionId, token);
    socket.send({ type: "delete_artifact", artifactId: two.id });
    await socket.next("artifact_deleted");
    socket.close();
    await settled(sessionId);
    const indexed = await wholeLibrary(token);
    expect(indexed).toEqual(await sessionArtifacts(token, sessionId));
    expect(indexed).toMatchObject([{ id: one.id, title: "First", version: 2 }]);
    expect((await sessions(token)).sessions[0]).toMatchObject({ artifactCount: 1, messageCount: 1 });
  });

  it("converges after the workspace object fails mid-stream: the outbox keeps every change and the alarm delivers it", async () => {
    const { token, workspaceId } = await newWorkspace();
    const sessionId = await newSession(token);
    const workspace = env.WORKSPACE.getByName(workspaceId);
    // Break the workspace: its index table is gone, so every report it is sent fails.
    await runInDurableObject(workspace, (_, state) => {
      state.storage.sql.exec("ALTER TABLE artifacts RENAME TO artifacts_away");
    });
    const socket = await connect(sessionId, token);
    socket.send({
      type: "chat",
      content: `/echo Three files:\n\n${block("html", "<p>one</p>")}\n${block("css", "p{}")}\n${block("js", "go();")}`,
    });
    const done = await socket.next("message_done");
    socket.close();
    expect(done.artifacts).toHaveLength(3);
    // The answer streamed and saved as ever; the changes wait in the session's outbox.
    const session = env.SESSION.getByName(sessionId);
    expect(await session.pendingReports()).toBeGreaterThan(0);

    await runInDurableObject(workspace, (_, state) => {
      state.storage.sql.exec("ALTER TABLE artifacts_away RENAME TO artifacts");
    });
    expect(await runDurableObjectAlarm(session)).toBe(true);
    await settled(sessionId);
    expect(byId(await wholeLibrary(token))).toEqual(byId(await sessionArtifacts(token, sessionId)));
    expect((await sessions(token)).sessions[0]).toMatchObject({
      id: sessionId,
      artifactCount: 3,
      messageCount: 2,
    });
  });

  it("delivers what an object restart left undelivered", async () => {
    const { token, workspaceId } = await newWorkspace();
    const sessionId = await newSession(token);
    const workspace = env.WORKSPACE.getByName(workspaceId);
    await runInDurableObject(workspace, (_, state) => {
      state.storage.sql.exec("ALTER TABLE artifacts RENAME TO artifacts_away");
    });
    await importAnswer(token, sessionId, block("js", "survive();"));
    await runInDurableObject(workspace, (_, state) => {
      state.storage.sql.exec("ALTER TABLE artifacts_away RENAME TO artifacts");
    });
    const session = env.SESSION.getByName(sessionId);
    expect(await session.pendingReports()).toBeGreaterThan(0);
    await expect(runInDurableObject(session, (_, state) => state.abort("restart"))).rejects.toThrow();
    // The restarted object starts delivering as it opens (settled() is its first call).
    await settled(sessionId);
    expect((await wholeLibrary(token)).map((artifact) => artifact.content)).toEqual(["survive();\n"]);
  });

  it("rebuilds the index from the sessions, for repair", async () => {
    const { token, workspaceId } = await newWorkspace();
    const [a, b] = [await newSession(token), await newSession(token)];
    await importAnswer(token, a as string, block("js", "a();") + block("js", "b();"));
    await importAnswer(token, b as string, block("sql", "select 1;"));
    await settled(a as string);
    await settled(b as string);
    const before = byId(await wholeLibrary(token));
    await runInDurableObject(env.WORKSPACE.getByName(workspaceId), (_, state) => {
      state.storage.sql.exec("DELETE FROM artifacts");
    });
    expect(await wholeLibrary(token)).toEqual([]);
    const rebuilt = await apiAs(token, "/api/workspace/reindex", { method: "POST" });
    expect(await rebuilt.json()).toEqual({ sessions: 2, artifacts: 3 });
    expect(byId(await wholeLibrary(token))).toEqual(before);
  });
});

describe("sessions made before workspaces", () => {
  it("are adopted by the first workspace that opens them, index and all; others then get 404", async () => {
    const sessionId = newId();
    const legacy = env.SESSION.getByName(sessionId);
    // The session's database as the walking skeleton left it: migrations 1-3, no owner.
    await runInDurableObject(legacy, async (_, state) => {
      const { migrate } = await import("../sqlite/migrate.js");
      const { MIGRATIONS } = await import("../session/migrations.js");
      migrate(state.storage, MIGRATIONS.slice(0, 3));
      state.storage.sql.exec(
        "INSERT INTO chat_messages (session_id, role, content, status, created_at) VALUES (?, 'assistant', 'old answer', 'complete', 1000)",
        sessionId,
      );
      state.storage.sql.exec(
        `INSERT INTO artifacts (id, session_id, message_id, title, description, type, content, language, metadata,
           created_at, updated_at, version) VALUES ('old-1', ?, '1', 'old.js', NULL, 'javascript', 'old();', 'js', '{}', 1000, 1000, 1)`,
        sessionId,
      );
    });
    await expect(runInDurableObject(legacy, (_, state) => state.abort("upgrade"))).rejects.toThrow();

    const first = await newWorkspace();
    const second = await newWorkspace();
    expect((await apiAs(first.token, `/api/sessions/${sessionId}/messages`)).status).toBe(200);
    await settled(sessionId);
    expect((await sessions(first.token)).sessions).toMatchObject([
      { id: sessionId, title: "old answer", messageCount: 1, artifactCount: 1, createdAt: 1000 },
    ]);
    expect((await wholeLibrary(first.token)).map((artifact) => artifact.id)).toEqual(["old-1"]);
    expect((await apiAs(second.token, `/api/sessions/${sessionId}/messages`)).status).toBe(404);
  });
});
