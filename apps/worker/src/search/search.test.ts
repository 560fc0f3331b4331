import type { Artifact, SearchResponse } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { api, apiAs, connect, newSession, newWorkspace, postJson } from "../../test/client.js";
import { importAnswer, settled } from "../../test/workspace-helpers.js";

const fence = "```";
const block = (info: string, code: string) => `${fence}${info}\n${code}${fence}\n`;

async function seed(answer: string): Promise<{ sessionId: string; artifacts: Artifact[] }> {
  const sessionId = await newSession();
  const response = await postJson(`/api/sessions/${sessionId}/messages`, {
    role: "assistant",
    content: answer,
  });
  expect(response.status).toBe(201);
  return { sessionId, ...((await response.json()) as { artifacts: Artifact[] }) };
}

async function search(sessionId: string, query: string): Promise<SearchResponse> {
  const response = await api(`/api/sessions/${sessionId}/artifacts?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

const titles = (found: SearchResponse) => found.results.map((result) => result.artifact.title);

/** A realistic answer: a page, its script and its styles, and a query. */
const PROJECT = [
  block("html index.html", "<!doctype html>\n<title>Todo list</title>\n<ul id=todos></ul>\n"),
  block(
    "js todos.js",
    "const todos = [];\nfunction addTodo(text) {\n  todos.push({ text, done: false });\n}\n",
  ),
  block("css todos.css", "#todos li.done { text-decoration: line-through; }\n"),
  block("sql schema.sql", "CREATE TABLE todos (id INTEGER PRIMARY KEY, text TEXT, done BOOLEAN);\n"),
  block("python fizzbuzz.py", "for i in range(1, 101):\n    print('Fizz' * (i % 3 == 0) or i)\n"),
].join("\n");

describe("search in a session", () => {
  it("ranks matches best first, a title above a mention in code, with highlighted snippets", async () => {
    const { sessionId } = await seed(PROJECT);
    const found = await search(sessionId, "q=todos");
    // Each of the four mentions it; the ones named for it first.
    expect(titles(found).slice(0, 2).sort()).toEqual(["todos.css", "todos.js"]);
    expect(titles(found).sort()).toEqual(["index.html", "schema.sql", "todos.css", "todos.js"]);
    const ranks = found.results.map((result) => result.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(found.nextCursor).toBeNull();
    for (const { snippet, highlights } of found.results) {
      expect(highlights.length).toBeGreaterThan(0);
      for (const [start, end] of highlights)
        expect(snippet.slice(start, end).toLowerCase()).toMatch(/^todos?/);
    }
    const sql = found.results.find((result) => result.artifact.title === "schema.sql");
    expect(sql?.snippet).toContain("CREATE TABLE todos (id INTEGER");
  });

  it("matches words as prefixes as they are typed, all of them required", async () => {
    const { sessionId } = await seed(PROJECT);
    expect(titles(await search(sessionId, "q=addTo"))).toEqual(["todos.js"]);
    expect(titles(await search(sessionId, "q=fizz"))).toEqual(["fizzbuzz.py"]);
    expect(titles(await search(sessionId, "q=todos+line"))).toEqual(["todos.css"]);
    expect(titles(await search(sessionId, "q=todos+python"))).toEqual([]);
    // Case and accents do not matter.
    expect(titles(await search(sessionId, "q=FIZZBÚZZ"))).toEqual(["fizzbuzz.py"]);
  });

  it("takes any text as a query: FTS syntax is never read as syntax, and a query without words finds nothing", async () => {
    const { sessionId } = await seed(PROJECT);
    const all = ["index.html", "schema.sql", "todos.css", "todos.js"];
    // Each query's words, and only those, are required.
    const queries: [string, string[]][] = [
      ['"', []],
      ['"unbalanced', []],
      ["todos*", all],
      ["todos OR", []],
      ["NEAR(todos, text)", []],
      ["todos, text", ["schema.sql", "todos.css", "todos.js"]],
      // Not a column filter (that would find the files named todos): two words, both in the page.
      ["title:todos", ["index.html"]],
      ["-todos", all],
      ["^todos", all],
      ["(todos", all],
      ["todos)", all],
      ["{todos}", all],
      ["todos; DROP TABLE artifacts; --", []],
      ["'", []],
      ["*", []],
      ["\u0000", []],
      ["\uE000", []],
      ["💥 todos", all],
    ];
    for (const [text, expected] of queries) {
      const found = await search(sessionId, new URLSearchParams({ q: text }).toString());
      expect(titles(found).sort(), text).toEqual(expected);
    }
    // "NOT" is a word like any other, not an operator.
    expect(titles(await search(sessionId, "q=todos+NOT+fizz"))).toEqual([]);
    expect(titles(await search(sessionId, "q=%20%20"))).toEqual([]);
  });

  it("filters by type, language and creation time", async () => {
    const { sessionId, artifacts } = await seed(PROJECT);
    expect(titles(await search(sessionId, "q=todos&language=css"))).toEqual(["todos.css"]);
    expect(titles(await search(sessionId, "q=todos&type=html"))).toEqual(["index.html"]);
    const createdAt = artifacts[0]?.createdAt as number;
    expect(titles(await search(sessionId, `q=todos&since=${createdAt + 1}`))).toEqual([]);
    expect((await search(sessionId, `q=todos&until=${createdAt}`)).results).toHaveLength(4);
  });

  it("pages results with a cursor, and refuses a cursor it never issued", async () => {
    const answer = Array.from({ length: 25 }, (_, i) => block(`js part${i}.js`, `// widget ${i}\n`)).join(
      "\n",
    );
    const { sessionId } = await seed(answer);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const found = await search(sessionId, `q=widget&limit=10${cursor === null ? "" : `&cursor=${cursor}`}`);
      expect(found.results.length).toBeLessThanOrEqual(10);
      seen.push(...found.results.map((result) => result.artifact.id));
      cursor = found.nextCursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(25);
    const bad = await api(`/api/sessions/${sessionId}/artifacts?q=widget&cursor=bm90LWEtY3Vyc29y`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_message" } });
    // A listing's cursor is not a search's.
    const listing = (await (await api(`/api/sessions/${sessionId}/artifacts?limit=1`)).json()) as {
      nextCursor: string;
    };
    expect(
      (await api(`/api/sessions/${sessionId}/artifacts?q=widget&cursor=${listing.nextCursor}`)).status,
    ).toBe(400);
  });

  it("follows every edit, restore and delete at once: it searches current versions only", async () => {
    const { sessionId, artifacts } = await seed(block("js counter.js", "let clicks = 0;\n"));
    const artifact = artifacts[0] as Artifact;
    const path = `/api/sessions/${sessionId}/artifacts/${artifact.id}`;
    await api(path, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "let taps = 0;\n", description: "Counts taps" }),
    });
    expect(titles(await search(sessionId, "q=clicks"))).toEqual([]);
    expect(titles(await search(sessionId, "q=taps"))).toEqual(["counter.js"]);
    expect((await search(sessionId, "q=counts")).results[0]?.snippet).toBe("Counts taps");
    await api(`${path}/versions/1/restore`, { method: "POST" });
    expect(titles(await search(sessionId, "q=clicks"))).toEqual(["counter.js"]);
    expect(titles(await search(sessionId, "q=taps"))).toEqual([]);
    await api(path, { method: "DELETE" });
    expect(titles(await search(sessionId, "q=clicks"))).toEqual([]);
  });

  it("answers search_artifacts over the socket, echoing the request", async () => {
    const { sessionId } = await seed(PROJECT);
    const socket = await connect(sessionId);
    socket.send({ type: "search_artifacts", query: "todo", artifactType: "javascript", requestId: "s1" });
    const frame = await socket.next("search_results", (f) => f.requestId === "s1");
    expect(frame.query).toBe("todo");
    expect(frame.results.map((result) => result.artifact.title).sort()).toEqual(["todos.js"]);
    expect(frame.nextCursor).toBeNull();
    socket.send({ type: "search_artifacts", query: "x", cursor: "nope", requestId: "s2" });
    expect(await socket.next("error", (f) => f.requestId === "s2")).toMatchObject({
      code: "invalid_message",
    });
    socket.send({ type: "search_artifacts", query: "x".repeat(1001), requestId: "s3" });
    expect(await socket.next("error", (f) => f.requestId === "s3")).toMatchObject({ code: "too_large" });
    socket.close();
  });

  it("finds nothing of another workspace's session, which it does not confirm exists", async () => {
    const { sessionId } = await seed(PROJECT);
    const stranger = await newWorkspace();
    const response = await apiAs(stranger.token, `/api/sessions/${sessionId}/artifacts?q=todos`);
    expect(response.status).toBe(404);
  });
});

