/** `script/db`: a read-only SQL shell over the state a server keeps, found by session or workspace id. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { FolioApi } from "../support/folio-client";
import { expect, test } from "../support/own-server";
import { fence } from "./helpers";

test.use({ trace: "off" });

/** script/db over the state directory `stateDir`. */
function dbShell(stateDir: string, ...args: string[]) {
  const run = spawnSync("bash", [join(import.meta.dirname, "../../script/db"), ...args], {
    encoding: "utf8",
    env: { ...process.env, FOLIO_STATE_DIR: stateDir },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test("script/db reads a session's and a workspace's SQLite by id, and writes nothing", async ({ server }) => {
  const db = (...args: string[]) => dbShell(server.stateDir, ...args);
  const api = await FolioApi.newWorkspace(server.url);
  const sessionId = await api.newSession();
  const imported = await api.call("POST", `/api/sessions/${sessionId}/messages`, {
    role: "assistant",
    content: `Two:\n\n${fence}sql title="one.sql"\nSELECT 1;\n${fence}\n\n${fence}py title="two.py"\nprint(2)\n${fence}\n`,
  });
  expect(imported.status).toBe(201);

  const listed = db("--list");
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain(`session    ${sessionId}`);
  expect(listed.stdout).toContain(`workspace  ${api.workspaceId}`);

  const tables = db(sessionId, "--tables");
  expect(tables.status, tables.stderr).toBe(0);
  expect(tables.stdout).toMatch(/^artifacts\s+2\s+id, session_id, message_id, title/m);
  expect(tables.stdout).toMatch(/^chat_messages\s+1\s/m);

  const rows = db(sessionId, "SELECT title, version, content FROM artifacts ORDER BY title", "--json");
  expect(rows.status, rows.stderr).toBe(0);
  expect(
    rows.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line)),
  ).toEqual([
    { title: "one.sql", version: "1", content: "SELECT 1;\n" },
    { title: "two.py", version: "1", content: "print(2)\n" },
  ]);
  const table = db(sessionId, "SELECT title FROM artifacts ORDER BY title");
  expect(table.stdout).toBe("title\n-------\none.sql\ntwo.py\n(2 rows)\n");

  // The workspace's own database, by its id: the session in its index.
  const index = db(api.workspaceId, "SELECT id, artifact_count FROM sessions", "--json");
  expect(JSON.parse(index.stdout)).toEqual({ id: sessionId, artifact_count: "2" });

  // Read-only: a write fails and changes nothing; a bad query or id says what is wrong.
  const write = db(sessionId, "DELETE FROM artifacts");
  expect(write.status).toBe(1);
  expect(write.stderr).toContain("attempt to write a readonly database");
  expect(await api.artifacts(sessionId)).toHaveLength(2);
  expect(db(sessionId, "SELEC nothing").stderr).toContain("syntax error");
  const unknown = db("no-such-id", "--tables");
  expect(unknown.status).toBe(1);
  expect(unknown.stderr).toContain('no session or workspace "no-such-id"');
});
