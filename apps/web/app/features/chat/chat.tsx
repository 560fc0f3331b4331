import type { Artifact, Message, ProtocolError } from "@folio/protocol";
import {
  type FormEvent,
  type KeyboardEvent,
  lazy,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { ProblemAlert } from "../session/problem-alert";
import type { ConnectionState } from "../socket/session-socket";

// The markdown renderer (react-markdown, micromark) loads after the page: answers show as plain text for that
// moment, and the page's first JavaScript stays small.
const MessageMarkdown = lazy(() =>
  import("./message-markdown").then((module) => ({ default: module.MessageMarkdown })),
);

interface ChatProps {
  messages: readonly Message[];
  artifacts: readonly Artifact[];
  connection: ConnectionState;
  /** How many sends wait for the connection to come back. */
  waiting?: number;
  /** The last refusal (by the server, or before sending), shown until dismissed. */
  problem?: ProtocolError | null;
  onDismissProblem?(): void;
  /** Returns false when the message was refused, so it stays in the box. */
  onSend(content: string): boolean;
  onStop(messageId: string): void;
}

const NO_ARTIFACTS: readonly Artifact[] = [];
// How close to the bottom (in pixels) still counts as reading the latest message.
const FOLLOW_SLACK = 80;
// A long conversation opens on its latest messages; earlier ones are drawn on request, this many at a time.
const MESSAGE_PAGE = 20;

/** The conversation and the message box: Enter sends, Shift+Enter starts a new line. */
export function Chat({
  messages,
  artifacts,
  connection,
  waiting = 0,
  problem = null,
  onDismissProblem,
  onSend,
  onStop,
}: ChatProps) {
  const [draft, setDraft] = useState("");
  const [heldBack, setHeldBack] = useState(false);
  const [shownCount, setShownCount] = useState(MESSAGE_PAGE);
  const hiddenCount = Math.max(0, messages.length - shownCount);
  const shown = hiddenCount > 0 ? messages.slice(hiddenCount) : messages;
  const streaming = messages.find((message) => message.status === "streaming");
  const byMessage = useMemo(() => {
    const map = new Map<string, Artifact[]>();
    for (const artifact of artifacts) {
      if (artifact.messageId === null) continue;
      const list = map.get(artifact.messageId);
      if (list) list.push(artifact);
      else map.set(artifact.messageId, [artifact]);
    }
    return map;
  }, [artifacts]);

  // Follow the conversation as it grows, unless the reader has scrolled up to something older. Each message is
  // watched for size: a new one reports at once, and so does the answer as it streams, highlights or settles.
  const list = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-observe only when messages come or go
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (following.current) element.scrollTop = element.scrollHeight;
    });
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, [messages.length, shownCount]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (draft.trim() === "") return;
    // One answer at a time: the message stays in the box instead of being refused by the server.
    if (streaming) {
      setHeldBack(true);
      return;
    }
    setHeldBack(false);
    if (onSend(draft)) setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }

  return (
    <section aria-label="Chat" className="flex min-h-0 flex-1 flex-col gap-3">
      <p role="status" className="text-xs text-slate-500">
        {
          {
            connected: "Connected",
            connecting: "Connecting…",
            reconnecting: "Reconnecting…",
            offline: "Offline",
          }[connection]
        }
      </p>
      {waiting > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-300">
          {waiting === 1 ? "1 change waits" : `${waiting} changes wait`} to be sent when the connection is
          back.
        </p>
      )}
      <ol
        ref={list}
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_SLACK;
        }}
        className="flex flex-1 flex-col gap-3 overflow-y-auto"
        aria-label="Messages"
      >
        {hiddenCount > 0 && (
          <li className="self-center">
            <button
              type="button"
              onClick={() => {
                following.current = false;
                setShownCount(shownCount + MESSAGE_PAGE);
              }}
              className="rounded-md border border-slate-300 px-3 py-1 text-xs dark:border-slate-700"
            >
              Show earlier messages ({hiddenCount})
            </button>
          </li>
        )}
        {shown.map((message) => (
          <li
            key={message.id}
            className={
              message.role === "user"
                ? "max-w-full self-end rounded-2xl bg-indigo-600 px-4 py-2 text-white [contain-intrinsic-size:auto_80px] [content-visibility:auto]"
                : "max-w-full rounded-2xl bg-white px-4 py-2 shadow-sm [contain-intrinsic-size:auto_300px] [content-visibility:auto] dark:bg-slate-900"
            }
          >
            <p className="sr-only">{message.role === "user" ? "You" : "Assistant"}:</p>
            {message.role === "user" ? (
              <div className="whitespace-pre-wrap break-words text-sm">{message.content}</div>
            ) : (
              <Suspense
                fallback={<div className="whitespace-pre-wrap break-words text-sm">{message.content}</div>}
              >
                <MessageMarkdown
                  content={message.content}
                  artifacts={byMessage.get(message.id) ?? NO_ARTIFACTS}
                />
              </Suspense>
            )}
            {message.status === "error" && (
              <p className="mt-1 text-xs text-red-600">The answer stopped early because of an error.</p>
            )}
            {message.status === "cancelled" && <p className="mt-1 text-xs text-slate-500">Stopped.</p>}
          </li>
        ))}
      </ol>
      <ProblemAlert problem={problem} onDismiss={onDismissProblem} />
      {heldBack && streaming && (
        <p className="text-xs text-slate-500">
          An answer is still coming: your message waits in the box until it ends, or press Stop.
        </p>
      )}
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
