import type { Artifact, ArtifactUsage, WorkspaceStats } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer, settled } from "../../test/workspace-helpers.js";

const fence = "```";

async function seeded() {
  const workspace = await newWorkspace();
  const sessionId = await newSession(workspace.token);
  const { artifacts } = await importAnswer(
    workspace.token,
    sessionId,
    `${fence}js app.js\nconsole.log("app");\n${fence}\n${fence}js util.js\nexport const u = 1;\n${fence}\n${fence}css site.css\nbody { margin: 0; }\n${fence}\n`,
  );
  await settled(sessionId);
  return { ...workspace, sessionId, artifacts: artifacts as [Artifact, Artifact, Artifact] };
}

async function usageOf(token: string, artifactId: string): Promise<ArtifactUsage> {
  // Edits are counted a moment after the save; the counters are read until they settle.
  const response = await apiAs(token, `/api/stats/artifacts/${artifactId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { usage: ArtifactUsage }).usage;
}

describe("usage stats", () => {
  it("count views, previews, copies and downloads told by a client, and edits made by anyone", async () => {
    const { token, sessionId, artifacts } = await seeded();
    const [app, util] = artifacts;
    const events = [
      ...Array.from({ length: 3 }, () => ({ sessionId, artifactId: app.id, kind: "view" })),
      { sessionId, artifactId: app.id, kind: "preview" },
      { sessionId, artifactId: app.id, kind: "copy" },
      { sessionId, artifactId: util.id, kind: "download" },
      { sessionId, artifactId: util.id, kind: "download" },
      { sessionId, artifactId: "not-an-artifact", kind: "view" },
    ];
    const told = await call(token, "POST", "/api/usage", { events });
    expect(await told.json()).toEqual({ counted: 7 });
    await call(token, "PATCH", `/api/sessions/${sessionId}/artifacts/${app.id}`, { content: "edited();\n" });
    let usage = await usageOf(token, app.id);
    for (let wait = 0; usage.edits === 0 && wait < 100; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      usage = await usageOf(token, app.id);
    }
    expect(usage).toMatchObject({
      views: 3,
      previews: 1,
      copies: 1,
      downloads: 0,
      edits: 1,
      title: "app.js",
    });

    const stats = (await (await apiAs(token, "/api/stats")).json()) as WorkspaceStats;
    expect(stats).toMatchObject({ sessions: 1, artifacts: 3 });
    expect(stats.byType).toEqual([
      { type: "javascript", count: 2 },
      { type: "css", count: 1 },
    ]);
    expect(stats.byLanguage).toEqual([
      { language: "javascript", count: 2 },
      { language: "css", count: 1 },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(stats.timeline).toEqual([
      { day: today, type: "css", count: 1 },
      { day: today, type: "javascript", count: 2 },
    ]);
    // Copies and downloads are reuse; views break ties.
    expect(stats.mostReused.map((entry) => [entry.title, entry.copies, entry.downloads])).toEqual([
      ["util.js", 0, 2],
      ["app.js", 1, 0],
    ]);
    expect(stats.storage.contentBytes).toBeGreaterThan(0);
    expect(stats.storage.workspaceBytes).toBeGreaterThan(0);
  });

  it("never count another workspace's artifacts, and refuse malformed events", async () => {
    const { sessionId, artifacts } = await seeded();
    const stranger = await newWorkspace();
    const told = await call(stranger.token, "POST", "/api/usage", {
      events: [{ sessionId, artifactId: artifacts[0].id, kind: "copy" }],
    });
    expect(await told.json()).toEqual({ counted: 0 });
    expect((await apiAs(stranger.token, `/api/stats/artifacts/${artifacts[0].id}`)).status).toBe(404);
    for (const body of [
      { events: [] },
      { events: [{ sessionId, artifactId: artifacts[0].id, kind: "edit" }] },
      { events: [{ sessionId, artifactId: artifacts[0].id, kind: "view", extra: 1 }] },
    ]) {
      expect((await call(stranger.token, "POST", "/api/usage", body)).status).toBe(400);
    }
    const tooMany = {
      events: Array.from({ length: 101 }, () => ({ sessionId, artifactId: "a", kind: "view" })),
    };
    expect((await call(stranger.token, "POST", "/api/usage", tooMany)).status).toBe(413);
  });

  it("forget a deleted artifact", async () => {
    const { token, sessionId, artifacts } = await seeded();
    await call(token, "POST", "/api/usage", {
      events: [{ sessionId, artifactId: artifacts[0].id, kind: "copy" }],
    });
    await call(token, "DELETE", `/api/sessions/${sessionId}/artifacts/${artifacts[0].id}`);
    await settled(sessionId);
    expect((await apiAs(token, `/api/stats/artifacts/${artifacts[0].id}`)).status).toBe(404);
    const stats = (await (await apiAs(token, "/api/stats")).json()) as WorkspaceStats;
    expect(stats.mostReused).toEqual([]);
    expect(stats.artifacts).toBe(2);
  });
});
