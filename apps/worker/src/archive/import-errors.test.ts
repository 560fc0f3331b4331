import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { FolioExport, ImportEvent, ImportSummary } from "@folio/protocol";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer, settled } from "../../test/workspace-helpers.js";

const fence = "```";

/** An export of a workspace of two sessions, one artifact each, the first in a collection. */
async function twoSessions(): Promise<Uint8Array> {
  const { token } = await newWorkspace();
  const ids: string[] = [];
  for (const name of ["one", "two"]) {
    const id = await newSession(token);
    const { artifacts } = await importAnswer(token, id, `${fence}js ${name}.js\nconsole.log(1);\n${fence}\n`);
    await settled(id);
    ids.push(id);
    if (name === "one") {
      const made = await call(token, "POST", "/api/collections", { name: "Keepers" });
      const { collection } = (await made.json()) as { collection: { id: string } };
      await call(token, "PUT", `/api/collections/${collection.id}/artifacts/${artifacts[0]?.id}`);
    }
  }
  return new Uint8Array(await (await apiAs(token, "/api/export")).arrayBuffer());
}

async function importInto(token: string, zip: Uint8Array, accept = "application/json"): Promise<Response> {
  return apiAs(token, "/api/import", {
    method: "POST",
    headers: { "content-type": "application/zip", accept },
    body: zip,
  });
}

/** A workspace whose own database has lost a table, so that what reads it throws. */
async function brokenWorkspace(table: string): Promise<string> {
  const { workspaceId, token } = await newWorkspace();
  await runInDurableObject(env.WORKSPACE.getByName(workspaceId), (_, state) => {
    state.storage.sql.exec(`DROP TABLE ${table}`);
  });
  return token;
}

describe("an import's failures say what happened, in a sentence of ours", () => {
  it.each(["constructor", "__proto__", "toString"])(
    "a manifest naming a file %s that the zip lacks fails that session, saying so",
    async (path) => {
      const files = unzipSync(await twoSessions());
      const manifest = JSON.parse(new TextDecoder().decode(files["folio.json"])) as FolioExport;
      const version = manifest.sessions[0]?.artifacts[0]?.versions[0];
      if (!version) throw new Error("the export has no version");
      delete files[version.path];
      version.path = path;
      files["folio.json"] = strToU8(JSON.stringify(manifest));
      const { token } = await newWorkspace();
      const summary = (await (await importInto(token, zipSync(files))).json()) as ImportSummary;
      expect(summary.sessions.map((s) => [s.status, s.error])).toEqual([
        ["failed", `${path} is in folio.json but not in the archive`],
        ["added", undefined],
      ]);
    },
  );

  it("a session the workspace cannot take fails with a sentence, never the exception's text", async () => {
    const zip = await twoSessions();
    const token = await brokenWorkspace("imports");
    const response = await importInto(token, zip);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as ImportSummary;
    expect(summary.sessions.map((s) => [s.status, s.error])).toEqual([
      ["failed", "the session could not be stored"],
      ["failed", "the session could not be stored"],
    ]);

    const streamed = await (await importInto(token, zip, "application/x-ndjson")).text();
    expect(streamed).not.toMatch(/SQLITE|no such table/i);
    const events = streamed
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ImportEvent);
    expect(events.map((event) => event.type)).toEqual(["start", "session", "session", "done"]);
  });

  it("an import that stops part way ends its progress with `internal` and a sentence", async () => {
    const zip = await twoSessions();
    const token = await brokenWorkspace("collections");
    const streamed = await (await importInto(token, zip, "application/x-ndjson")).text();
    expect(streamed).not.toMatch(/SQLITE|no such table/i);
    const events = streamed
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ImportEvent);
    expect(events.map((event) => (event.type === "session" ? event.session.status : event.type))).toEqual([
      "start",
      "added",
      "added",
      "error",
    ]);
    expect(events.at(-1)).toEqual({
      type: "error",
      code: "internal",
      message: "the import stopped part way: the sessions reported before this are imported",
    });
  });
});
