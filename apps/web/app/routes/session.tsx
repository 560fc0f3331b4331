import { useState } from "react";
import { Chat } from "../features/chat/chat";
import { Gallery } from "../features/gallery/gallery";
import { useSession } from "../features/session/use-session";
import { ThemeSelect } from "../features/theme/theme-select";
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
  const session = useSession(params.sessionId);
  const [pane, setPane] = useState<"chat" | "artifacts">("chat");
  return (
    <div className="mx-auto flex h-dvh max-w-7xl flex-col gap-3 p-3 md:grid md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] md:grid-rows-[auto_minmax(0,1fr)] md:gap-x-6 md:p-4">
      <header className="flex items-center justify-between gap-2 md:col-span-2">
        <h1 className="text-lg font-bold">Folio</h1>
        <ThemeSelect />
      </header>
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
          artifacts={session.artifacts}
          drafts={session.drafts}
          actions={{
            onUpdate: (artifact, updates) => session.updateArtifact(artifact.id, updates),
            onDelete: (artifact) => session.deleteArtifact(artifact.id),
          }}
        />
      </aside>
    </div>
  );
}
