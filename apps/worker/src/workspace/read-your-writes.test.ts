/**
 * Read your writes: the workspace's index hears of a session's changes a moment after they are made (its outbox
 * reports in batches), yet every route that names an artifact the caller can already read over REST accepts it
 * at once, asking the artifact's session when the index has not caught up.
 */
import { describe, expect, it } from "vitest";
import { call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer } from "../../test/workspace-helpers.js";

const fence = "```";

interface Made {
  token: string;
  sessionId: string;
  artifactId: string;
}

/** A new artifact, answered by its REST write, which the index has not heard of yet. */
async function justMade(token: string, sessionId: string): Promise<string> {
  const { artifacts } = await importAnswer(
    token,
    sessionId,
    `${fence}js\nlet made = "${crypto.randomUUID()}";\n${fence}\n`,
  );
  return artifacts[0]?.id as string;
}

async function newCollection(token: string): Promise<string> {
  const response = await call(token, "POST", "/api/collections", { name: crypto.randomUUID() });
  return ((await response.json()) as { collection: { id: string } }).collection.id;
}

/** Each route, called the moment the artifact is made, and what its answer must be. */
const ROUTES: [string, (made: Made) => Promise<void>][] = [
  [
    "shared",
    async ({ token, sessionId, artifactId }) => {
      const response = await call(token, "POST", "/api/shares", { kind: "artifact", sessionId, artifactId });
      expect(response.status, await response.clone().text()).toBe(201);
    },
  ],
  [
    "put in a collection",
    async ({ token, sessionId, artifactId }) => {
      const collectionId = await newCollection(token);
      const path = `/api/collections/${collectionId}/artifacts/${artifactId}?sessionId=${sessionId}`;
      const response = await call(token, "PUT", path);
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await response.json()).toMatchObject({ collection: { artifactCount: 1 } });
    },
  ],
  [
    "counted as viewed",
    async ({ token, sessionId, artifactId }) => {
      const response = await call(token, "POST", "/api/usage", {
        events: [{ sessionId, artifactId, kind: "view" }],
      });
      expect(await response.json()).toEqual({ counted: 1 });
    },
  ],
  [
    "asked for its usage",
    async ({ token, sessionId, artifactId }) => {
      const response = await call(token, "GET", `/api/stats/artifacts/${artifactId}?sessionId=${sessionId}`);
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await response.json()).toMatchObject({ usage: { artifactId, sessionId, views: 0 } });
    },
  ],
  [
    "exported by its id",
    async ({ token, sessionId, artifactId }) => {
      const response = await call(
        token,
        "GET",
        `/api/export?sessionId=${sessionId}&artifactId=${artifactId}`,
      );
      expect(response.status, await response.clone().text()).toBe(200);
      await response.body?.cancel();
    },
  ],
];

describe("an artifact the caller has just made", () => {
  it.each(ROUTES)("can be %s at once, with no wait for the index", async (_, route) => {
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    await route({ token, sessionId, artifactId: await justMade(token, sessionId) });
  });

  it("is still not found through a session of another workspace", async () => {
    const mine = await newWorkspace();
    const theirs = await newWorkspace();
    const theirSession = await newSession(theirs.token);
    const artifactId = await justMade(theirs.token, theirSession);
    const share = await call(mine.token, "POST", "/api/shares", {
      kind: "artifact",
      sessionId: theirSession,
      artifactId,
    });
    expect(share.status).toBe(404);
    const collectionId = await newCollection(mine.token);
    const put = await call(
      mine.token,
      "PUT",
      `/api/collections/${collectionId}/artifacts/${artifactId}?sessionId=${theirSession}`,
    );
    expect(put.status).toBe(404);
    const usage = await call(mine.token, "POST", "/api/usage", {
      events: [{ sessionId: theirSession, artifactId, kind: "view" }],
    });
    expect(await usage.json()).toEqual({ counted: 0 });
  });
});
