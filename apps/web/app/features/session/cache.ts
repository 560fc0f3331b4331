/** Keeps the query cache of one session current from WebSocket frames: the only writer besides REST. */
import type { Artifact, Message, ServerFrame } from "@folio/protocol";
import type { QueryClient } from "@tanstack/react-query";

/** A code block still streaming: shown as a card before it is saved. */
export interface Draft {
  messageId: string;
  index: number;
  info: string;
  lang: string | null;
  code: string;
}

export const sessionKeys = {
  messages: (sessionId: string) => ["session", sessionId, "messages"] as const,
  artifacts: (sessionId: string) => ["session", sessionId, "artifacts"] as const,
  drafts: (sessionId: string) => ["session", sessionId, "drafts"] as const,
};

export function applyFrame(client: QueryClient, sessionId: string, frame: ServerFrame): void {
  const setMessages = (update: (messages: Message[]) => Message[]) =>
    client.setQueryData<Message[]>(sessionKeys.messages(sessionId), (old) => update(old ?? []));
  const setArtifacts = (update: (artifacts: Artifact[]) => Artifact[]) =>
    client.setQueryData<Artifact[]>(sessionKeys.artifacts(sessionId), (old) => update(old ?? []));
  const setDrafts = (update: (drafts: Draft[]) => Draft[]) =>
    client.setQueryData<Draft[]>(sessionKeys.drafts(sessionId), (old) => update(old ?? []));

  switch (frame.type) {
    case "message":
    case "message_start":
      return void setMessages((messages) => upsertById(messages, frame.message));
    case "message_delta":
      return void setMessages((messages) =>
        messages.map((m) => (m.id === frame.messageId ? { ...m, content: m.content + frame.delta } : m)),
      );
    case "message_done":
      setMessages((messages) => upsertById(messages, frame.message));
      setArtifacts((artifacts) => frame.artifacts.reduce(upsertById, artifacts));
      return void setDrafts((drafts) => drafts.filter((d) => d.messageId !== frame.message.id));
    case "artifact_open":
      return void setDrafts((drafts) => [
        ...drafts,
        { messageId: frame.messageId, index: frame.index, info: frame.info, lang: frame.lang, code: "" },
      ]);
    case "artifact_delta":
      return void setDrafts((drafts) =>
        drafts.map((d) =>
          d.messageId === frame.messageId && d.index === frame.index
            ? { ...d, code: d.code + frame.delta }
            : d,
        ),
      );
    case "artifact_created":
    case "artifact_updated": {
      const { artifact } = frame;
      setArtifacts((artifacts) => upsertById(artifacts, artifact));
      return void setDrafts((drafts) =>
        drafts.filter((d) => !(d.messageId === artifact.messageId && d.index === artifact.metadata.index)),
      );
    }
    case "artifact_deleted":
      return void setArtifacts((artifacts) => artifacts.filter((a) => a.id !== frame.artifactId));
    case "messages":
      return void client.setQueryData(sessionKeys.messages(sessionId), frame.messages);
    case "artifacts":
      if (frame.messageId === undefined)
        client.setQueryData(sessionKeys.artifacts(sessionId), frame.artifacts);
      return;
    case "error":
      return; // not server state: the session hook shows it (useSession's `problem`)
  }
}

function upsertById<T extends { id: string }>(items: T[], item: T): T[] {
  const at = items.findIndex((existing) => existing.id === item.id);
  if (at === -1) return [...items, item];
  const copy = items.slice();
  copy[at] = item;
  return copy;
}
