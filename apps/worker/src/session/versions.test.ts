import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, ArtifactVersion, VersionDiff } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, apiAs, connect, newSession, newWorkspace, postJson } from "../../test/client.js";
import { settled } from "../../test/workspace-helpers.js";

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
    const indexed = (
      (await (await api(`/api/artifacts?sessionId=${sessionId}`)).json()) as { artifacts: Artifact[] }
    ).artifacts;
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

  it("takes the ETag a GET gave as If-Match, and answers 412 once the artifact has changed", async () => {
    const { sessionId, artifact } = await withArtifact();
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    const tag = (await api(path)).headers.get("etag") as string;
    expect((await patch(path, { content: "mine\n" }, tag)).status).toBe(200);
    const stale = await patch(path, { content: "theirs\n" }, tag);
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ error: { code: "conflict", currentVersion: 2 } });
    expect((await versions(sessionId, artifact.id)).at(-1)?.content).toBe("mine\n");

    // As HTTP has it: a list may name the current tag, a weak tag never matches, `*` is any current state.
    const fresh = (await api(path)).headers.get("etag") as string;
    expect(fresh).not.toBe(tag);
    // An edit's answer is tagged as its GET would be, so the next edit needs no GET first.
    const listed = await patch(path, { content: "listed\n" }, `"other", ${fresh}`);
    expect(listed.status).toBe(200);
    expect(listed.headers.get("etag")).toBe((await api(path)).headers.get("etag"));
    expect((await patch(path, { content: "weak\n" }, `W/${listed.headers.get("etag")}`)).status).toBe(412);
    expect((await patch(path, { content: "any\n" }, "*")).status).toBe(200);
    // The version number still works as the edit's baseVersion, with its 409.
    expect((await patch(path, { content: "by number\n" }, '"4"')).status).toBe(200);
    expect((await patch(path, { content: "late\n" }, '"4"')).status).toBe(409);
    expect((await versions(sessionId, artifact.id)).map((version) => version.content)).toEqual([
      "let v = 1;\n",
      "mine\n",
      "listed\n",
      "any\n",
      "by number\n",
    ]);
    expect((await patch(`/api/sessions/${sessionId}/artifacts/nope`, { title: "x" }, "*")).status).toBe(404);
    expect((await patch(path, { content: "x\n" }, '"unclosed')).status).toBe(400);
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

describe("diffs between versions", () => {
  async function diff(path: string, from: number | string, to: number | string) {
    return api(`${path}/versions/${from}/diff/${to}`);
  }

  it("gives the changed lines as unified hunks with three lines of context, either way round", async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const { sessionId, artifact } = await withArtifact(`${lines.join("\n")}\n`);
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    const changed = [...lines];
    changed[9] = "line ten";
    changed.push("line 21");
    await patch(path, { content: `${changed.join("\n")}\n` });

    const forward = (await (await diff(path, 1, 2)).json()) as { diff: VersionDiff };
    expect(forward.diff).toMatchObject({
      artifactId: artifact.id,
      from: 1,
      to: 2,
      added: 2,
      removed: 1,
      whole: false,
    });
    expect(forward.diff.hunks).toEqual([
      {
        oldStart: 7,
        oldLines: 7,
        newStart: 7,
        newLines: 7,
        lines: [" line 7", " line 8", " line 9", "-line 10", "+line ten", " line 11", " line 12", " line 13"],
      },
      {
        oldStart: 18,
        oldLines: 3,
        newStart: 18,
        newLines: 4,
        lines: [" line 18", " line 19", " line 20", "+line 21"],
      },
    ]);
    const backward = (await (await diff(path, 2, 1)).json()) as { diff: VersionDiff };
    expect(backward.diff).toMatchObject({ added: 1, removed: 2 });
    const same = (await (await diff(path, 2, 2)).json()) as { diff: VersionDiff };
    expect(same.diff).toMatchObject({ added: 0, removed: 0, hunks: [] });
  });

  it("treats versions too different to align as a whole replacement, in bounded time", async () => {
    const before = Array.from({ length: 6000 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 6000 }, (_, i) => `new ${i}`).join("\n");
    const { sessionId, artifact } = await withArtifact(`${before}\n`);
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    await patch(path, { content: `${after}\n` });
    const { diff: whole } = (await (await diff(path, 1, 2)).json()) as { diff: VersionDiff };
    expect(whole).toMatchObject({ whole: true, added: 6000, removed: 6000 });
    expect(whole.hunks).toHaveLength(1);
    expect(whole.hunks[0]?.lines[0]).toBe("-old 0");
    expect(whole.hunks[0]?.lines.at(-1)).toBe("+new 5999");
  });

  it("answers 404 for a version that does not exist and 400 for one that is not a number", async () => {
    const { sessionId, artifact } = await withArtifact();
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    expect((await diff(path, 1, 2)).status).toBe(404);
    expect((await diff(path, "one", 1)).status).toBe(400);
  });
});
