import { env } from "cloudflare:workers";
import type { ImportSummary, SessionSummary } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { apiAs, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer, settled, wholeLibrary } from "../../test/workspace-helpers.js";
import { createSession } from "../session/create-session.js";
import { readFolioExport } from "./folio-import.js";

const fence = "```";

async function exportOfOneSession(): Promise<Uint8Array> {
  const { token } = await newWorkspace();
  const sessionId = await newSession(token);
  await importAnswer(
    token,
    sessionId,
    `${fence}js\none();\n${fence}\n\n${fence}css\na { color: red }\n${fence}\n`,
  );
  await settled(sessionId);
  return new Uint8Array(await (await apiAs(token, "/api/export")).arrayBuffer());
}

async function importZip(token: string, zip: Uint8Array): Promise<ImportSummary> {
  const response = await apiAs(token, "/api/import", {
    method: "POST",
    headers: { "content-type": "application/zip" },
    body: zip,
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function sessionsOf(token: string): Promise<SessionSummary[]> {
  return ((await (await apiAs(token, "/api/sessions")).json()) as { sessions: SessionSummary[] }).sessions;
}

describe("an import is written once, whatever is retried or raced", () => {
  it("adds one copy when the same zip is posted twice at once", async () => {
    const zip = await exportOfOneSession();
    const { token } = await newWorkspace();
    const [first, second] = await Promise.all([importZip(token, zip), importZip(token, zip)]);
    const made = await sessionsOf(token);
    expect(made).toHaveLength(1);
    // Both name the one session; neither made another.
    for (const summary of [first, second]) expect(summary.sessions[0]?.sessionId).toBe(made[0]?.id);
    await settled(made[0]?.id as string);
    expect(await wholeLibrary(token)).toHaveLength(2);
  });

  it("adds nothing when a request cut off after its session was written is retried", async () => {
    const zip = await exportOfOneSession();
    const { token, workspaceId } = await newWorkspace();
    // What a request does up to the session's write, and no further (it was cut off there).
    const batch = await readFolioExport(zip);
    if (!batch.ok) throw new Error(batch.error.message);
    const [source] = batch.value.sources;
    if (!source) throw new Error("no session in the export");
    const workspace = env.WORKSPACE.getByName(workspaceId);
    const reserved = await workspace.reserveImport(source.origin, source.digest, source.exportedSessionId);
    if (reserved.kind !== "reserved") throw new Error(`reserved: ${reserved.kind}`);
    await createSession(env, workspaceId, reserved.sessionId);
    const payload = await source.read();
    if (!payload.ok) throw new Error(payload.error.message);
    const written = await env.SESSION.getByName(reserved.sessionId).importArchive(
      workspaceId,
      payload.value,
      source.digest,
    );
    expect(written.ok).toBe(true);

    const retried = await importZip(token, zip);
    expect(
      retried.sessions.map(({ status, sessionId, artifacts }) => [status, sessionId, artifacts]),
    ).toEqual([["added", reserved.sessionId, 2]]);
    expect(await sessionsOf(token)).toHaveLength(1);
    await settled(reserved.sessionId);
    expect(await wholeLibrary(token)).toHaveLength(2);
    // Done now: a third time is skipped.
    expect((await importZip(token, zip)).sessions[0]?.status).toBe("skipped");
  });
});
