import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, Collection, Message, SessionSummary, WorkspaceSettings } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer, settled } from "../../test/workspace-helpers.js";

const fence = "```";
const DAY_MS = 24 * 3600_000;

async function sessionWith(token: string, files: string[]): Promise<{ id: string; artifacts: Artifact[] }> {
  const id = await newSession(token);
  const answer = files
    .map((name) => `${fence}js ${name}\nexport const name = "${name}";\n${fence}`)
    .join("\n\n");
  const { artifacts } = await importAnswer(token, id, `Files:\n\n${answer}\n`);
  await settled(id);
  return { id, artifacts };
}

/** Makes a session idle for that many days: its messages and creation that long ago, as its workspace sees it. */
async function idleFor(workspaceId: string, sessionId: string, days: number) {
  const then = Date.now() - days * DAY_MS;
  await runInDurableObject(env.SESSION.getByName(sessionId), (_, state) => {
    state.storage.sql.exec("UPDATE session_owner SET adopted_at = ?", then);
    state.storage.sql.exec("UPDATE chat_messages SET created_at = ?", then);
  });
  await runInDurableObject(env.WORKSPACE.getByName(workspaceId), (_, state) => {
    state.storage.sql.exec("UPDATE sessions SET last_activity_at = ? WHERE id = ?", then, sessionId);
  });
}

/** Runs the workspace's alarm until it has nothing more to do at once. */
async function runRetention(workspaceId: string, sessionIds: string[]) {
  const stub = env.WORKSPACE.getByName(workspaceId);
  for (let run = 0; run < 20; run++) {
    await runDurableObjectAlarm(stub);
    for (const id of sessionIds) await settled(id).catch(() => {});
    const next = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    if (next === null || next > Date.now() + 60_000) return;
  }
  throw new Error("retention never finished");
}

async function listed(token: string, path: string, key: string) {
  const response = await apiAs(token, path);
  return response.status === 200 ? ((await response.json()) as Record<string, unknown[]>)[key] : null;
}

describe("retention", () => {
  it("is off by default and a workspace's own choice, validated", async () => {
    const { token } = await newWorkspace();
    const settings = (await (await apiAs(token, "/api/settings")).json()) as WorkspaceSettings;
    expect(settings).toEqual({ retentionDays: null, retentionChosen: false, defaultRetentionDays: null });
    const chosen = await call(token, "PUT", "/api/settings", { retentionDays: 30 });
    expect(await chosen.json()).toMatchObject({ retentionDays: 30, retentionChosen: true });
    for (const bad of [{ retentionDays: 0 }, { retentionDays: 1.5 }, { retentionDays: "30" }, { other: 1 }]) {
      expect((await call(token, "PUT", "/api/settings", bad)).status).toBe(400);
    }
    expect(((await (await apiAs(token, "/api/settings")).json()) as WorkspaceSettings).retentionDays).toBe(
      30,
    );
  });

  it("deletes idle sessions' messages and artifacts, but those in a collection or shown by a share link", async () => {
    const { token, workspaceId } = await newWorkspace();
    const kept = await sessionWith(token, ["collected.js", "shared.js", "old.js"]);
    const gone = await sessionWith(token, ["forgotten.js"]);
    const sharedWhole = await sessionWith(token, ["whole.js"]);
    const recent = await sessionWith(token, ["recent.js"]);
    const [collected, shared] = kept.artifacts as [Artifact, Artifact];
    const made = await call(token, "POST", "/api/collections", { name: "Keep" });
    const collection = ((await made.json()) as { collection: Collection }).collection;
    await call(token, "PUT", `/api/collections/${collection.id}/artifacts/${collected.id}`);
    await call(token, "POST", "/api/shares", { kind: "artifact", sessionId: kept.id, artifactId: shared.id });
    await call(token, "POST", "/api/shares", { kind: "session", sessionId: sharedWhole.id });
    for (const session of [kept, gone, sharedWhole]) await idleFor(workspaceId, session.id, 40);
    await idleFor(workspaceId, recent.id, 10);

    await call(token, "PUT", "/api/settings", { retentionDays: 30 });
    await runRetention(workspaceId, [kept.id, gone.id, sharedWhole.id, recent.id]);

    const keptArtifacts = (await listed(
      token,
      `/api/sessions/${kept.id}/artifacts`,
      "artifacts",
    )) as Artifact[];
    expect(keptArtifacts.map((a) => a.title).sort()).toEqual(["collected.js", "shared.js"]);
    expect(await listed(token, `/api/sessions/${kept.id}/messages`, "messages")).toEqual([]);
    // Left with nothing, the session itself is deleted.
    expect(await listed(token, `/api/sessions/${gone.id}/artifacts`, "artifacts")).toBeNull();
    const sessions = (await listed(token, "/api/sessions", "sessions")) as SessionSummary[];
    expect(sessions.map((s) => s.id).sort()).toEqual([kept.id, sharedWhole.id, recent.id].sort());
    for (const untouched of [sharedWhole, recent]) {
      expect(await listed(token, `/api/sessions/${untouched.id}/artifacts`, "artifacts")).toHaveLength(1);
      expect(
        (await listed(token, `/api/sessions/${untouched.id}/messages`, "messages")) as Message[],
      ).toHaveLength(1);
    }
    // The library holds what is left, and no more.
    const library = (await listed(token, "/api/artifacts", "artifacts")) as Artifact[];
    expect(library.map((a) => a.title).sort()).toEqual([
      "collected.js",
      "recent.js",
      "shared.js",
      "whole.js",
    ]);
  });

  it("works in batches, the alarm running again while there is more", async () => {
    const { token, workspaceId } = await newWorkspace();
    const names = Array.from({ length: 600 }, (_, i) => `f${i}.js`);
    const big = await sessionWith(token, names);
    await idleFor(workspaceId, big.id, 40);
    await call(token, "PUT", "/api/settings", { retentionDays: 30 });
    const stub = env.WORKSPACE.getByName(workspaceId);
    await runDurableObjectAlarm(stub);
    await settled(big.id);
    // The first batch took 500; the alarm is due again at once for the rest.
    expect(await listed(token, `/api/sessions/${big.id}/artifacts?limit=500`, "artifacts")).toHaveLength(100);
    const next = (await runInDurableObject(stub, (_, state) => state.storage.getAlarm())) as number;
    expect(next).toBeLessThan(Date.now() + 5000);
    await runRetention(workspaceId, [big.id]);
    expect(await listed(token, `/api/sessions/${big.id}/artifacts`, "artifacts")).toBeNull();
  });

  it("does nothing once turned off", async () => {
    const { token, workspaceId } = await newWorkspace();
    const old = await sessionWith(token, ["old.js"]);
    await idleFor(workspaceId, old.id, 400);
    await call(token, "PUT", "/api/settings", { retentionDays: 30 });
    await call(token, "PUT", "/api/settings", { retentionDays: null });
    const stub = env.WORKSPACE.getByName(workspaceId);
    expect(await runInDurableObject(stub, (_, state) => state.storage.getAlarm())).toBeNull();
    await runDurableObjectAlarm(stub);
    expect(await listed(token, `/api/sessions/${old.id}/artifacts`, "artifacts")).toHaveLength(1);
  });
});
