import type { Artifact, Collection, SearchResponse, WorkspaceFrame } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace, TestSocket } from "../../test/client.js";
import { importAnswer, settled } from "../../test/workspace-helpers.js";

const fence = "```";

async function collection(token: string, name: string, description?: string): Promise<Collection> {
  const response = await call(token, "POST", "/api/collections", { name, description });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { collection: Collection }).collection;
}

/** A workspace with one session of three artifacts. */
async function seeded() {
  const { token } = await newWorkspace();
  const sessionId = await newSession(token);
  const { artifacts } = await importAnswer(
    token,
    sessionId,
    [
      `${fence}js cart.js\nexport const cart = [];\n${fence}`,
      `${fence}css cart.css\n.cart { color: red; }\n${fence}`,
      `${fence}sql orders.sql\nSELECT * FROM orders;\n${fence}`,
    ].join("\n"),
  );
  await settled(sessionId);
  return { token, sessionId, artifacts: artifacts as [Artifact, Artifact, Artifact] };
}

describe("collections", () => {
  it("are made, named uniquely, renamed, described and deleted, leaving their artifacts where they are", async () => {
    const { token, artifacts } = await seeded();
    const shop = await collection(token, "Shop", "The storefront");
    expect(shop).toMatchObject({ name: "Shop", description: "The storefront", artifactCount: 0 });
    expect((await call(token, "POST", "/api/collections", { name: "  shop " })).status).toBe(409);
    const other = await collection(token, "Reports");
    expect((await call(token, "PATCH", `/api/collections/${other.id}`, { name: "SHOP" })).status).toBe(409);
    const renamed = await call(token, "PATCH", `/api/collections/${other.id}`, { description: "Monthly" });
    expect(((await renamed.json()) as { collection: Collection }).collection).toMatchObject({
      name: "Reports",
      description: "Monthly",
    });
    const listed = (await (await call(token, "GET", "/api/collections")).json()) as {
      collections: Collection[];
    };
    expect(listed.collections.map((c) => c.name)).toEqual(["Reports", "Shop"]);

    await call(token, "PUT", `/api/collections/${shop.id}/artifacts/${artifacts[0].id}`);
    expect((await call(token, "DELETE", `/api/collections/${shop.id}`)).status).toBe(204);
    expect((await call(token, "DELETE", `/api/collections/${shop.id}`)).status).toBe(404);
    expect((await call(token, "GET", `/api/collections/${shop.id}`)).status).toBe(404);
    const library = (await (await call(token, "GET", "/api/artifacts")).json()) as { artifacts: Artifact[] };
    expect(library.artifacts).toHaveLength(3);
  });

  it("refuse bad bodies with a typed error, changing nothing", async () => {
    const { token } = await seeded();
    const bad: [unknown, number][] = [
      [{}, 400],
      [{ name: "" }, 400],
      [{ name: "   " }, 400],
      [{ name: "x", color: "red" }, 400],
      [{ name: 3 }, 400],
      [{ name: "x".repeat(101) }, 413],
      [{ name: "x", description: "d".repeat(2001) }, 413],
    ];
    for (const [body, status] of bad) {
      const response = await call(token, "POST", "/api/collections", body);
      expect(response.status, JSON.stringify(body)).toBe(status);
    }
    const shop = await collection(token, "Shop");
    expect((await call(token, "PATCH", `/api/collections/${shop.id}`, {})).status).toBe(400);
    const listed = (await (await call(token, "GET", "/api/collections")).json()) as {
      collections: Collection[];
    };
    expect(listed.collections).toEqual([shop]);
  });

  it("hold artifacts of any session, once each; the library and its search filter by them", async () => {
    const { token, sessionId, artifacts } = await seeded();
    const second = await newSession(token);
    const { artifacts: more } = await importAnswer(
      token,
      second,
      `${fence}js checkout.js\ncart.pay();\n${fence}`,
    );
    await settled(second);
    const shop = await collection(token, "Shop");
    for (const artifact of [artifacts[0], artifacts[1], more[0] as Artifact, artifacts[0]]) {
      const response = await call(token, "PUT", `/api/collections/${shop.id}/artifacts/${artifact.id}`);
      expect(response.status).toBe(200);
    }
    const now = (await (await call(token, "GET", `/api/collections/${shop.id}`)).json()) as {
      collection: Collection;
    };
    expect(now.collection.artifactCount).toBe(3);
    const inShop = (await (await call(token, "GET", `/api/artifacts?collectionId=${shop.id}`)).json()) as {
      artifacts: Artifact[];
    };
    expect(inShop.artifacts.map((a) => a.title).sort()).toEqual(["cart.css", "cart.js", "checkout.js"]);
    const searched = (await (
      await call(token, "GET", `/api/artifacts?q=cart&collectionId=${shop.id}&sessionId=${sessionId}`)
    ).json()) as SearchResponse;
    expect(searched.results.map((r) => r.artifact.title).sort()).toEqual(["cart.css", "cart.js"]);
    // Which collections hold an artifact.
    const holding = (await (
      await call(token, "GET", `/api/collections?artifactId=${artifacts[0].id}`)
    ).json()) as { collections: Collection[] };
    expect(holding.collections.map((c) => c.id)).toEqual([shop.id]);
    // Taking one out, twice.
    for (let i = 0; i < 2; i++) {
      const taken = await call(token, "DELETE", `/api/collections/${shop.id}/artifacts/${artifacts[1].id}`);
      expect(((await taken.json()) as { collection: Collection }).collection.artifactCount).toBe(2);
    }
  });

  it("lose an artifact when it is deleted, and a session's when the session is", async () => {
    const { token, sessionId, artifacts } = await seeded();
    const shop = await collection(token, "Shop");
    for (const artifact of artifacts)
      await call(token, "PUT", `/api/collections/${shop.id}/artifacts/${artifact.id}`);
    await call(token, "DELETE", `/api/sessions/${sessionId}/artifacts/${artifacts[2].id}`);
    await settled(sessionId);
    const count = async () =>
      ((await (await call(token, "GET", `/api/collections/${shop.id}`)).json()) as { collection: Collection })
        .collection.artifactCount;
    expect(await count()).toBe(2);
    await call(token, "DELETE", `/api/sessions/${sessionId}`);
    expect(await count()).toBe(0);
  });

  it("are the workspace's own: another's collections and artifacts are not found", async () => {
    const mine = await seeded();
    const theirs = await seeded();
    const shop = await collection(mine.token, "Shop");
    for (const [method, path] of [
      ["GET", `/api/collections/${shop.id}`],
      ["PATCH", `/api/collections/${shop.id}`],
      ["DELETE", `/api/collections/${shop.id}`],
      ["PUT", `/api/collections/${shop.id}/artifacts/${mine.artifacts[0].id}`],
    ] as const) {
      const response = await call(
        theirs.token,
        method,
        path,
        method === "PATCH" ? { name: "Mine now" } : undefined,
      );
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    // Their artifact cannot go in my collection.
    const foreign = await call(
      mine.token,
      "PUT",
      `/api/collections/${shop.id}/artifacts/${theirs.artifacts[0].id}`,
    );
    expect(foreign.status).toBe(404);
    expect((await (await call(theirs.token, "GET", "/api/collections")).json()) as unknown).toEqual({
      collections: [],
    });
    expect((await call(mine.token, "GET", `/api/collections/${shop.id}`)).status).toBe(200);
  });

  it("are told to every tab of the workspace as they change", async () => {
    const { token, artifacts } = await seeded();
    const upgrade = await apiAs(token, "/api/workspace/ws", { headers: { upgrade: "websocket" } });
    const raw = upgrade.webSocket as WebSocket;
    raw.accept();
    const socket = new TestSocket(raw);
    const shop = await collection(token, "Shop");
    await call(token, "PUT", `/api/collections/${shop.id}/artifacts/${artifacts[0].id}`);
    await call(token, "DELETE", `/api/collections/${shop.id}`);
    for (let i = 0; i < 200 && socket.frames.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    const frames = socket.frames as unknown as WorkspaceFrame[];
    expect(frames.map((frame) => frame.type)).toEqual([
      "collection_changed",
      "collection_changed",
      "collection_deleted",
    ]);
    expect(frames[1]).toMatchObject({ collection: { id: shop.id, artifactCount: 1 } });
    socket.close();
  });
});
