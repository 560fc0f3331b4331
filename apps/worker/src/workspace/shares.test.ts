import type { Artifact, CreatedShare, Message, Share, SharedView } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer, sessionArtifacts, settled } from "../../test/workspace-helpers.js";

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
    const { sessionId, copied: count } = (await copied.json()) as { sessionId: string; copied: number };
    expect(count).toBe(1);
    const [copy] = await sessionArtifacts(viewer.token, sessionId);
    if (!copy) throw new Error("nothing was copied");
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

describe("a link's reads", () => {
  async function sessionLinkToken(token: string, sessionId: string): Promise<string> {
    const link = await share(token, { kind: "session", sessionId });
    return new URL(link.url).pathname.replace(/^\/share\//, "");
  }

  it("spend the link's own budget, never the owner's: over it they are 429 with retry-after, never 404", async () => {
    const { token, sessionId } = await seeded();
    const flooded = await sessionLinkToken(token, sessionId);
    const other = await sessionLinkToken(token, sessionId);
    const answers = await Promise.all(
      Array.from({ length: 180 }, () => call(null, "GET", `/api/share/${flooded}`)),
    );
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([200, 429]);
    const refused = answers.find((answer) => answer.status === 429) as Response;
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    // The owner's session, and another link to it, kept their budgets.
    expect((await call(token, "GET", `/api/sessions/${sessionId}/messages`)).status).toBe(200);
    expect((await call(null, "GET", `/api/share/${other}`)).status).toBe(200);
  });

  it("open whatever the owner's session has spent of its own budget", async () => {
    const { token, sessionId } = await seeded();
    const link = await sessionLinkToken(token, sessionId);
    const owner = await Promise.all(
      Array.from({ length: 180 }, () => call(token, "GET", `/api/sessions/${sessionId}/messages`)),
    );
    expect(owner.some((answer) => answer.status === 429)).toBe(true);
    expect((await call(null, "GET", `/api/share/${link}`)).status).toBe(200);
  });

  it("page a session: the first 100 messages and artifacts, then the rest a page at a time", async () => {
    const { token, sessionId } = await seeded();
    for (let answer = 1; answer <= 104; answer++) {
      await importAnswer(token, sessionId, `Answer ${answer}\n\n${fence}js\nlet n = ${answer};\n${fence}\n`);
    }
    const link = await sessionLinkToken(token, sessionId);
    const view = (await (await call(null, "GET", `/api/share/${link}`)).json()) as SharedView & {
      kind: "session";
    };
    expect(view.messages).toHaveLength(100);
    expect(view.artifacts).toHaveLength(100);
    expect(view.messages[1]?.content).toMatch(/^Answer 1\n/);

    type Listing = { messages?: Message[]; artifacts?: Artifact[]; nextCursor: string | null };
    const rest = async (part: "messages" | "artifacts", cursor: string | null) => {
      const response = await call(null, "GET", `/api/share/${link}/${part}?cursor=${cursor}`);
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as Listing;
    };
    const messages = await rest("messages", view.nextMessagesCursor);
    expect(messages.messages?.map((message) => message.content.split("\n")[0])).toEqual([
      "Answer 100",
      "Answer 101",
      "Answer 102",
      "Answer 103",
      "Answer 104",
    ]);
    expect(messages.nextCursor).toBeNull();
    const artifacts = await rest("artifacts", view.nextArtifactsCursor);
    // Two of the seed's, then one per answer: 106 in all.
    expect(artifacts.artifacts).toHaveLength(6);
    expect(artifacts.artifacts?.at(-1)?.content).toBe("let n = 104;\n");
    expect(artifacts.nextCursor).toBeNull();
    const all = [...view.artifacts, ...(artifacts.artifacts ?? [])].map((artifact) => artifact.id);
    expect(new Set(all).size).toBe(106);
  });

  it("copy a whole session a page at a time: every artifact, once, however many", async () => {
    const { token, sessionId } = await seeded();
    const blocks = Array.from({ length: 520 }, (_, n) => `${fence}js\nlet n = ${n};\n${fence}\n`).join("\n");
    await importAnswer(token, sessionId, blocks);
    const link = await sessionLinkToken(token, sessionId);
    const viewer = await newWorkspace();
    const copied = await call(viewer.token, "POST", `/api/share/${link}/copy`, {});
    expect(copied.status, await copied.clone().text()).toBe(201);
    const answer = (await copied.json()) as { sessionId: string; copied: number };
    expect(answer.copied).toBe(522);
    await settled(answer.sessionId);
    const listed = await call(viewer.token, "GET", `/api/sessions/${answer.sessionId}`);
    expect(((await listed.json()) as { session: { artifactCount: number } }).session.artifactCount).toBe(522);
  });

  it("page only a session: an artifact's link has no messages or artifacts to page", async () => {
    const { token, sessionId, artifacts } = await seeded();
    const link = await share(token, { kind: "artifact", sessionId, artifactId: artifacts[0].id });
    const linkToken = new URL(link.url).pathname.replace(/^\/share\//, "");
    for (const part of ["messages", "artifacts"]) {
      const response = await call(null, "GET", `/api/share/${linkToken}/${part}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: "no such share link" } });
    }
  });
});
