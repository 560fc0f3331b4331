/**
 * The workspace's session list in the query cache: read over REST a page at a time, kept current by the
 * workspace's socket (another tab, or device, creating, renaming or deleting one).
 */
import {
  CreateSessionResponse,
  SessionResponse,
  type SessionSummary,
  SessionsResponse,
  type WorkspaceFrame,
} from "@folio/protocol";
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiJson, apiSend } from "../api/api-client";

export interface SessionList {
  sessions: SessionSummary[];
  nextCursor: string | null;
}

export const workspaceKeys = {
  sessions: ["workspace", "sessions"] as const,
  library: ["workspace", "library"] as const,
  tokens: ["workspace", "tokens"] as const,
  devices: ["workspace", "devices"] as const,
};

export const sessionsQuery = queryOptions({
  queryKey: workspaceKeys.sessions,
  queryFn: async (): Promise<SessionList> => apiJson(SessionsResponse, "/api/sessions"),
});

/** The next page, merged into the list (a session already there, moved by activity, is not repeated). */
export async function loadMoreSessions(client: QueryClient): Promise<void> {
  const list = client.getQueryData(sessionsQuery.queryKey);
  if (!list?.nextCursor) return;
  const page = await apiJson(SessionsResponse, `/api/sessions?cursor=${encodeURIComponent(list.nextCursor)}`);
  client.setQueryData(sessionsQuery.queryKey, (current) =>
    current
      ? { sessions: mergeSessions(current.sessions, page.sessions), nextCursor: page.nextCursor }
      : current,
  );
}

export async function createSession(client: QueryClient): Promise<string> {
  const { sessionId } = await apiJson(CreateSessionResponse, "/api/sessions", { method: "POST" });
  await client.invalidateQueries({ queryKey: sessionsQuery.queryKey });
  return sessionId;
}

export async function renameSession(client: QueryClient, sessionId: string, title: string): Promise<void> {
  const { session } = await apiJson(SessionResponse, `/api/sessions/${sessionId}`, {
    method: "PATCH",
    body: { title },
  });
  applyWorkspaceFrame(client, { type: "session_changed", session });
}

export async function deleteSession(client: QueryClient, sessionId: string): Promise<void> {
  await apiSend(`/api/sessions/${sessionId}`, "DELETE");
  applyWorkspaceFrame(client, { type: "session_deleted", sessionId });
  client.removeQueries({ queryKey: ["session", sessionId] });
}

export type SessionFrame = Extract<WorkspaceFrame, { type: "session_changed" | "session_deleted" }>;

export function applyWorkspaceFrame(client: QueryClient, frame: SessionFrame): void {
  client.setQueryData(sessionsQuery.queryKey, (list) => (list ? withFrame(list, frame) : list));
}

/** The list after a frame: a changed session replaces its old entry, in order of latest activity. */
export function withFrame(list: SessionList, frame: SessionFrame): SessionList {
  switch (frame.type) {
    case "session_changed":
      return { ...list, sessions: mergeSessions(list.sessions, [frame.session]) };
    case "session_deleted":
      return { ...list, sessions: list.sessions.filter((session) => session.id !== frame.sessionId) };
  }
}

function mergeSessions(
  current: readonly SessionSummary[],
  incoming: readonly SessionSummary[],
): SessionSummary[] {
  const byId = new Map(current.map((session) => [session.id, session]));
  for (const session of incoming) byId.set(session.id, session);
  return [...byId.values()].sort(
    (a, b) => b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}
