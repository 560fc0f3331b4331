import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ExportLink } from "../features/archive/export-link";
import { Chat } from "../features/chat/chat";
import { Gallery } from "../features/gallery/gallery";
import { useSession } from "../features/session/use-session";
import { ShareButton } from "../features/shares/share-button";
import { PageHeader } from "../features/workspace/page-header";
import { sessionsQuery } from "../features/workspace/sessions";
import { SidebarButton } from "../features/workspace/sidebar-context";
import type { Route } from "./+types/session";

export function meta() {
  return [{ title: "Folio session" }];
}

const paneButton =
  "flex-1 rounded-md px-3 py-1.5 text-sm aria-pressed:bg-white aria-pressed:font-semibold aria-pressed:shadow-sm dark:aria-pressed:bg-slate-800";

/**
 * `/s/:sessionId`: the chat beside the gallery of its artifacts. On a phone the two share the screen in turn,
 * switched by the Chat / Artifacts buttons.
 */
export default function SessionPage({ params }: Route.ComponentProps) {
  // A session of its own each: nothing typed, scrolled or opened in one carries over to the next.
  return <SessionView key={params.sessionId} sessionId={params.sessionId} />;
}

function SessionView({ sessionId }: { sessionId: string }) {
  const session = useSession(sessionId);
  const [pane, setPane] = useState<"chat" | "artifacts">("chat");
  const listed = useQuery(sessionsQuery).data?.sessions.find((summary) => summary.id === sessionId);
  if (session.missing) return <MissingSession />;
  return (
    <div className="mx-auto flex h-dvh max-w-7xl flex-col gap-3 p-3 md:grid md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] md:grid-rows-[auto_minmax(0,1fr)] md:gap-x-6 md:p-4">
      <PageHeader
        title={listed?.title ?? "Folio"}
        className="md:col-span-2"
        actions={
          <>
            <ExportLink scope={{ sessionId }} label="Export" title="Download this session as a zip" />
            <ShareButton
              label="Share session"
              choices={[{ label: "Make a link", request: { kind: "session", sessionId } }]}
            />
          </>
        }
      />
      <nav aria-label="Panes" className="flex gap-1 rounded-lg bg-slate-200 p-1 md:hidden dark:bg-slate-900">
        <button
          type="button"
          aria-pressed={pane === "chat"}
          onClick={() => setPane("chat")}
          className={paneButton}
        >
          Chat
        </button>
        <button
          type="button"
          aria-pressed={pane === "artifacts"}
          onClick={() => setPane("artifacts")}
          className={paneButton}
        >
          Artifacts ({session.artifacts.length})
        </button>
      </nav>
      <main className={`${pane === "chat" ? "flex" : "hidden"} min-h-0 flex-1 flex-col md:flex`}>
        <Chat
          messages={session.messages}
          artifacts={session.artifacts}
          connection={session.connection}
          waiting={session.waiting}
          problem={session.problem}
          onDismissProblem={session.dismissProblem}
          onSend={(content) => session.send({ type: "chat", content })}
          onStop={(messageId) => session.send({ type: "cancel", messageId })}
        />
      </main>
      <aside className={`${pane === "artifacts" ? "flex" : "hidden"} min-h-0 flex-1 flex-col md:flex`}>
        <Gallery
          sessionId={sessionId}
          more={session.moreArtifacts}
          onLoadMore={session.loadMoreArtifacts}
          total={listed?.artifactCount}
          artifacts={session.artifacts}
          drafts={session.drafts}
          actions={{
            onUpdate: (artifact, updates, baseVersion) =>
              session.updateArtifact(artifact.id, updates, baseVersion),
            onDelete: (artifact) => session.deleteArtifact(artifact.id),
          }}
        />
      </aside>
    </div>
  );
}

/** A session this workspace does not have: never confirms whether it exists elsewhere. */
function MissingSession() {
  return (
    <main className="mx-auto max-w-xl p-8">
      <div className="md:hidden">
        <SidebarButton />
      </div>
      <h1 className="mt-4 text-xl font-bold">No such session</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        This workspace has no session at this address. It may have been deleted, or belong to someone else.
      </p>
      <Link to="/" className="mt-4 inline-block text-indigo-600 underline dark:text-indigo-300">
        Open your latest session
      </Link>
    </main>
  );
}
