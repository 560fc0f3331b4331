/** One session's messages, artifacts and live connection, for the components of the session page. */
import {
  ArtifactsResponse,
  type ArtifactUpdates,
  type ClientFrame,
  MessagesResponse,
  type ProtocolError,
  type ServerFrame,
} from "@folio/protocol";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiJson } from "../api/api-client";
import { type ConnectionState, SessionSocket } from "../socket/session-socket";
import {
  ARTIFACT_PAGE,
  ARTIFACT_RESYNC_MAX,
  applyFrames,
  type Draft,
  LISTING_PAGE,
  type Listing,
  sessionKeys,
} from "./cache";

/** Frames are applied in batches at most this often: a burst of thousands costs one update of each list. */
const BATCH_MS = 16;

/** A session that is not there (deleted, or another workspace's) stays missing: asking again will not help. */
function retryUnlessMissing(failures: number, error: Error): boolean {
  return !(error instanceof ApiError && error.status === 404) && failures < 3;
}

/** Every item of a REST listing, a page after another. */
async function everyPage<T>(
  path: string,
  signal: AbortSignal,
  page: (path: string) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    signal.throwIfAborted();
    const query = new URLSearchParams({ limit: String(LISTING_PAGE) });
    if (cursor !== null) query.set("cursor", cursor);
    const next = await page(`${path}?${query}`);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return items;
}

export function useSession(sessionId: string) {
  const client = useQueryClient();
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [waiting, setWaiting] = useState(0);
  // The last refusal (the server's error frames, or a frame refused before sending), until dismissed: UI state.
  const [problem, setProblem] = useState<ProtocolError | null>(null);
  const dismissProblem = useCallback(() => setProblem(null), []);
  const socketRef = useRef<SessionSocket | null>(null);

  const messages = useQuery({
    queryKey: sessionKeys.messages(sessionId),
    retry: retryUnlessMissing,
    queryFn: ({ signal }) =>
      everyPage(`/api/sessions/${sessionId}/messages`, signal, async (path) => {
        const page = await apiJson(MessagesResponse, path);
        return { items: page.messages, nextCursor: page.nextCursor };
      }),
  });
  // Artifacts come newest first, a page at a time: the first here, the rest as the gallery asks (loadMore).
  const artifacts = useQuery({
    queryKey: sessionKeys.artifacts(sessionId),
    queryFn: async () => {
      const page = await apiJson(
        ArtifactsResponse,
        `/api/sessions/${sessionId}/artifacts?order=newest&limit=${ARTIFACT_PAGE}`,
      );
      client.setQueryData<Listing>(sessionKeys.listing(sessionId), (listing) => ({
        messages: null,
        ...listing,
        artifactsNext: page.nextCursor,
      }));
      return page.artifacts;
    },
    retry: retryUnlessMissing,
  });
  const listing = useQuery<Listing>({
    queryKey: sessionKeys.listing(sessionId),
    queryFn: () => ({ messages: null }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  /** The cursor of the older page last asked for, so each is asked for once. */
  const askedFor = useRef<string | null>(null);
  const drafts = useQuery<Draft[]>({
    queryKey: sessionKeys.drafts(sessionId),
    queryFn: () => [],
  });

  useEffect(() => {
    let pending: ServerFrame[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      const batch = pending;
      pending = [];
      applyFrames(client, sessionId, batch);
    };
    const socket = new SessionSocket(sessionId, {
      onFrame: (frame) => {
        if (frame.type === "error") return setProblem(frame);
        // A listing comes a page at a time: each page asks for the next.
        if (frame.type === "messages" && frame.nextCursor !== null) {
          socket.send({ type: "get_messages", cursor: frame.nextCursor, limit: LISTING_PAGE });
        }

        pending.push(frame);
        timer ??= setTimeout(flush, BATCH_MS);
      },
      onState: setConnection,
      onQueue: setWaiting,
      onRefused: setProblem,
      // Sync over the socket itself: the server answers these before anything sent while disconnected and before
      // any later change, so no newer frame can be overwritten by an older listing. On the first connection this
      // is needed only when the REST listings are still on their way (they would land after newer frames).
      onOpen: (first) => {
        // What came before this connection is applied first, so nothing of it lands on the resync.
        flush();
        const key = ["session", sessionId];
        if (first && client.isFetching({ queryKey: key }) === 0) return;
        void client.cancelQueries({ queryKey: key });
        client.setQueryData(sessionKeys.drafts(sessionId), []);
        socket.send({ type: "get_messages", limit: LISTING_PAGE });
        // The newest artifacts, as many as were here (within one page): older ones are read again on scrolling.
        const here = client.getQueryData<unknown[]>(sessionKeys.artifacts(sessionId))?.length ?? 0;
        const limit = Math.min(ARTIFACT_RESYNC_MAX, Math.max(ARTIFACT_PAGE, here));
        askedFor.current = null;
        socket.send({ type: "get_artifacts", sessionId, order: "newest", limit });
      },
    });
    socketRef.current = socket;
    return () => {
      socket.close();
      flush();
    };
  }, [client, sessionId]);

  const missing = [messages.error, artifacts.error].some(
    (error) => error instanceof ApiError && error.status === 404,
  );
  // Nothing to connect to: the socket would only be refused, again and again.
  useEffect(() => {
    if (missing) socketRef.current?.close();
  }, [missing]);

  const send = useCallback((frame: ClientFrame) => socketRef.current?.send(frame) ?? false, []);
  const updateArtifact = useCallback(
    (artifactId: string, updates: ArtifactUpdates, baseVersion?: number) =>
      send({
        type: "update_artifact",
        artifactId,
        updates,
        ...(baseVersion === undefined ? {} : { baseVersion }),
      }),
    [send],
  );
  const deleteArtifact = useCallback(
    (artifactId: string) => send({ type: "delete_artifact", artifactId }),
    [send],
  );
  const nextArtifacts = listing.data?.artifactsNext;
  /** Asks for the next older page of artifacts (over the socket, in order with every other change). */
  const loadMoreArtifacts = useCallback(
    (limit = ARTIFACT_PAGE) => {
      if (!nextArtifacts || askedFor.current === nextArtifacts) return;
      if (send({ type: "get_artifacts", sessionId, order: "newest", cursor: nextArtifacts, limit })) {
        askedFor.current = nextArtifacts;
      }
    },
    [nextArtifacts, send, sessionId],
  );

  return {
    messages: messages.data ?? [],
    artifacts: artifacts.data ?? [],
    drafts: drafts.data ?? [],
    /** Whether older artifacts are still to be read (loadMoreArtifacts reads them). */
    moreArtifacts: typeof nextArtifacts === "string",
    loadMoreArtifacts,
    loading: messages.isPending || artifacts.isPending,
    /** The session does not exist for this workspace (never did, was deleted, or is someone else's). */
    missing,
    connection,
    /** Frames (messages, edits) sent while disconnected, waiting for the connection to come back. */
    waiting,
    problem,
    dismissProblem,
    send,
    updateArtifact,
    deleteArtifact,
  };
}
