/**
 * `/share/:token`: what a share link shows, to anyone holding it, signed in or not: one artifact (highlighted,
 * previewed in the sandbox, its versions) or a session (its messages and artifacts, a page of 100 at a time).
 * Nothing here links into a workspace; "Copy to my workspace" makes an independent copy in the viewer's own.
 */
import type { Artifact, ArtifactVersion, SharedView } from "@folio/protocol";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { HighlightedCode } from "../features/highlight/highlighted-code";
import { canPreview } from "../features/preview/preview-document";
import { PreviewFrame } from "../features/preview/preview-frame";
import { copyShare, readShare, readSharedArtifacts, readSharedMessages } from "../features/shares/shares";
import type { Route } from "./+types/share";

export function meta() {
  return [{ title: "Shared from Folio" }, { name: "robots", content: "noindex" }];
}

export default function SharePage({ params }: Route.ComponentProps) {
  const view = useQuery({
    queryKey: ["share", params.token],
    queryFn: () => readShare(params.token),
    retry: false,
  });
  const navigate = useNavigate();
  const [copying, setCopying] = useState<"idle" | "copying" | string>("idle");
  const copy = async () => {
    setCopying("copying");
    try {
      void navigate(`/s/${await copyShare(params.token)}`);
    } catch (error) {
      setCopying(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-4 p-3 md:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-500">Shared from Folio · read only</p>
        {view.data && (
          <button
            type="button"
            disabled={copying === "copying"}
            onClick={copy}
            className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500"
          >
            Copy to my workspace
          </button>
        )}
      </div>
      {copying !== "idle" && copying !== "copying" && <p role="alert">Could not copy: {copying}</p>}
      {view.isPending && <p role="status">Loading…</p>}
      {view.isError && <p role="alert">{view.error.message}</p>}
      {view.data === null && (
        <section role="alert" aria-label="Not found" className="rounded-lg border p-4">
          <h1 className="text-lg font-semibold">This link opens nothing</h1>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            It may have been revoked, or what it showed deleted.
          </p>
        </section>
      )}
      {view.data && <Shared token={params.token} view={view.data} />}
    </main>
  );
}

function Shared({ token, view }: { token: string; view: SharedView }) {
  if (view.kind === "artifact")
    return <SharedArtifact artifact={view.artifact} versions={view.versions} pinned={view.pinned} />;
  return <SharedSession token={token} view={view} />;
}

/** A session's messages and artifacts: the first page of each as the link opened, the rest on request. */
function SharedSession({ token, view }: { token: string; view: Extract<SharedView, { kind: "session" }> }) {
  const messages = useInfiniteQuery({
    queryKey: ["share", token, "messages"],
    queryFn: ({ pageParam }) => readSharedMessages(token, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: {
      pages: [{ messages: view.messages, nextCursor: view.nextMessagesCursor }],
      pageParams: [null],
    },
  });
  const artifacts = useInfiniteQuery({
    queryKey: ["share", token, "artifacts"],
    queryFn: ({ pageParam }) => readSharedArtifacts(token, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: {
      pages: [{ artifacts: view.artifacts, nextCursor: view.nextArtifactsCursor }],
      pageParams: [null],
    },
  });
  return (
    <>
      <h1 className="text-xl font-bold">{view.title}</h1>
      <section aria-label="Messages" className="flex flex-col gap-2">
        {messages.data.pages
          .flatMap((page) => page.messages)
          .map((message) => (
            <article
              key={message.id}
              aria-label={`${message.role} message`}
              className="rounded-lg border p-3 text-sm"
            >
              <p className="mb-1 text-xs font-semibold uppercase text-slate-500">{message.role}</p>
              <p className="whitespace-pre-wrap">{message.content}</p>
            </article>
          ))}
        <ShowMore listing={messages} label="Show more messages" />
      </section>
      <section aria-label="Artifacts" className="flex flex-col gap-3">
        {artifacts.data.pages
          .flatMap((page) => page.artifacts)
          .map((artifact) => (
            <SharedArtifact key={artifact.id} artifact={artifact} versions={[]} pinned={false} />
          ))}
        <ShowMore listing={artifacts} label="Show more artifacts" />
      </section>
    </>
  );
}

function ShowMore({
  listing,
  label,
}: {
  listing: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    error: Error | null;
    fetchNextPage(): unknown;
  };
  label: string;
}) {
  return (
    <>
      {listing.error && <p role="alert">{listing.error.message}</p>}
      {listing.hasNextPage && (
        <button
          type="button"
          disabled={listing.isFetchingNextPage}
          onClick={() => void listing.fetchNextPage()}
          className="self-start rounded-md border px-3 py-1.5 text-sm"
        >
          {listing.isFetchingNextPage ? "Loading…" : label}
        </button>
      )}
    </>
  );
}

function SharedArtifact({
  artifact,
  versions,
  pinned,
}: {
  artifact: Artifact;
  versions: ArtifactVersion[];
  pinned: boolean;
}) {
  const [shownVersion, setShownVersion] = useState<number | null>(null);
  const [preview, setPreview] = useState(false);
  const chosen = versions.find((version) => version.version === shownVersion);
  const shown: Artifact = chosen
    ? {
        ...artifact,
        ...chosen,
        id: artifact.id,
        sessionId: artifact.sessionId,
        messageId: artifact.messageId,
        updatedAt: chosen.createdAt,
      }
    : artifact;
  return (
    <article
      aria-label={artifact.title}
      className="flex flex-col gap-2 rounded-xl border bg-white p-4 dark:bg-slate-900"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{shown.title}</h2>
        <span className="text-xs text-slate-500">
          {shown.type} · {shown.language ?? "text"} · version {shown.version}
          {pinned && shownVersion === null ? " (the version shared)" : ""}
        </span>
      </header>
      {shown.description && <p className="text-sm text-slate-600 dark:text-slate-300">{shown.description}</p>}
      {canPreview(shown) && (
        <button
          type="button"
          aria-pressed={preview}
          onClick={() => setPreview(!preview)}
          className="self-start rounded border px-2 py-0.5 text-sm"
        >
          Preview
        </button>
      )}
      {preview ? (
        <PreviewFrame artifact={shown} />
      ) : (
        <HighlightedCode code={shown.content} language={shown.language} />
      )}
      {versions.length > 1 && (
        <nav aria-label="Versions" className="flex flex-wrap gap-1 text-sm">
          {versions.map((version) => (
            <button
              key={version.version}
              type="button"
              aria-pressed={(shownVersion ?? artifact.version) === version.version}
              onClick={() => setShownVersion(version.version === artifact.version ? null : version.version)}
              className="rounded border px-2 py-0.5 aria-pressed:bg-slate-800 aria-pressed:text-white"
            >
              Version {version.version}
            </button>
          ))}
        </nav>
      )}
    </article>
  );
}
