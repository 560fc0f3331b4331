/**
 * Deleting from the gallery: the card is hidden at once and Undo offered; the deletion is sent when the undo
 * window closes, or at once when the gallery goes away first (the user opened an artifact, or is leaving the
 * page): a deletion asked for is never dropped.
 */
import type { Artifact } from "@folio/protocol";
import { useLayoutEffect, useRef, useState } from "react";
import type { ArtifactActions } from "./artifact-card";

const UNDO_MS = 5000;

export function useUndoableDelete(actions: ArtifactActions | undefined): {
  /** Deleted here, not yet sent: hidden, with Undo offered. */
  pending: Artifact[];
  /** The actions the cards are given: the same, but for a deletion that waits. */
  actions: ArtifactActions | undefined;
  undo(artifact: Artifact): void;
} {
  const [pending, setPending] = useState<Artifact[]>([]);
  const timers = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; artifact: Artifact }>());
  // The latest actions, for deletions sent after this render (by a timer, or as the gallery goes away).
  const latest = useRef(actions);
  latest.current = actions;

  // A layout effect, so that on unmount its cleanup runs before the session's socket closes (a passive effect of
  // the route): the deletions still go out on it.
  useLayoutEffect(() => {
    const scheduled = timers.current;
    const sendNow = () => {
      for (const { timer, artifact } of scheduled.values()) {
        clearTimeout(timer);
        latest.current?.onDelete(artifact);
      }
      scheduled.clear();
    };
    addEventListener("pagehide", sendNow);
    return () => {
      removeEventListener("pagehide", sendNow);
      sendNow();
    };
  }, []);

  const delayed: ArtifactActions | undefined = actions && {
    onUpdate: actions.onUpdate,
    onDelete(artifact) {
      setPending((list) => [...list, artifact]);
      const timer = setTimeout(() => {
        timers.current.delete(artifact.id);
        setPending((list) => list.filter((a) => a.id !== artifact.id));
        latest.current?.onDelete(artifact);
      }, UNDO_MS);
      timers.current.set(artifact.id, { timer, artifact });
    },
  };

  function undo(artifact: Artifact) {
    clearTimeout(timers.current.get(artifact.id)?.timer);
    timers.current.delete(artifact.id);
    setPending((list) => list.filter((a) => a.id !== artifact.id));
  }

  return { pending, actions: delayed, undo };
}
