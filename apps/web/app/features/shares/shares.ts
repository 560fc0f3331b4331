/** Share links in the app: making one (its URL shown once), listing and revoking them, and reading a shared view. */
import {
  CopyShareResponse,
  type CreatedShare,
  CreatedShareResponse,
  type CreateShareRequest,
  SharedView,
  SharesResponse,
} from "@folio/protocol";
import { queryOptions } from "@tanstack/react-query";
import { apiJson } from "../api/api-client";

export const sharesQuery = queryOptions({
  queryKey: ["workspace", "shares"] as const,
  queryFn: async () => (await apiJson(SharesResponse, "/api/shares")).shares,
});

export async function createShare(request: CreateShareRequest): Promise<CreatedShare> {
  return (await apiJson(CreatedShareResponse, "/api/shares", { method: "POST", body: request })).share;
}

/**
 * What a link shows, read with no credential (a plain fetch: the app's client would make a workspace on a 401,
 * and a share page belongs to no workspace). Null when the link opens nothing.
 */
export async function readShare(token: string): Promise<SharedView | null> {
  const response = await fetch(`/api/share/${encodeURIComponent(token)}`, { credentials: "omit" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`the link could not be read (${response.status})`);
  return SharedView.parse(await response.json());
}

/**
 * Copies what a link shows into the viewer's own workspace (a new session), with the viewer's credential: a
 * browser without one is given a workspace first, as on any first visit. Answers the new session's id.
 */
export async function copyShare(token: string): Promise<string> {
  const copied = await apiJson(CopyShareResponse, `/api/share/${encodeURIComponent(token)}/copy`, {
    method: "POST",
    body: {},
  });
  return copied.sessionId;
}
