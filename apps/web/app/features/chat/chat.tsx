import type { Message } from "@folio/protocol";
import { type FormEvent, type KeyboardEvent, useState } from "react";
import type { ConnectionState } from "../socket/session-socket";
import { MessageMarkdown } from "./message-markdown";

interface ChatProps {
  messages: readonly Message[];
  connection: ConnectionState;
  onSend(content: string): void;
  onStop(messageId: string): void;
}

/** The conversation and the message box: Enter sends, Shift+Enter starts a new line. */
export function Chat({ messages, connection, onSend, onStop }: ChatProps) {
  const [draft, setDraft] = useState("");
  const streaming = messages.find((message) => message.status === "streaming");

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (draft.trim() === "") return;
    onSend(draft);
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <section aria-label="Chat" className="flex min-h-0 flex-1 flex-col gap-3">
      <p role="status" className="text-xs text-slate-500">
        {connection === "connected" ? "Connected" : connection === "offline" ? "Offline" : "Reconnecting…"}
      </p>
      <ol className="flex flex-1 flex-col gap-3 overflow-y-auto" aria-label="Messages">
        {messages.map((message) => (
          <li
            key={message.id}
            className={
              message.role === "user"
                ? "self-end rounded-2xl bg-indigo-600 px-4 py-2 text-white"
                : "rounded-2xl bg-white px-4 py-2 shadow-sm dark:bg-slate-900"
            }
          >
            <p className="sr-only">{message.role === "user" ? "You" : "Assistant"}:</p>
            {message.role === "user" ? (
              <div className="whitespace-pre-wrap break-words text-sm">{message.content}</div>
            ) : (
              <MessageMarkdown content={message.content} />
            )}
            {message.status === "error" && (
              <p className="mt-1 text-xs text-red-600">The answer stopped early because of an error.</p>
            )}
            {message.status === "cancelled" && <p className="mt-1 text-xs text-slate-500">Stopped.</p>}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="flex gap-2">
        <textarea
          aria-label="Message"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          rows={2}
          placeholder="Ask for some code… (/echo <markdown> repeats it)"
          className="flex-1 resize-none rounded-xl border border-slate-300 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        {streaming ? (
          <button
            type="button"
            onClick={() => onStop(streaming.id)}
            className="rounded-xl bg-slate-700 px-4 text-white"
          >
            Stop
          </button>
        ) : (
          <button type="submit" className="rounded-xl bg-indigo-600 px-4 text-white">
            Send
          </button>
        )}
      </form>
    </section>
  );
}