describe("search across the workspace", () => {
  it("ranks every session's artifacts together, filters by session, and follows edits and deletes", async () => {
    const owner = await newWorkspace();
    const first = await newSession(owner.token);
    const second = await newSession(owner.token);
    await importAnswer(owner.token, first, PROJECT);
    const { artifacts } = await importAnswer(
      owner.token,
      second,
      block("js todos-api.js", "fetch('/todos');\n"),
    );
    await settled(first);
    await settled(second);
    const across = async (query: string): Promise<SearchResponse> => {
      const response = await apiAs(owner.token, `/api/artifacts?${query}`);
      expect(response.status).toBe(200);
      return response.json();
    };
    expect(titles(await across("q=todos")).sort()).toEqual([
      "index.html",
      "schema.sql",
      "todos-api.js",
      "todos.css",
      "todos.js",
    ]);
    expect(titles(await across(`q=todos&sessionId=${second}`))).toEqual(["todos-api.js"]);
    expect(titles(await across("q=todos&type=sql"))).toEqual(["schema.sql"]);

    const edited = artifacts[0] as Artifact;
    await apiAs(owner.token, `/api/sessions/${second}/artifacts/${edited.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "client.js", content: "fetch('/tasks');\n" }),
    });
    await settled(second);
    expect(titles(await across(`q=todos&sessionId=${second}`))).toEqual([]);
    expect(titles(await across("q=tasks"))).toEqual(["client.js"]);
    await apiAs(owner.token, `/api/sessions/${second}/artifacts/${edited.id}`, { method: "DELETE" });
    await settled(second);
    expect(titles(await across("q=tasks"))).toEqual([]);
    await apiAs(owner.token, `/api/sessions/${first}`, { method: "DELETE" });
    expect(titles(await across("q=todos"))).toEqual([]);
    // Another workspace's search sees none of it.
    const stranger = await newWorkspace();
    await importAnswer(owner.token, second, block("js todos.js", "1\n"));
    await settled(second);
    const theirs = (await (await apiAs(stranger.token, "/api/artifacts?q=todos")).json()) as SearchResponse;
    expect(theirs.results).toEqual([]);
  });
});
