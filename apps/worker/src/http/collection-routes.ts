/**
 * A workspace's collections: `/api/collections…`. Each call names the caller's workspace, whose object holds them;
 * an artifact can be put in a collection only if it is the workspace's own.
 */

import {
  type Collection,
  CollectionItemQuery,
  CollectionsQuery,
  CreateCollectionRequest,
  UpdateCollectionRequest,
  type Validated,
  validate,
} from "@folio/protocol";
import { idempotencyOf } from "../idempotency/key.js";
import { queryOf, type Route, type RouteContext, readBody } from "./context.js";
import { errorResponse, json, noContent, protocolErrorResponse, resultResponse } from "./responses.js";

const workspace = ({ env, caller }: RouteContext) => env.WORKSPACE.getByName(caller.workspaceId);
const answer = (result: Validated<Collection>, status = 200) =>
  resultResponse(result, (collection) => ({ collection }), status);

export const COLLECTION_ROUTES: Route[] = [
  {
    pattern: /^\/api\/collections$/,
    methods: {
      GET: async (context) => {
        const query = validate(CollectionsQuery, queryOf(context.url));
        if (!query.ok) return protocolErrorResponse(query.error);
        return json({ collections: await workspace(context).listCollections(query.value.artifactId) });
      },
      POST: async (context) => {
        const body = await readBody(context.request);
        const request = body.ok ? validate(CreateCollectionRequest, body.value) : body;
        if (!request.ok) return protocolErrorResponse(request.error);
        const idempotency = await idempotencyOf(context.request, request.value);
        if (!idempotency.ok) return protocolErrorResponse(idempotency.error);
        return answer(await workspace(context).createCollection(request.value, idempotency.value), 201);
      },
    },
  },
  {
    pattern: /^\/api\/collections\/([^/]+)$/,
    methods: {
      GET: async (context) => answer(await workspace(context).getCollection(context.params[0] as string)),
      PATCH: async (context) => {
        const body = await readBody(context.request);
        const request = body.ok ? validate(UpdateCollectionRequest, body.value) : body;
        if (!request.ok) return protocolErrorResponse(request.error);
        return answer(await workspace(context).updateCollection(context.params[0] as string, request.value));
      },
      DELETE: async (context) =>
        (await workspace(context).deleteCollection(context.params[0] as string))
          ? noContent()
          : errorResponse("not_found", "no such collection"),
    },
  },
  {
    // Putting an artifact in is idempotent; so is taking it out.
    pattern: /^\/api\/collections\/([^/]+)\/artifacts\/([^/]+)$/,
    methods: {
      PUT: async (context) => {
        const [id, artifactId] = context.params as [string, string];
        const query = validate(CollectionItemQuery, queryOf(context.url));
        if (!query.ok) return protocolErrorResponse(query.error);
        return answer(await workspace(context).addToCollection(id, artifactId, query.value.sessionId));
      },
      DELETE: async (context) => {
        const [id, artifactId] = context.params as [string, string];
        return answer(await workspace(context).takeFromCollection(id, artifactId));
      },
    },
  },
];
