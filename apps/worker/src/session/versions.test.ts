import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, ArtifactVersion } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, apiAs, connect, newSession, newWorkspace, postJson } from "../../test/client.js";
import { library, settled } from "../../test/workspace-helpers.js";

const fence = "```";

async function withArtifact(content = "let v = 1;\n"): Promise<{ sessionId: string; artifact: Artifact }> {
  const sessionId = await newSession();
  const response = await postJson(`/api/sessions/${sessionId}/messages`, {
    role: "assistant",
    content: `${fence}js\n${content}${fence}\n`,
  });
  const { artifacts } = (await response.json()) as { artifacts: Artifact[] };
  return { sessionId, artifact: artifacts[0] as Artifact };
}

async function versions(sessionId: string, artifactId: string): Promise<ArtifactVersion[]> {
  const response = await api(`/api/sessions/${sessionId}/artifacts/${artifactId}/versions`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { versions: ArtifactVersion[] }).versions;
}

function patch(path: string, body: unknown, ifMatch?: string) {
  return api(path, {
    method: "PATCH",
    headers: {
      "content-type": "application/json",
      ...(ifMatch === undefined ? {} : { "if-match": ifMatch }),
    },
    body: JSON.stringify(body),
  });
}

describe("versions are append-only", () => {
  it("keeps every earlier state as a numbered version, recording when and by what", async () => {
    const { sessionId, artifact } = await withArtifact();
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    expect((await patch(path, { content: "let v = 2;\n" })).status).toBe(200);
    expect((await patch(path, { title: "v.js" })).status).toBe(200);
    const list = await versions(sessionId, artifact.id);
    expect(list.map((version) => [version.version, version.source, version.title, version.content])).toEqual([
      [1, "import", "JavaScript snippet 1", "let v = 1;\n"],
      [2, "edit", "JavaScript snippet 1", "let v = 2;\n"],
      [3, "edit", "v.js", "let v = 2;\n"],
    ]);
    const times = list.map((version) => version.createdAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(list[0]?.createdAt).toBe(artifact.createdAt);
    const first = await api(`${path}/versions/1`);
    expect(((await first.json()) as { version: ArtifactVersion }).version.content).toBe("let v = 1;\n");
  });

  it("restores an old version as a new one, deleting nothing", async () => {
    const { sessionId, artifact } = await withArtifact();
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    await patch(path, { content: "let v = 2;\n", language: "ts" });
    expect(artifact.language).toBe("javascript");
    const restored = await api(`${path}/versions/1/restore`, { method: "POST" });
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as { artifact: Artifact }).artifact).toMatchObject({
      version: 3,
      content: "let v = 1;\n",
      language: "javascript",
    });
    const list = await versions(sessionId, artifact.id);
    expect(list.map((version) => version.content)).toEqual(["let v = 1;\n", "let v = 2;\n", "let v = 1;\n"]);
    expect(list[2]).toMatchObject({ source: "restore", restoredFrom: 1 });
    // The workspace's index has the restored state.
    await settled(sessionId);
    const indexed = (await library(await tokenOfTestWorkspace(), `?sessionId=${sessionId}`)).artifacts;
    expect(indexed).toMatchObject([{ id: artifact.id, version: 3, content: "let v = 1;\n" }]);
  });

  it("records the answer that wrote a model's version", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    socket.send({ type: "chat", content: `/echo ${fence}css\np { margin: 0 }\n${fence}` });
    const done = await socket.next("message_done");
    socket.close();
    const artifact = done.artifacts[0] as Artifact;
    expect(await versions(sessionId, artifact.id)).toMatchObject([
      { version: 1, source: "model", messageId: done.message.id, restoredFrom: null },
    ]);
  });

  it("deletes an artifact's versions with it", async () => {
    const { sessionId, artifact } = await withArtifact();
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    await patch(path, { content: "x\n" });
    expect((await api(path, { method: "DELETE" })).status).toBe(204);
    expect((await api(`${path}/versions`)).status).toBe(404);
    const left = await runInDurableObject(env.SESSION.getByName(sessionId), (_, state) =>
      state.storage.sql.exec("SELECT COUNT(*) AS n FROM artifact_versions").one(),
    );
    expect(left.n).toBe(0);
  });

  it("answers unknown versions 404 and malformed ones 400, and another workspace nothing", async () => {
    const { sessionId, artifact } = await withArtifact();
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    expect((await api(`${path}/versions/2`)).status).toBe(404);
    expect((await api(`${path}/versions/2/restore`, { method: "POST" })).status).toBe(404);
    for (const bad of ["0", "-1", "1.5", "x", "01"]) {
      expect((await api(`${path}/versions/${bad}`)).status, bad).toBe(400);
    }
    expect((await api(`/api/sessions/${sessionId}/artifacts/nope/versions`)).status).toBe(404);
    const stranger = await newWorkspace();
    expect((await apiAs(stranger.token, `${path}/versions`)).status).toBe(404);
    expect((await apiAs(stranger.token, `${path}/versions/1/restore`, { method: "POST" })).status).toBe(404);
    expect(await versions(sessionId, artifact.id)).toHaveLength(1);
  });
});

