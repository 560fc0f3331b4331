/**
 * The workspace's collections in the query cache: read over REST, changed over REST, and kept current by the
 * workspace's socket (`collection_changed`, `collection_deleted`) whichever tab or device changed them.
 */
import {
  type Collection,
  CollectionResponse,
  CollectionsResponse,
  type CreateCollectionRequest,
  type UpdateCollectionRequest,
  type WorkspaceFrame,
} from "@folio/protocol";
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiJson, apiSend } from "../api/api-client";
import { sessionKeys } from "../session/cache";

export const collectionKeys = {
  all: ["workspace", "collections"] as const,
  holding: (artifactId: string) => ["workspace", "collections", "holding", artifactId] as const,
};

export const collectionsQuery = queryOptions({
  queryKey: collectionKeys.all,
  queryFn: async () => (await apiJson(CollectionsResponse, "/api/collections")).collections,
});

/** The ids of the collections holding an artifact. */
export function holdingQuery(artifactId: string) {
  return queryOptions({
    queryKey: collectionKeys.holding(artifactId),
    queryFn: async () =>
      new Set(
        (
          await apiJson(CollectionsResponse, `/api/collections?artifactId=${encodeURIComponent(artifactId)}`)
        ).collections.map((collection) => collection.id),
      ),
  });
}

export async function createCollection(
  client: QueryClient,
  request: CreateCollectionRequest,
): Promise<Collection> {
  const { collection } = await apiJson(CollectionResponse, "/api/collections", {
    method: "POST",
    body: request,
  });
  applyCollectionFrame(client, { type: "collection_changed", collection });
  return collection;
}

export async function updateCollection(
  client: QueryClient,
  id: string,
  request: UpdateCollectionRequest,
): Promise<void> {
  const { collection } = await apiJson(CollectionResponse, `/api/collections/${id}`, {
    method: "PATCH",
    body: request,
  });
  applyCollectionFrame(client, { type: "collection_changed", collection });
}

export async function deleteCollection(client: QueryClient, id: string): Promise<void> {
  await apiSend(`/api/collections/${id}`, "DELETE");
  applyCollectionFrame(client, { type: "collection_deleted", collectionId: id });
}

/** Puts an artifact in a collection (naming its session, so one just made is taken at once), or takes it out. */
export async function setMembership(
  client: QueryClient,
  collectionId: string,
  artifact: { id: string; sessionId: string },
  member: boolean,
): Promise<void> {
  const artifactId = artifact.id;
  // At once in this tab (a checkbox follows the click); the server's answer, or its refusal, then settles it. A
  // read of the list still on its way would land after the click and undo it, so it is cancelled first, as
  // TanStack Query's optimistic updates do; not awaited, as a controlled checkbox must change in this event (the
  // cancel reverts the read at once, before the tick is set).
  void client.cancelQueries({ queryKey: holdingQuery(artifactId).queryKey });
  client.setQueryData(holdingQuery(artifactId).queryKey, (ids) => {
    if (!ids) return ids;
    const next = new Set(ids);
    if (member) next.add(collectionId);
    else next.delete(collectionId);
    return next;
  });
  try {
    const { collection } = await apiJson(
      CollectionResponse,
      member
        ? `/api/collections/${collectionId}/artifacts/${artifactId}?sessionId=${artifact.sessionId}`
        : `/api/collections/${collectionId}/artifacts/${artifactId}`,
      { method: member ? "PUT" : "DELETE" },
    );
    applyCollectionFrame(client, { type: "collection_changed", collection });
  } catch (error) {
    await client.invalidateQueries({ queryKey: collectionKeys.holding(artifactId) });
    throw error;
  }
}

type CollectionFrame = Extract<WorkspaceFrame, { type: "collection_changed" | "collection_deleted" }>;

export function isCollectionFrame(frame: WorkspaceFrame): frame is CollectionFrame {
  return frame.type === "collection_changed" || frame.type === "collection_deleted";
}

/** A collection as it now is, or gone, in the list (by name); what holds what is read again. */
export function applyCollectionFrame(client: QueryClient, frame: CollectionFrame): void {
  client.setQueryData(collectionsQuery.queryKey, (list) => {
    if (!list) return list;
    const others = list.filter(
      (collection) =>
        collection.id !== (frame.type === "collection_changed" ? frame.collection.id : frame.collectionId),
    );
    if (frame.type === "collection_deleted") return others;
    return [...others, frame.collection].sort((a, b) =>
      a.name.localeCompare(b.name, undefined, { sensitivity: "base" }),
    );
  });
  void client.invalidateQueries({ queryKey: ["workspace", "collections", "holding"] });
  // A gallery filtered by a collection lists what it holds.
  void client.invalidateQueries({ queryKey: sessionKeys.galleries });
  void client.invalidateQueries({ queryKey: ["workspace", "library"] });
}
