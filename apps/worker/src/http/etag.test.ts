import { describe, expect, it } from "vitest";
import { api, newSession, postJson } from "../../test/client.js";

describe("conditional reads", () => {
  it("tag every JSON answer to a GET, and answer 304 with no body to a request naming the current tag", async () => {
    const sessionId = await newSession();
    await postJson(`/api/sessions/${sessionId}/messages`, {
      role: "assistant",
      content: "```js\nx()\n```\n",
    });
    const path = `/api/sessions/${sessionId}/artifacts`;
    const first = await api(path);
    const tag = first.headers.get("etag") as string;
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{24}"$/);
    expect((await api(path)).headers.get("etag")).toBe(tag);

    for (const ifNoneMatch of [tag, `W/${tag}`, `"other", ${tag}`, "*"]) {
      const again = await api(path, { headers: { "if-none-match": ifNoneMatch } });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.headers.get("etag")).toBe(tag);
      expect(await again.text()).toBe("");
    }
    expect((await api(path, { headers: { "if-none-match": '"stale"' } })).status).toBe(200);

    // A change is a new tag: the old one no longer matches.
    await postJson(`/api/sessions/${sessionId}/messages`, {
      role: "assistant",
      content: "```js\ny()\n```\n",
    });
    const changed = await api(path, { headers: { "if-none-match": tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
  });

  it("tag no error, and no answer to anything but a GET", async () => {
    const sessionId = await newSession();
    const missing = await api(`/api/sessions/${sessionId}/artifacts/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("etag")).toBeNull();
    const posted = await postJson(`/api/sessions/${sessionId}/messages`, {
      role: "assistant",
      content: "hi",
    });
    expect(posted.status).toBe(201);
    expect(posted.headers.get("etag")).toBeNull();
  });
});
