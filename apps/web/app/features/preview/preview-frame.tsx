/**
 * An artifact running in isolation: the Worker's /preview/frame in `sandbox="allow-scripts"` without
 * `allow-same-origin` (an opaque origin: no cookies, storage or DOM of the app, no same-origin API calls), whose
 * CSP header blocks the network; the page arrives by postMessage. A page that tries to navigate away is replaced
 * by a notice saying where it tried to go.
 */
import type { Artifact } from "@folio/protocol";
import { useCallback, useMemo, useState } from "react";
import { connectPreview, type LeaveAttempt } from "./preview-channel";
import { previewDocument } from "./preview-document";

const FRAME_CLASS = "h-72 w-full rounded-lg border border-slate-200 bg-white dark:border-slate-700";

export function PreviewFrame({ artifact, className }: { artifact: Artifact; className?: string }) {
  const { type, content } = artifact;
  const html = useMemo(
    () => previewDocument({ type, content }, new URL("/preview/", window.location.href).href),
    [type, content],
  );
  // An attempt to leave belongs to the page that made it: a new page starts over.
  const [left, setLeft] = useState<{ html: string; attempt: LeaveAttempt } | null>(null);
  const attempt = left !== null && left.html === html ? left.attempt : null;
  const [run, setRun] = useState(0);

  // Each frame (a new one per page or run, by its key) is connected as it mounts, and let go as it unmounts.
  const connect = useCallback(
    (frame: HTMLIFrameElement | null) => {
      if (frame === null || html === null) return;
      return connectPreview(frame, html, (leaving) => setLeft({ html, attempt: leaving }));
    },
    [html],
  );

  if (html === null) {
    return <p className="text-sm text-slate-500">No preview for {artifact.type} artifacts.</p>;
  }
  if (attempt) {
    return (
      <div
        role="alert"
        className={`${className ?? FRAME_CLASS} flex flex-col items-start gap-2 p-4 text-sm text-slate-700 dark:bg-slate-900 dark:text-slate-200`}
      >
        <p className="font-medium">This preview tried to leave its page, so it was stopped.</p>
        <p className="break-all">
          {attempt.destination
            ? `It tried to go to ${attempt.destination}.`
            : "It tried to load another page."}{" "}
          Previews may not load anything from the network or navigate away.
        </p>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          onClick={() => {
            setLeft(null);
            setRun((count) => count + 1);
          }}
        >
          Run again
        </button>
      </div>
    );
  }
  return (
    <iframe
      key={`${run}:${artifact.version}:${artifact.updatedAt}`}
      ref={connect}
      title={`Preview: ${artifact.title}`}
      sandbox="allow-scripts"
      src="/preview/frame"
      referrerPolicy="no-referrer"
      className={className ?? FRAME_CLASS}
    />
  );
}
