/**
 * The workspace's sessions: New chat, each session by title and last activity (the open one marked), rename
 * and delete (confirmed) from a session's menu, more on request, the collections, and the links to the library
 * and settings.
 */
import type { SessionSummary } from "@folio/protocol";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, NavLink, useNavigate, useParams } from "react-router";
import { CollectionsNav } from "../collections/collections-nav";
import { relativeTime } from "./relative-time";
import { createSession, deleteSession, loadMoreSessions, renameSession, sessionsQuery } from "./sessions";

const item = "block rounded-md px-2 py-1.5 text-sm hover:bg-slate-200 dark:hover:bg-slate-800";

export function SessionsSidebar() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const { sessionId: openId } = useParams();
  const list = useQuery(sessionsQuery);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<SessionSummary | null>(null);
  const report = (error: unknown) => setProblem(error instanceof Error ? error.message : String(error));

  const startChat = async () => {
    try {
      void navigate(`/s/${await createSession(client)}`);
    } catch (error) {
      report(error);
    }
  };

  return (
    <nav aria-label="Sessions" className="flex h-full min-h-0 flex-col gap-2 p-3">
      <div className="flex items-center justify-between gap-2">
        <Link to="/" className="text-lg font-bold">
          Folio
        </Link>
        <button
          type="button"
          onClick={startChat}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500"
        >
          New chat
        </button>
      </div>
      {problem && (
        <p
          role="alert"
          className="rounded bg-red-50 px-2 py-1 text-xs text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {problem}{" "}
          <button type="button" className="underline" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </p>
      )}
      <ul aria-label="Your sessions" className="min-h-0 flex-1 space-y-0.5 overflow-y-auto">
        {list.isPending && <li className="px-2 text-sm text-slate-500">Loading…</li>}
        {list.data?.sessions.length === 0 && (
          <li className="px-2 text-sm text-slate-500">No sessions yet.</li>
        )}
        {list.data?.sessions.map((session) => (
          <SessionItem
            key={session.id}
            session={session}
            open={session.id === openId}
            onRename={(title) => renameSession(client, session.id, title).catch(report)}
            onDelete={() => setConfirming(session)}
          />
        ))}
        {list.data?.nextCursor && (
          <li>
            <button
              type="button"
              className={`${item} w-full text-left text-indigo-600`}
              onClick={() => loadMoreSessions(client).catch(report)}
            >
              Show older sessions
            </button>
          </li>
        )}
      </ul>
      <CollectionsNav onProblem={report} />
      <div className="flex gap-1 border-t border-slate-200 pt-2 dark:border-slate-800">
        <NavLink to="/library" className={({ isActive }) => `${item} ${isActive ? "font-semibold" : ""}`}>
          Library
        </NavLink>
        <NavLink to="/stats" className={({ isActive }) => `${item} ${isActive ? "font-semibold" : ""}`}>
          Stats
        </NavLink>
        <NavLink to="/settings" className={({ isActive }) => `${item} ${isActive ? "font-semibold" : ""}`}>
          Settings
        </NavLink>
      </div>
      {confirming && (
        <ConfirmDelete
          session={confirming}
          onCancel={() => setConfirming(null)}
          onConfirm={async () => {
            setConfirming(null);
            try {
              await deleteSession(client, confirming.id);
              if (confirming.id === openId) void navigate("/");
            } catch (error) {
              report(error);
            }
          }}
        />
      )}
    </nav>
  );
}

function SessionItem({
  session,
  open,
  onRename,
  onDelete,
}: {
  session: SessionSummary;
  open: boolean;
  onRename(title: string): void;
  onDelete(): void;
}) {
  const [menu, setMenu] = useState(false);
  const [renaming, setRenaming] = useState(false);

  if (renaming) {
    const submit = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const title = String(new FormData(event.currentTarget).get("title") ?? "").trim();
      if (title !== "" && title !== session.title) onRename(title);
      setRenaming(false);
    };
    return (
      <li>
        <form onSubmit={submit} className="px-1">
          <input
            name="title"
            aria-label="Session title"
            defaultValue={session.title}
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this session
            autoFocus
            onKeyDown={(event) => event.key === "Escape" && setRenaming(false)}
            onBlur={(event) => event.currentTarget.form?.requestSubmit()}
            className="w-full rounded border border-indigo-400 bg-white px-2 py-1 text-sm dark:bg-slate-900"
          />
        </form>
      </li>
    );
  }
  return (
    <li className="group relative">
      <Link
        to={`/s/${session.id}`}
        aria-current={open ? "page" : undefined}
        className={`${item} pr-8 aria-[current=page]:bg-slate-200 aria-[current=page]:font-semibold dark:aria-[current=page]:bg-slate-800`}
      >
        <span className="block truncate">{session.title}</span>
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          {relativeTime(session.lastActivityAt)}
        </span>
      </Link>
      <button
        type="button"
        aria-label={`Actions for ${session.title}`}
        aria-expanded={menu}
        onClick={() => setMenu(!menu)}
        className="absolute top-1.5 right-1 rounded px-1.5 text-slate-500 hover:bg-slate-300 dark:hover:bg-slate-700"
      >
        ⋯
      </button>
      {menu && (
        <MenuPopover onClose={() => setMenu(false)}>
          <button
            type="button"
            role="menuitem"
            className={`${item} w-full text-left`}
            onClick={() => {
              setMenu(false);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            role="menuitem"
            className={`${item} w-full text-left text-red-700 dark:text-red-300`}
            onClick={() => {
              setMenu(false);
              onDelete();
            }}
          >
            Delete
          </button>
        </MenuPopover>
      )}
    </li>
  );
}

/** A small menu under its button; Escape or a click elsewhere closes it. */
function MenuPopover({ onClose, children }: { onClose(): void; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const away = (event: PointerEvent) => {
      if (!ref.current?.parentElement?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    addEventListener("pointerdown", away);
    addEventListener("keydown", onKey);
    return () => {
      removeEventListener("pointerdown", away);
      removeEventListener("keydown", onKey);
    };
  }, [onClose]);
  return (
    <div
      ref={ref}
      role="menu"
      className="absolute right-1 z-10 mt-1 w-32 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      {children}
    </div>
  );
}

/** Deleting a session deletes its messages and artifacts for good: the user says so first. */
function ConfirmDelete({
  session,
  onCancel,
  onConfirm,
}: {
  session: SessionSummary;
  onCancel(): void;
  onConfirm(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="delete-session-title"
      onCancel={onCancel}
      className="m-auto max-w-sm rounded-lg bg-white p-5 text-slate-900 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="delete-session-title" className="font-semibold">
        Delete “{session.title}”?
      </h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
        Its {session.messageCount} messages and {session.artifactCount} artifacts are deleted for good.
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded-md border px-3 py-1.5 text-sm">
          Keep it
        </button>
        <button
          type="button"
          onClick={onConfirm}
          className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white"
        >
          Delete session
        </button>
      </div>
    </dialog>
  );
}
