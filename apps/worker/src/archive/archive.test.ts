import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type {
  Artifact,
  Collection,
  FolioExport,
  ImportEvent,
  ImportSummary,
  Message,
  SessionSummary,
} from "@folio/protocol";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace, type Workspace } from "../../test/client.js";
import conversations from "../../test/fixtures/chatgpt-conversations.json";
import { importAnswer, settled } from "../../test/workspace-helpers.js";
import type { SessionImport } from "../session/archive-import.js";
import { createSession } from "../session/create-session.js";
import { sha256Hex } from "./digest.js";

const fence = "```";

async function exported(token: string, query = ""): Promise<Uint8Array> {
  const response = await apiAs(token, `/api/export${query}`);
  expect(response.status, response.status === 200 ? "" : await response.text()).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/zip");
  expect(response.headers.get("content-disposition")).toMatch(
    /^attachment; filename="folio-\w+-[\d-]+\.zip"$/,
  );
  return new Uint8Array(await response.arrayBuffer());
}

async function imported(token: string, body: BodyInit, type: string, query = ""): Promise<ImportSummary> {
  const response = await apiAs(token, `/api/import${query}`, {
    method: "POST",
    headers: { "content-type": type },
    body,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

const importZip = (token: string, zip: Uint8Array) => imported(token, zip, "application/zip");

function manifestOf(zip: Uint8Array): FolioExport {
  return JSON.parse(new TextDecoder().decode(unzipSync(zip)["folio.json"])) as FolioExport;
}

async function sessions(token: string): Promise<SessionSummary[]> {
  return ((await (await apiAs(token, "/api/sessions")).json()) as { sessions: SessionSummary[] }).sessions;
}

async function collections(token: string): Promise<Collection[]> {
  return ((await (await apiAs(token, "/api/collections")).json()) as { collections: Collection[] })
    .collections;
}

/**
 * A workspace with what an export must keep: two sessions, a revision by the model, an edit and a restore (four
 * versions), a renamed session, text that is not ASCII (and a byte-order mark), and a collection.
 */
async function seeded(): Promise<Workspace & { sessionIds: string[]; artifacts: Artifact[] }> {
  const workspace = await newWorkspace();
  const { token } = workspace;
  const first = await newSession(token);
  const [page] = (
    await importAnswer(token, first, `A page:\n\n${fence}html index.html\n<h1>Hello</h1>\n${fence}\n`)
  ).artifacts as [Artifact];
  await importAnswer(
    token,
    first,
    `Bluer:\n\n${fence}html index.html\n<h1 style="color:blue">Hello</h1>\n${fence}\n`,
  );
  await call(token, "PATCH", `/api/sessions/${first}/artifacts/${page.id}`, { content: "<h1>Edited</h1>\n" });
  await call(token, "POST", `/api/sessions/${first}/artifacts/${page.id}/versions/1/restore`);
  await call(token, "PATCH", `/api/sessions/${first}`, { title: "Landing page" });
  const second = await newSession(token);
  const { artifacts } = await importAnswer(
    token,
    second,
    `Two files:\n\n${fence}python greet.py\nprint("héllo, wörld — 你好 🎉")\n${fence}\n\n${fence}css\n\uFEFFbody { color: red; }\n${fence}\n`,
  );
  await call(token, "PATCH", `/api/sessions/${second}`, { title: "Two files" });
  await settled(first);
  await settled(second);
  const made = await call(token, "POST", "/api/collections", { name: "Keepers", description: "the best" });
  const keepers = ((await made.json()) as { collection: Collection }).collection;
  for (const id of [page.id, (artifacts[0] as Artifact).id]) {
    await call(token, "PUT", `/api/collections/${keepers.id}/artifacts/${id}`);
  }
  return { ...workspace, sessionIds: [first, second], artifacts: [page, ...artifacts] };
}

/** A manifest with its ids and times of export replaced by what they stand for, to compare two workspaces'. */
function comparable(manifest: FolioExport) {
  const artifactNames = new Map<string, string>();
  const sessions = manifest.sessions.map((session) => {
    const messageNames = new Map(session.messages.map((message, i) => [message.id, `m${i}`]));
    return {
      title: session.title,
      folder: session.folder,
      messages: session.messages.map(({ id, ...message }) => message),
      artifacts: session.artifacts.map((artifact) => {
        artifactNames.set(artifact.id, artifact.versions.at(-1)?.path as string);
        return {
          messageId: artifact.messageId === null ? null : messageNames.get(artifact.messageId),
          createdAt: artifact.createdAt,
          versions: artifact.versions.map((version) => ({
            ...version,
            messageId: version.messageId === null ? null : messageNames.get(version.messageId),
          })),
        };
      }),
    };
  });
  const collections = manifest.collections.map(({ id, createdAt, artifactIds, ...collection }) => ({
    ...collection,
    artifacts: artifactIds.map((id) => artifactNames.get(id)),
  }));
  return { sessions, collections };
}

/** A Folio export written by hand: one session per content, each with one artifact whose only version it is. */
async function handMadeExport(contents: string[]): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const sessions = await Promise.all(
    contents.map(async (content, i) => {
      const path = `s${i}/part.txt`;
      files[path] = strToU8(content);
      return {
        id: `session-${i}`,
        title: `Session ${i}`,
        createdAt: i,
        folder: `s${i}`,
        messages: [],
        artifacts: [
          {
            id: `artifact-${i}`,
            messageId: null,
            createdAt: i,
            versions: [
              {
                version: 1,
                title: "part.txt",
                description: null,
                type: "code" as const,
                language: "text",
                metadata: {},
                createdAt: i,
                source: "import" as const,
                messageId: null,
                restoredFrom: null,
                path,
                bytes: files[path]?.length ?? 0,
                sha256: await sha256Hex(content),
              },
            ],
          },
        ],
      };
    }),
  );
  const manifest: FolioExport = {
    format: "folio-export",
    version: 1,
    exportedAt: 0,
    scope: "workspace",
    sessions,
    collections: [],
  };
  return zipSync({ ...files, "folio.json": strToU8(JSON.stringify(manifest)) });
}

/** The zip with the deflated data of the file at `path` made invalid (its first block of a type that does not exist). */
function damaged(zip: Uint8Array, path: string): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const name = strToU8(path);
  for (let at = 0; at + 30 < copy.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const found = copy.subarray(at + 30, at + 30 + nameLength);
    if (found.length === name.length && found.every((byte, i) => byte === name[i])) {
      copy[at + 30 + nameLength + extraLength] = 0b111; // final block, type 3: invalid
      return copy;
    }
  }
  throw new Error(`${path} is not in the zip`);
}

describe("export", () => {
  it("is a zip of every version as a file, named from its title, in a folder per session, with folio.json", async () => {
    const { token } = await seeded();
    const zip = await exported(token);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      "Landing page/index.html",
      "Landing page/versions/index.v1.html",
      "Landing page/versions/index.v2.html",
      "Landing page/versions/index.v3.html",
      "Two files/CSS-snippet-2.css",
      "Two files/greet.py",
      "folio.json",
    ]);
    const text = (path: string) =>
      new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(files[path]);
    expect(text("Landing page/index.html")).toBe("<h1>Hello</h1>\n");
    expect(text("Landing page/versions/index.v3.html")).toBe("<h1>Edited</h1>\n");
    expect(text("Two files/CSS-snippet-2.css")).toBe("\uFEFFbody { color: red; }\n");

    const manifest = manifestOf(zip);
    expect(manifest).toMatchObject({ format: "folio-export", version: 1, scope: "workspace" });
    const [landing] = manifest.sessions;
    expect(landing?.title).toBe("Landing page");
    expect(landing?.messages.map((message) => message.role)).toEqual(["assistant", "assistant"]);
    expect(landing?.artifacts[0]?.versions.map((version) => [version.version, version.source])).toEqual([
      // Answers posted over REST are imports; "Bluer" revised the page.
      [1, "import"],
      [2, "model"],
      [3, "edit"],
      [4, "restore"],
    ]);
    expect(landing?.artifacts[0]?.versions[3]?.restoredFrom).toBe(1);
    expect(manifest.collections).toMatchObject([{ name: "Keepers", description: "the best" }]);
    expect(manifest.collections[0]?.artifactIds).toHaveLength(2);
  });

  it("of a session, a collection or a selection holds only that, and none of another workspace", async () => {
    const { token, sessionIds, artifacts } = await seeded();
    const [first] = sessionIds as [string, string];
    const [, greet, css] = artifacts as [Artifact, Artifact, Artifact];

    const session = manifestOf(await exported(token, `?sessionId=${first}`));
    expect(session.scope).toBe("session");
    expect(session.sessions.map((s) => s.title)).toEqual(["Landing page"]);

    const [keepers] = await collections(token);
    const collection = manifestOf(await exported(token, `?collectionId=${keepers?.id}`));
    expect(collection.sessions.map((s) => [s.title, s.artifacts.length, s.messages.length])).toEqual([
      ["Landing page", 1, 0],
      ["Two files", 1, 0],
    ]);

    const selection = manifestOf(await exported(token, `?artifactId=${greet.id}&artifactId=${css.id}`));
    expect(selection.sessions.flatMap((s) => s.artifacts.map((a) => a.versions[0]?.path))).toEqual([
      "Two files/greet.py",
      "Two files/CSS-snippet-2.css",
    ]);
    expect(selection.collections.map((c) => c.artifactIds)).toEqual([[greet.id]]);

    const stranger = await newWorkspace();
    expect((await apiAs(stranger.token, `/api/export?sessionId=${first}`)).status).toBe(404);
    expect((await apiAs(stranger.token, `/api/export?artifactId=${greet.id}`)).status).toBe(404);
    expect(manifestOf(await exported(stranger.token)).sessions).toEqual([]);
    const both = await apiAs(token, `/api/export?sessionId=${first}&collectionId=${keepers?.id}`);
    expect(both.status).toBe(400);
  });
});