describe("concurrent edits", () => {
  it("refuses an edit based on a stale version over REST (If-Match), saying which is current", async () => {
    const { sessionId, artifact } = await withArtifact();
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    expect((await patch(path, { content: "mine\n" }, '"1"')).status).toBe(200);
    const stale = await patch(path, { content: "theirs\n" }, '"1"');
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "conflict", currentVersion: 2 } });
    expect((await versions(sessionId, artifact.id)).at(-1)?.content).toBe("mine\n");
    expect((await patch(path, { content: "theirs\n" }, "2")).status).toBe(200);
    expect((await patch(path, { content: "x\n" }, "three")).status).toBe(400);
  });

  it("refuses a stale baseVersion over the socket, and only the asking socket hears of it", async () => {
    const { sessionId, artifact } = await withArtifact();
    const mine = await connect(sessionId);
    const theirs = await connect(sessionId);
    mine.send({
      type: "update_artifact",
      artifactId: artifact.id,
      updates: { content: "a\n" },
      baseVersion: 1,
      requestId: "m",
    });
    await theirs.next("artifact_updated");
    theirs.send({
      type: "update_artifact",
      artifactId: artifact.id,
      updates: { content: "b\n" },
      baseVersion: 1,
      requestId: "t",
    });
    const refused = await theirs.next("error", (frame) => frame.requestId === "t");
    expect(refused).toMatchObject({ code: "conflict", currentVersion: 2 });
    // The refusal changed nothing, so the other socket heard nothing of it.
    theirs.send({ type: "get_versions", artifactId: artifact.id, requestId: "v" });
    const listed = await theirs.next("versions", (frame) => frame.requestId === "v");
    expect(listed.versions.map((version) => version.content)).toEqual(["let v = 1;\n", "a\n"]);
    expect(mine.frames.filter((frame) => frame.type === "artifact_updated")).toHaveLength(1);
    mine.close();
    theirs.close();
  });

  it("serves versions and restores over the socket, telling every socket", async () => {
    const { sessionId, artifact } = await withArtifact();
    const socket = await connect(sessionId);
    const other = await connect(sessionId);
    socket.send({
      type: "update_artifact",
      artifactId: artifact.id,
      updates: { content: "two\n" },
      requestId: "u",
    });
    await socket.next("artifact_updated", (frame) => frame.requestId === "u");
    socket.send({ type: "get_version", artifactId: artifact.id, version: 1, requestId: "g" });
    expect((await socket.next("version", (frame) => frame.requestId === "g")).version.content).toBe(
      "let v = 1;\n",
    );
    socket.send({ type: "restore_version", artifactId: artifact.id, version: 1, requestId: "r" });
    const restored = await socket.next("artifact_updated", (frame) => frame.requestId === "r");
    expect(restored.artifact).toMatchObject({ version: 3, content: "let v = 1;\n" });
    const heard = await other.next("artifact_updated", (frame) => frame.artifact.version === 3);
    expect(heard.requestId).toBeUndefined();
    socket.send({ type: "get_version", artifactId: artifact.id, version: 9, requestId: "n" });
    expect(await socket.next("error", (frame) => frame.requestId === "n")).toMatchObject({
      code: "not_found",
    });
    socket.close();
    other.close();
  });
});

async function tokenOfTestWorkspace(): Promise<string> {
  const { authorization } = await (await import("../../test/client.js")).authorization();
  return authorization.replace(/^Bearer /, "");
}
