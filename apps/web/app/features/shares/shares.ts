/** Share links in the app: making one (its URL shown once), listing and revoking them, and reading a shared view. */
import {
  ArtifactsResponse,
  CopyShareResponse,
  type CreatedShare,
  CreatedShareResponse,
  type CreateShareRequest,
  MessagesResponse,
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
  if (!response.ok) throw linkError(response);
  return SharedView.parse(await response.json());
}

/** The next page of a session link's messages (the first when `cursor` is null), read as `readShare` reads. */
export async function readSharedMessages(token: string, cursor: string | null): Promise<MessagesPage> {
  return MessagesResponse.parse(await readPage(token, "messages", cursor));
}

/** The next page of a session link's artifacts (the first when `cursor` is null), read as `readShare` reads. */
export async function readSharedArtifacts(token: string, cursor: string | null): Promise<ArtifactsPage> {
  return ArtifactsResponse.parse(await readPage(token, "artifacts", cursor));
}

type MessagesPage = ReturnType<typeof MessagesResponse.parse>;
type ArtifactsPage = ReturnType<typeof ArtifactsResponse.parse>;

async function readPage(
  token: string,
  part: "messages" | "artifacts",
  cursor: string | null,
): Promise<unknown> {
  const query = cursor === null ? "" : `?cursor=${encodeURIComponent(cursor)}`;
  const response = await fetch(`/api/share/${encodeURIComponent(token)}/${part}${query}`, {
    credentials: "omit",
  });
  if (response.status === 404) throw new Error("This link opens nothing any more.");
  if (!response.ok) throw linkError(response);
  return response.json();
}

/** A link read too often says when to come back (its own budget, `retry-after`); any other failure its status. */
function linkError(response: Response): Error {
  if (response.status === 429) {
    return new Error(
      `This link is being read too often; try again in ${response.headers.get("retry-after") ?? "a few"} s.`,
    );
  }
  return new Error(`the link could not be read (${response.status})`);
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
