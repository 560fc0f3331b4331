/**
 * The command palette: Ctrl-K (⌘K on a Mac) anywhere in the app opens it; typing finds sessions by title and
 * artifacts of the whole workspace by a full-text search on the server; Up and Down choose, Enter opens, Escape
 * closes and gives focus back where it was. A combobox over a listbox, as WAI-ARIA describes one.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { SEARCH_DEBOUNCE_MS, workspaceSearchQuery } from "../search/search-queries";
import { Snippet } from "../search/snippet";
import { useDebounced } from "../search/use-debounced";
import { sessionsQuery } from "../workspace/sessions";

const MAX_SESSIONS = 5;
const MAX_ARTIFACTS = 8;

type Choice = {
  key: string;
  label: string;
  detail: string;
  to: string;
  match?: Parameters<typeof Snippet>[0]["result"];
};

const PAGES: Choice[] = [
  { key: "page:library", label: "Library", detail: "Page", to: "/library" },
  { key: "page:stats", label: "Stats", detail: "Page", to: "/stats" },
  { key: "page:settings", label: "Settings", detail: "Page", to: "/settings" },
];

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey) {
        event.preventDefault();
        setOpen((isOpen) => !isOpen);
      }
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  return open ? <Palette onClose={() => setOpen(false)} /> : null;
}

function Palette({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const listId = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  const sessions = useQuery(sessionsQuery).data?.sessions;
  const artifacts = useQuery(workspaceSearchQuery(query, { limit: MAX_ARTIFACTS }));
  const returnFocus = useRef<Element | null>(document.activeElement);

  const choices = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = (label: string) => words.every((word) => label.toLowerCase().includes(word));
    const sessionChoices: Choice[] = (sessions ?? [])
      .filter((session) => matches(session.title))
      .slice(0, MAX_SESSIONS)
      .map((session) => ({
        key: `session:${session.id}`,
        label: session.title,
        detail: "Session",
        to: `/s/${session.id}`,
      }));
    const artifactChoices: Choice[] =
      query === "" || text.trim() === ""
        ? []
        : (artifacts.data?.results ?? []).map((result) => ({
            key: `artifact:${result.artifact.id}`,
            label: result.artifact.title,
            detail: result.artifact.type,
            to: `/s/${result.artifact.sessionId}/a/${result.artifact.id}`,
            match: result,
          }));
    return [...sessionChoices, ...artifactChoices, ...PAGES.filter((page) => matches(page.label))];
  }, [text, query, sessions, artifacts.data]);
  const chosen = Math.min(active, choices.length - 1);

  function close() {
    onClose();
    (returnFocus.current as HTMLElement | null)?.focus?.();
  }

  function go(choice: Choice | undefined) {
    if (!choice) return;
    onClose();
    void navigate(choice.to);
  }

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/40 p-4 pt-[12vh]">
      <button
        type="button"
        aria-label="Close the command palette"
        className="fixed inset-0 cursor-default"
        onClick={close}
      />
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        className="relative w-full max-w-xl overflow-hidden rounded-xl border border-slate-200 bg-white shadow-2xl dark:border-slate-700 dark:bg-slate-900"
      >
        <input
          // biome-ignore lint/a11y/noAutofocus: the palette opens to be typed in
          autoFocus
          role="combobox"
          aria-label="Go to a session or artifact"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={chosen >= 0 ? `${listId}-${chosen}` : undefined}
          aria-autocomplete="list"
          placeholder="Go to a session or artifact…"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown") setActive((index) => Math.min(index + 1, choices.length - 1));
            else if (event.key === "ArrowUp") setActive((index) => Math.max(index - 1, 0));
            else if (event.key === "Enter") go(choices[chosen]);
            else if (event.key === "Escape") close();
            else return;
            event.preventDefault();
          }}
          className="w-full border-b border-slate-200 bg-transparent px-4 py-3 outline-none dark:border-slate-700"
        />
        <div id={listId} role="listbox" aria-label="Results" className="max-h-[60vh] overflow-y-auto p-1">
          {choices.map((choice, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's keys choose; a click is the pointer's way
            <div
              key={choice.key}
              tabIndex={-1}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === chosen}
              onMouseMove={() => setActive(index)}
              onClick={() => go(choice)}
              className={`cursor-pointer rounded-lg px-3 py-2 ${index === chosen ? "bg-indigo-50 dark:bg-indigo-950" : ""}`}
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="truncate font-medium">{choice.label}</span>
                <span className="shrink-0 text-xs text-slate-500">{choice.detail}</span>
              </span>
              {choice.match && <Snippet result={choice.match} className="line-clamp-2" />}
            </div>
          ))}
        </div>
        {choices.length === 0 && <p className="px-4 py-3 text-sm text-slate-500">Nothing matches.</p>}
      </div>
    </div>
  );
}
