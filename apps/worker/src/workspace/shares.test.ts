import type { Artifact, CreatedShare, Share, SharedView } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer, settled } from "../../test/workspace-helpers.js";

const fence = "```";

async function seeded() {
  const { token, workspaceId } = await newWorkspace();
  const sessionId = await newSession(token);
  const { artifacts } = await importAnswer(
    token,
    sessionId,
    `Two files:\n\n${fence}js secret-one.js\nconst one = "first secret";\n${fence}\n${fence}js secret-two.js\nconst two = "second secret";\n${fence}\n`,
  );
  await settled(sessionId);
  return { token, workspaceId, sessionId, artifacts: artifacts as [Artifact, Artifact] };
}

async function share(token: string, body: unknown): Promise<CreatedShare> {
  const response = await call(token, "POST", "/api/shares", body);
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { share: CreatedShare }).share;
}

/** Opens a link as a stranger would: no credential at all. */
async function open(url: string): Promise<Response> {
  const token = new URL(url).pathname.replace(/^\/share\//, "");
  return call(null, "GET", `/api/share/${token}`);
}

describe("share links", () => {
  it("show one artifact, pinned to a version or following the latest, to anyone holding the link", async () => {
    const { token, sessionId, artifacts } = await seeded();
    const [one] = artifacts;
    const pinned = await share(token, { kind: "artifact", sessionId, artifactId: one.id, version: 1 });
    const latest = await share(token, { kind: "artifact", sessionId, artifactId: one.id });
    expect(pinned.url).toMatch(/^https:\/\/folio\.test\/share\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    await call(token, "PATCH", `/api/sessions/${sessionId}/artifacts/${one.id}`, {
      content: 'const one = "edited";\n',
    });

    const asPinned = (await (await open(pinned.url)).json()) as SharedView & { kind: "artifact" };
    expect(asPinned.artifact).toMatchObject({
      id: one.id,
      version: 1,
      content: 'const one = "first secret";\n',
    });
    expect(asPinned.versions.map((v) => v.version)).toEqual([1]);
    expect(asPinned.pinned).toBe(true);
    const asLatest = (await (await open(latest.url)).json()) as SharedView & { kind: "artifact" };
    expect(asLatest.artifact).toMatchObject({ version: 2, content: 'const one = "edited";\n' });
    expect(asLatest.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it("never show another artifact of the session, nor anything else of the workspace", async () => {
    const { token, sessionId, artifacts } = await seeded();
    const [one, two] = artifacts;
    const link = await share(token, { kind: "artifact", sessionId, artifactId: one.id });
    const text = await (await open(link.url)).text();
    expect(text).toContain("first secret");
    expect(text).not.toContain(two.id);
    expect(text).not.toContain("second secret");
    expect(text).not.toContain("secret-two.js");
    expect(text).not.toContain('"messages"');
  });

  it("open nothing for an unknown, forged, malformed, another workspace's or revoked token", async () => {
    const { token, workspaceId, sessionId, artifacts } = await seeded();
    const other = await newWorkspace();
    const link = await share(token, { kind: "artifact", sessionId, artifactId: artifacts[0].id });
    const secret = new URL(link.url).pathname.split(".").at(-1) as string;
    const forged = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    for (const attempt of [
      `${workspaceId}.${forged}`,
      `${workspaceId}.${"A".repeat(43)}`,
      `${other.workspaceId}.${secret}`,
      `${workspaceId}.${secret}x`,
      `${workspaceId}${secret}`,
      "nothing",
      `${workspaceId}.`,
    ]) {
      const response = await call(null, "GET", `/api/share/${attempt}`);
      expect(response.status, attempt).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: "no such share link" } });
    }
    expect((await open(link.url)).status).toBe(200);
    // Listed with when it was last opened; then revoked, it opens nothing.
    const listed = (await (await call(token, "GET", "/api/shares")).json()) as { shares: Share[] };
    expect(listed.shares).toHaveLength(1);
    expect(listed.shares[0]?.lastOpenedAt).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect((await call(token, "DELETE", `/api/shares/${link.id}`)).status).toBe(204);
    expect((await open(link.url)).status).toBe(404);
    expect((await call(token, "DELETE", `/api/shares/${link.id}`)).status).toBe(404);
  });

  it("are made only for the workspace's own artifacts and sessions, from valid bodies", async () => {
    const mine = await seeded();
    const theirs = await seeded();
    const attempts: [unknown, number][] = [
      [{ kind: "artifact", sessionId: theirs.sessionId, artifactId: theirs.artifacts[0].id }, 404],
      [{ kind: "artifact", sessionId: mine.sessionId, artifactId: theirs.artifacts[0].id }, 404],
      [{ kind: "session", sessionId: theirs.sessionId }, 404],
      [{ kind: "artifact", sessionId: mine.sessionId }, 400],
      [{ kind: "folder", sessionId: mine.sessionId }, 400],
      [{ kind: "session", sessionId: mine.sessionId, extra: 1 }, 400],
      [{ kind: "artifact", sessionId: mine.sessionId, artifactId: mine.artifacts[0].id, version: 0 }, 400],
    ];
    for (const [body, status] of attempts) {
      expect((await call(mine.token, "POST", "/api/shares", body)).status, JSON.stringify(body)).toBe(status);
    }
    expect(
      (await call(null, "POST", "/api/shares", { kind: "session", sessionId: mine.sessionId })).status,
    ).toBe(401);
    expect((await call(null, "GET", "/api/shares")).status).toBe(401);
    const listed = (await (await call(mine.token, "GET", "/api/shares")).json()) as { shares: Share[] };
    expect(listed.shares).toEqual([]);
  });

  it("show a whole session: its messages and artifacts; and go when what they show is deleted", async () => {
    const { token, sessionId, artifacts } = await seeded();
    const sessionLink = await share(token, { kind: "session", sessionId });
    const artifactLink = await share(token, { kind: "artifact", sessionId, artifactId: artifacts[1].id });
    const view = (await (await open(sessionLink.url)).json()) as SharedView & { kind: "session" };
    expect(view.messages.map((m) => m.content.slice(0, 10))).toEqual(["Two files:"]);
    expect(view.artifacts.map((a) => a.title)).toEqual(["secret-one.js", "secret-two.js"]);

    await call(token, "DELETE", `/api/sessions/${sessionId}/artifacts/${artifacts[1].id}`);
    await settled(sessionId);
    expect((await open(artifactLink.url)).status).toBe(404);
    await call(token, "DELETE", `/api/sessions/${sessionId}`);
    expect((await open(sessionLink.url)).status).toBe(404);
    const listed = (await (await call(token, "GET", "/api/shares")).json()) as { shares: Share[] };
    expect(listed.shares).toEqual([]);
  });

  it("copy what they show into the viewer's own workspace, independent of the original, saying where it came from", async () => {
    const owner = await seeded();
    const [one] = owner.artifacts;
    const link = await share(owner.token, {
      kind: "artifact",
      sessionId: owner.sessionId,
      artifactId: one.id,
    });
    const token = new URL(link.url).pathname.replace(/^\/share\//, "");
    const viewer = await newWorkspace();

    expect((await call(null, "POST", `/api/share/${token}/copy`, {})).status).toBe(401);
    // Not into a session that is not the viewer's; and a refused copy does not count as an opening.
    expect(
      (await call(viewer.token, "POST", `/api/share/${token}/copy`, { sessionId: owner.sessionId })).status,
    ).toBe(404);
    const listed = (await (await call(owner.token, "GET", "/api/shares")).json()) as { shares: Share[] };
    expect(listed.shares[0]?.lastOpenedAt).toBeNull();
    const copied = await call(viewer.token, "POST", `/api/share/${token}/copy`, {});
    expect(copied.status).toBe(201);
    const opened = (await (await call(owner.token, "GET", "/api/shares")).json()) as { shares: Share[] };
    expect(opened.shares[0]?.lastOpenedAt).toBeGreaterThan(0);
    const { sessionId, artifacts } = (await copied.json()) as { sessionId: string; artifacts: Artifact[] };
    const [copy] = artifacts as [Artifact];
    expect(copy).toMatchObject({ title: one.title, content: one.content, version: 1 });
    expect(copy.id).not.toBe(one.id);
    expect(copy.metadata.copiedFrom).toEqual({ share: link.id, artifactId: one.id, version: 1 });
    expect((await call(viewer.token, "GET", `/api/sessions/${sessionId}`)).status).toBe(200);
    expect((await call(owner.token, "GET", `/api/sessions/${sessionId}`)).status).toBe(404);

    // Independent both ways.
    await call(owner.token, "PATCH", `/api/sessions/${owner.sessionId}/artifacts/${one.id}`, {
      content: "changed\n",
    });
    const mine = (await (
      await call(viewer.token, "GET", `/api/sessions/${sessionId}/artifacts/${copy.id}`)
    ).json()) as {
      artifact: Artifact;
    };
    expect(mine.artifact.content).toBe(one.content);
    // Into a session the viewer picks, too; a revoked link copies nothing.
    const again = await call(viewer.token, "POST", `/api/share/${token}/copy`, { sessionId });
    expect(again.status).toBe(201);
    await call(owner.token, "DELETE", `/api/shares/${link.id}`);
    expect((await call(viewer.token, "POST", `/api/share/${token}/copy`, {})).status).toBe(404);
  });
});