describe("import of a Folio export", () => {
  it("reproduces a workspace exactly: every version, byte for byte, its messages and its collections", async () => {
    const source = await seeded();
    const zip = await exported(source.token);
    const target = await newWorkspace();
    const summary = await importZip(target.token, zip);
    expect(summary.sessions.map((s) => [s.title, s.status, s.messages, s.artifacts, s.versions])).toEqual([
      ["Landing page", "added", 2, 1, 4],
      ["Two files", "added", 1, 2, 2],
    ]);
    expect(summary.collections).toEqual({ added: 1, items: 2 });

    const again = await exported(target.token);
    expect(comparable(manifestOf(again))).toEqual(comparable(manifestOf(zip)));
    const before = unzipSync(zip);
    const after = unzipSync(again);
    for (const path of Object.keys(before).filter((path) => path !== "folio.json")) {
      expect(after[path], path).toEqual(before[path]);
    }
    expect((await sessions(target.token)).map((s) => s.title).sort()).toEqual(["Landing page", "Two files"]);
  });

  it("twice adds nothing, and into the workspace it came from adds nothing", async () => {
    const source = await seeded();
    const zip = await exported(source.token);
    const target = await newWorkspace();
    await importZip(target.token, zip);
    const twice = await importZip(target.token, zip);
    expect(twice.sessions.map((s) => s.status)).toEqual(["skipped", "skipped"]);
    expect(twice.collections).toEqual({ added: 0, items: 0 });
    expect(await sessions(target.token)).toHaveLength(2);
    expect((await collections(target.token)).map((c) => c.artifactCount)).toEqual([2]);

    const home = await importZip(source.token, zip);
    expect(home.sessions.map((s) => [s.status, s.sessionId])).toEqual(
      source.sessionIds.map((id) => ["skipped", id]),
    );
    expect(await sessions(source.token)).toHaveLength(2);
  });

  it("reports a session imported before from a different export as a conflict, and changes nothing", async () => {
    const source = await seeded();
    const zip = await exported(source.token);
    const target = await newWorkspace();
    const first = await importZip(target.token, zip);
    const files = unzipSync(zip);
    const manifest = manifestOf(zip);
    (manifest.sessions[0]?.messages[0] as { content: string }).content = "Changed since";
    files["folio.json"] = strToU8(JSON.stringify(manifest));
    const changed = await importZip(target.token, zipSync(files));
    expect(changed.sessions.map((s) => s.status)).toEqual(["conflict", "skipped"]);
    expect(changed.sessions[0]?.sessionId).toBe(first.sessions[0]?.sessionId);
    expect(await sessions(target.token)).toHaveLength(2);
  });

  it("imports sessions more than one unpacking pass holds (8 MiB), each with its exact content", async () => {
    // Twelve sessions of 0.95 MiB each unpack in two passes over the zip, not twelve.
    const contents = Array.from({ length: 12 }, (_, i) =>
      `${i}`.padEnd(1_000_000, String.fromCharCode(97 + i)),
    );
    const target = await newWorkspace();
    const summary = await importZip(target.token, await handMadeExport(contents));
    expect(summary.sessions.map((s) => [s.title, s.status, s.versions])).toEqual(
      contents.map((_, i) => [`Session ${i}`, "added", 1]),
    );
    const files = unzipSync(await exported(target.token));
    const kept = manifestOf(await exported(target.token)).sessions.map((session) => {
      const path = session.artifacts[0]?.versions[0]?.path as string;
      return [session.title, new TextDecoder().decode(files[path])];
    });
    expect(
      kept.sort(([a], [b]) => (a as string).localeCompare(b as string, "en", { numeric: true })),
    ).toEqual(contents.map((content, i) => [`Session ${i}`, content]));
  });

  it("fails only the session whose file is damaged, whichever sessions are unpacked with it", async () => {
    const zip = damaged(await handMadeExport(["first\n", "second\n", "third\n"]), "s1/part.txt");
    const target = await newWorkspace();
    const summary = await importZip(target.token, zip);
    expect(summary.sessions.map((s) => s.status)).toEqual(["added", "failed", "added"]);
    expect(summary.sessions[1]?.error).toBe("the archive is damaged: s1/part.txt does not unpack");
    expect((await sessions(target.token)).map((s) => s.title).sort()).toEqual(["Session 0", "Session 2"]);
  });

  it("refuses the rest of an archive once more than 8 of its files will not unpack", async () => {
    let zip = await handMadeExport(Array.from({ length: 12 }, (_, i) => `session ${i}\n`));
    for (let i = 2; i < 12; i++) zip = damaged(zip, `s${i}/part.txt`);
    const target = await newWorkspace();
    const summary = await importZip(target.token, zip);
    expect(summary.sessions.map((s) => s.status)).toEqual(Array(12).fill("failed"));
    expect(summary.sessions.every((s) => /the archive is damaged/.test(s.error ?? ""))).toBe(true);
    expect(await sessions(target.token)).toEqual([]);
  });

  it("refuses a session whose files do not match the manifest, keeping nothing of it, and imports the rest", async () => {
    const source = await seeded();
    const files = unzipSync(await exported(source.token));
    files["Two files/greet.py"] = strToU8('print("tampered")\n');
    const target = await newWorkspace();
    const summary = await importZip(target.token, zipSync(files));
    expect(summary.sessions.map((s) => s.status)).toEqual(["added", "failed"]);
    expect(summary.sessions[1]?.error).toMatch(/greet\.py .*SHA-256/);
    expect((await sessions(target.token)).map((s) => s.title)).toEqual(["Landing page"]);
  });

  it.each([
    ["a file that is not a zip", strToU8("PK\u0003\u0004 not really"), /^not a zip archive$/],
    ["a zip with no folio.json", zipSync({ "a.txt": strToU8("hi") }), /no folio\.json/],
    [
      "a manifest of another format",
      zipSync({ "folio.json": strToU8('{"format":"folio-export","version":9}') }),
      /folio\.json/,
    ],
    [
      "a manifest naming a file out of the archive",
      zipSync({
        "folio.json": strToU8(
          JSON.stringify({
            format: "folio-export",
            version: 1,
            exportedAt: 0,
            scope: "session",
            collections: [],
            sessions: [{ id: "s", title: "x", createdAt: 0, folder: "../..", messages: [], artifacts: [] }],
          }),
        ),
      }),
      /relative path/,
    ],
  ])("refuses %s with a typed error and changes nothing", async (_, body, message) => {
    const target = await newWorkspace();
    const response = await apiAs(target.token, "/api/import", {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body,
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("invalid_message");
    expect(error.message).toMatch(message);
    expect(await sessions(target.token)).toEqual([]);
  });

  it("refuses a body over the limit before reading it all", async () => {
    const target = await newWorkspace();
    const response = await apiAs(target.token, "/api/import", {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: new Uint8Array(33 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it("tells its progress line by line when asked for NDJSON", async () => {
    const source = await seeded();
    const zip = await exported(source.token);
    const target = await newWorkspace();
    const response = await apiAs(target.token, "/api/import", {
      method: "POST",
      headers: { "content-type": "application/zip", accept: "application/x-ndjson" },
      body: zip,
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const events = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ImportEvent);
    expect(events.map((event) => (event.type === "session" ? `session ${event.done}` : event.type))).toEqual([
      "start",
      "session 1",
      "session 2",
      "done",
    ]);
    expect(events[0]).toEqual({ type: "start", total: 2 });
  });
});

describe("an import written into a session", () => {
  it("is one transaction: a write that fails halfway leaves nothing", async () => {
    const { workspaceId } = await newWorkspace();
    const { sessionId } = await createSession(env, workspaceId);
    const stub = env.SESSION.getByName(sessionId);
    // Breaks the table the artifact's earlier versions go to: the messages before it are written first.
    await runInDurableObject(stub, (_, state) => state.storage.sql.exec("DROP TABLE artifact_versions"));
    const version = {
      version: 1,
      title: "a.js",
      description: null,
      type: "javascript" as const,
      content: "one",
      language: "javascript",
      metadata: {},
      createdAt: 1,
      source: "model" as const,
      messageId: "1",
      restoredFrom: null,
    };
    const payload: SessionImport = {
      messages: [{ id: "1", role: "assistant", content: "an answer", status: "complete", createdAt: 1 }],
      artifacts: [
        { messageId: "1", createdAt: 1, versions: [version, { ...version, version: 2, content: "two" }] },
      ],
      extractBlocks: false,
    };
    const result = await stub.importArchive(workspaceId, payload, "a digest");
    // What failed (the table the write needed) goes to the log, not to the client.
    expect(result).toEqual({
      ok: false,
      error: { code: "internal", message: "the session could not be stored" },
    });
    const counts = await runInDurableObject(stub, (_, state) => ({
      messages: state.storage.sql.exec("SELECT COUNT(*) AS n FROM chat_messages").one().n,
      artifacts: state.storage.sql.exec("SELECT COUNT(*) AS n FROM artifacts").one().n,
    }));
    expect(counts).toEqual({ messages: 0, artifacts: 0 });
  });
});

describe("import of a ChatGPT export", () => {
  it("makes a session per conversation of its shown branch, and artifacts of its answers' code blocks", async () => {
    const { token } = await newWorkspace();
    const summary = await imported(token, JSON.stringify(conversations), "application/json");
    expect(summary.sessions.map((s) => [s.title, s.status, s.messages, s.artifacts, s.versions])).toEqual([
      ["Counter button", "added", 4, 1, 2],
      ["SQL for top customers", "added", 2, 1, 1],
    ]);
    const counter = summary.sessions[0]?.sessionId as string;
    const messages = (
      (await (await apiAs(token, `/api/sessions/${counter}/messages`)).json()) as {
        messages: Message[];
      }
    ).messages;
    // The system prompt, the abandoned "make it red" branch and tool output are not part of it.
    expect(messages.map((message) => [message.role, message.content.split("\n")[0]])).toEqual([
      ["user", "Write a React counter button."],
      ["assistant", "Here is a counter:"],
      ["user", "Make the button blue."],
      ["assistant", "Now blue:"],
    ]);
    expect(messages[0]?.createdAt).toBe(1714000001000);
    const { artifacts } = (await (await apiAs(token, `/api/sessions/${counter}/artifacts`)).json()) as {
      artifacts: Artifact[];
    };
    // "Make it blue" revised the counter: one artifact, two versions.
    expect(artifacts.map((a) => [a.type, a.version])).toEqual([["react-component", 2]]);
    expect(artifacts[0]?.content).toContain('background: "blue"');

    const twice = await imported(token, JSON.stringify(conversations), "application/json");
    expect(twice.sessions.map((s) => s.status)).toEqual(["skipped", "skipped"]);
  });

  it("refuses a conversation that is not one, and imports the others", async () => {
    const { token } = await newWorkspace();
    const summary = await imported(
      token,
      JSON.stringify([{ title: "broken" }, conversations[1]]),
      "application/json",
    );
    expect(summary.sessions.map((s) => s.status)).toEqual(["failed", "added"]);
    expect(summary.sessions[0]?.error).toMatch(/not a ChatGPT conversation/);
    expect(await sessions(token)).toHaveLength(1);
  });
});

describe("import of a markdown transcript", () => {
  it("splits it into turns at the speakers' labels, never inside a code block", async () => {
    const { token } = await newWorkspace();
    const transcript = [
      "# Fixing the build",
      "",
      "## User",
      "Why does this fail?",
      "",
      "## Assistant",
      "Because of the label below, which is code:",
      "",
      `${fence}yaml ci.yml`,
      "User: not a turn",
      "steps: [build]",
      fence,
      "",
      "**You:** Thanks!",
    ].join("\n");
    const summary = await imported(token, transcript, "text/markdown");
    expect(summary.sessions.map((s) => [s.title, s.status, s.messages, s.artifacts])).toEqual([
      ["Fixing the build", "added", 3, 1],
    ]);
    const id = summary.sessions[0]?.sessionId as string;
    const { messages } = (await (await apiAs(token, `/api/sessions/${id}/messages`)).json()) as {
      messages: Message[];
    };
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[1]?.content).toContain("User: not a turn");
    expect(messages[2]?.content).toBe("Thanks!");
    const again = await imported(token, transcript, "text/markdown");
    expect(again.sessions[0]?.status).toBe("skipped");
  });

  it("is one answer when it names no speakers, titled as asked", async () => {
    const { token } = await newWorkspace();
    const summary = await imported(
      token,
      `${fence}js\nconsole.log(1);\n${fence}\n`,
      "text/plain",
      "?format=markdown&title=Snippets",
    );
    expect(summary.sessions.map((s) => [s.title, s.messages, s.artifacts])).toEqual([["Snippets", 1, 1]]);
  });
});
