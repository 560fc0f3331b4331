/**
 * Collections: named sets of artifacts in a workspace (a project, a topic), each artifact in any number of them,
 * from any of its sessions. They live in the workspace; the REST routes are `/api/collections…`, and the
 * workspace's socket tells every tab as one changes.
 */
import { z } from "zod";
import { Id } from "./entities.js";

const Timestamp = z.number().int().nonnegative();

export const CollectionName = z.string().trim().min(1).max(100);
export const CollectionDescription = z.string().max(2000).nullable();

export const Collection = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  artifactCount: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Collection = z.infer<typeof Collection>;

/** `POST /api/collections`. Names are unique in a workspace, ignoring case (`conflict` otherwise). */
export const CreateCollectionRequest = z.strictObject({
  name: CollectionName,
  description: CollectionDescription.optional(),
});
export type CreateCollectionRequest = z.infer<typeof CreateCollectionRequest>;

/** `PATCH /api/collections/:id`: a new name, description, or both. */
export const UpdateCollectionRequest = z
  .strictObject({ name: CollectionName.optional(), description: CollectionDescription.optional() })
  .refine((request) => request.name !== undefined || request.description !== undefined, {
    message: "give a name, a description or both",
  });
export type UpdateCollectionRequest = z.infer<typeof UpdateCollectionRequest>;

/** `GET /api/collections` (by name), with `?artifactId=` the ones holding that artifact. */
export const CollectionsQuery = z.strictObject({ artifactId: Id.optional() });
export type CollectionsQuery = z.infer<typeof CollectionsQuery>;
export const CollectionsResponse = z.object({ collections: z.array(Collection) });
export type CollectionsResponse = z.infer<typeof CollectionsResponse>;
export const CollectionResponse = z.object({ collection: Collection });
/**
 * `PUT /api/collections/:id/artifacts/:artifactId?sessionId=`: the artifact's session, optional, makes one just
 * made acceptable before the workspace's index has heard of it.
 */
export const CollectionItemQuery = z.strictObject({ sessionId: Id.optional() });
export type CollectionItemQuery = z.infer<typeof CollectionItemQuery>;
export type CollectionResponse = z.infer<typeof CollectionResponse>;

/** Frames of the workspace's socket as its collections change. */
export const CollectionChangedFrame = z.object({
  type: z.literal("collection_changed"),
  collection: Collection,
});
export const CollectionDeletedFrame = z.object({ type: z.literal("collection_deleted"), collectionId: Id });
