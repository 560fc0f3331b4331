/**
 * An artifact running in isolation: `sandbox="allow-scripts"` without `allow-same-origin` gives it an opaque
 * origin (no cookies, storage or DOM of the app, no same-origin API calls), and its CSP blocks the network.
 */
import type { Artifact } from "@folio/protocol";
import { previewDocument } from "./preview-document";

export function PreviewFrame({ artifact, className }: { artifact: Artifact; className?: string }) {
  const document = previewDocument(artifact, new URL("/preview/", window.location.href).href);
  if (document === null) {
    return <p className="text-sm text-slate-500">No preview for {artifact.type} artifacts.</p>;
  }
  return (
    <iframe
      title={`Preview: ${artifact.title}`}
      sandbox="allow-scripts"
      srcDoc={document}
      referrerPolicy="no-referrer"
      className={className ?? "h-72 w-full rounded-lg border border-slate-200 bg-white dark:border-slate-700"}
    />
  );
}
