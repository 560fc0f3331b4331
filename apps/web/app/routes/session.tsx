import { Chat } from "../features/chat/chat";
import { Gallery } from "../features/gallery/gallery";
import { useSession } from "../features/session/use-session";
import type { Route } from "./+types/session";

export function meta() {
  return [{ title: "Folio session" }];
}

/** `/s/:sessionId`: the chat beside the gallery of its artifacts. */
export default function SessionPage({ params }: Route.ComponentProps) {
  const session = useSession(params.sessionId);
  return (
    <div className="mx-auto grid h-dvh max-w-7xl grid-cols-1 gap-6 p-4 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <main className="flex min-h-0 flex-col gap-2">
        <h1 className="text-lg font-bold">Folio</h1>
        <Chat
          messages={session.messages}
          connection={session.connection}
          onSend={(content) => session.send({ type: "chat", content })}
          onStop={(messageId) => session.send({ type: "cancel", messageId })}
        />
      </main>
      <aside className="min-h-0 overflow-y-auto">
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
