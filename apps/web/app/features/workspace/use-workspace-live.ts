/**
 * Keeps the session list and the collections current while the app is open: a socket to the workspace (`/api/workspace/ws`)
 * carries each change any tab or device makes. It reconnects with backoff and, on every (re)connection,
 * refetches the list, so nothing said while it was away is missed.
 */
import { WorkspaceFrame } from "@folio/protocol";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { applyCollectionFrame, collectionKeys, isCollectionFrame } from "../collections/collections";
import { applyWorkspaceFrame, sessionsQuery, workspaceKeys } from "./sessions";

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;
/** A keep-alive, so idle connections are not dropped by proxies. */
const PING_MS = 30_000;
/** A library on screen is read again at most this often while sessions change. */
const LIBRARY_REFRESH_MS = 1000;

export function useWorkspaceLive(): void {
  const client = useQueryClient();
  useEffect(() => {
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;
    let attempts = 0;
    let stopped = false;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    // A session's change is a change of its artifacts too: an open library catches up, once per burst.
    const refreshLibrary = () => {
      refresh ??= setTimeout(() => {
        refresh = undefined;
        void client.invalidateQueries({ queryKey: workspaceKeys.library });
      }, LIBRARY_REFRESH_MS);
    };
    const connect = () => {
      const protocol = location.protocol === "https:" ? "wss:" : "ws:";
      const current = new WebSocket(`${protocol}//${location.host}/api/workspace/ws`);
      socket = current;
      current.addEventListener("open", () => {
        attempts = 0;
        void client.invalidateQueries({ queryKey: sessionsQuery.queryKey });
        void client.invalidateQueries({ queryKey: collectionKeys.all });
        ping = setInterval(() => current.send("ping"), PING_MS);
      });
      current.addEventListener("message", (event) => {
        if (typeof event.data !== "string" || event.data === "pong") return;
        const frame = WorkspaceFrame.safeParse(safeJson(event.data));
        if (!frame.success) return;
        if (isCollectionFrame(frame.data)) applyCollectionFrame(client, frame.data);
        else applyWorkspaceFrame(client, frame.data);
        refreshLibrary();
      });
      current.addEventListener("close", () => {
        clearInterval(ping);
        if (stopped || socket !== current) return;
        const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempts) * (0.75 + Math.random() / 2);
        attempts++;
        timer = setTimeout(connect, delay);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(refresh);
      clearInterval(ping);
      socket?.close(1000, "done");
    };
  }, [client]);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
