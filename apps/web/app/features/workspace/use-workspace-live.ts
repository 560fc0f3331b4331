/**
 * Keeps the session list and the collections current while the app is open: a socket to the workspace
 * (`/api/workspace/ws`) carries each change any tab or device makes. It reconnects with backoff (at once when the
 * device comes back online) and, on every (re)connection, refetches the list, so nothing said while it was away is
 * missed.
 */
import { WorkspaceFrame } from "@folio/protocol";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { applyCollectionFrame, collectionKeys, isCollectionFrame } from "../collections/collections";
import { ReconnectingSocket } from "../socket/reconnecting-socket";
import { applyWorkspaceFrame, sessionsQuery, workspaceKeys } from "./sessions";

const BACKOFF = { minMs: 500, maxMs: 10_000 };
/** A keep-alive, so idle connections are not dropped by proxies. */
const PING_MS = 30_000;
/** A library on screen is read again at most this often while sessions change. */
const LIBRARY_REFRESH_MS = 1000;

export function useWorkspaceLive(): void {
  const client = useQueryClient();
  useEffect(() => {
    let refresh: ReturnType<typeof setTimeout> | undefined;
    // A session's change is a change of its artifacts too: an open library catches up, once per burst.
    const refreshLibrary = () => {
      refresh ??= setTimeout(() => {
        refresh = undefined;
        void client.invalidateQueries({ queryKey: workspaceKeys.library });
      }, LIBRARY_REFRESH_MS);
    };
    const socket = new ReconnectingSocket({
      path: "/api/workspace/ws",
      frames: WorkspaceFrame,
      backoff: BACKOFF,
      keepAliveMs: PING_MS,
      onOpen: () => {
        void client.invalidateQueries({ queryKey: sessionsQuery.queryKey });
        void client.invalidateQueries({ queryKey: collectionKeys.all });
      },
      onFrame: (frame) => {
        if (isCollectionFrame(frame)) applyCollectionFrame(client, frame);
        else applyWorkspaceFrame(client, frame);
        refreshLibrary();
      },
    });
    return () => {
      clearTimeout(refresh);
      socket.close();
    };
  }, [client]);
}
