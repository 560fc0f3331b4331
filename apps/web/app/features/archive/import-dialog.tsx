/**
 * The import dialog: a Folio export (zip), a ChatGPT `conversations.json` or a markdown transcript, picked or
 * pasted; a progress bar while the server works through it, session by session; then what was added.
 */
import type { ImportSummary } from "@folio/protocol";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import { contentTypeOf, type ImportProgress, runImport } from "./run-import";

const button =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

const STATUS_TEXT = {
  added: "added",
  skipped: "already here",
  conflict: "conflict: imported before from another export; unchanged",
  failed: "not imported",
} as const;

export function ImportButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const client = useQueryClient();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = () => {
    setProgress(null);
    setSummary(null);
    setProblem(null);
    dialog.current?.showModal();
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const pasted = String(form.get("pasted") ?? "");
    const chosen = file instanceof File && file.size > 0 ? file : null;
    if (!chosen && pasted.trim() === "") return setProblem("Choose a file or paste a transcript.");
    setBusy(true);
    setProblem(null);
    setSummary(null);
    setProgress({ done: 0, total: null, latest: null });
    try {
      const result = chosen
        ? await runImport(chosen, contentTypeOf(chosen), setProgress)
        : await runImport(pasted, "text/markdown", setProgress);
      setSummary(result);
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
      void client.invalidateQueries({ queryKey: ["workspace"] });
    }
  };

  const added = summary?.sessions.filter((session) => session.status === "added") ?? [];
  return (
    <>
      <button type="button" className={button} onClick={open}>
        Import…
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="import-title"
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="import-title" className="mb-2 text-lg font-semibold">
          Import
        </h2>
        <form onSubmit={submit} className="flex flex-col gap-3">
          <label className="flex flex-col gap-1 text-sm">
            A Folio export (.zip), ChatGPT's conversations.json, or a markdown transcript
            <input name="file" type="file" accept=".zip,.json,.md,.markdown,.txt" disabled={busy} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            …or paste a transcript
            <textarea
              name="pasted"
              rows={4}
              disabled={busy}
              placeholder={"## User\nMake a button\n\n## Assistant\n```tsx\n…\n```"}
              className="rounded-md border border-slate-300 bg-transparent p-2 font-mono text-xs dark:border-slate-700"
            />
          </label>
          {progress && (
            <div className="flex flex-col gap-1 text-sm">
              <progress
                aria-label="Import progress"
                className="w-full"
                max={progress.total ?? undefined}
                value={progress.total === null ? undefined : progress.done}
              />
              <span aria-live="polite">
                {progress.total === null
                  ? "Reading the file…"
                  : `${progress.done} of ${progress.total} sessions${progress.latest ? ` — ${progress.latest}` : ""}`}
              </span>
            </div>
          )}
          {problem && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {problem}
            </p>
          )}
          {summary && (
            <section aria-label="Import summary" className="flex flex-col gap-1 text-sm">
              <p>
                Added {added.length} {added.length === 1 ? "session" : "sessions"} with{" "}
                {added.reduce((sum, session) => sum + session.artifacts, 0)} artifacts
                {summary.collections.added > 0 ? ` and ${summary.collections.added} collections` : ""}.
              </p>
              <ul className="max-h-48 overflow-y-auto">
                {summary.sessions.map((session) => (
                  <li key={session.origin} className="flex justify-between gap-2">
                    {session.sessionId ? (
                      <Link to={`/s/${session.sessionId}`} className="truncate underline">
                        {session.title}
                      </Link>
                    ) : (
                      <span className="truncate">{session.title}</span>
                    )}
                    <span
                      className={
                        session.status === "failed" ? "text-red-700 dark:text-red-400" : "text-slate-500"
                      }
                    >
                      {STATUS_TEXT[session.status]}
                      {session.error ? `: ${session.error}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className={button} onClick={() => dialog.current?.close()}>
              Close
            </button>
            <button
              type="submit"
              disabled={busy}
              className={`${button} bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900`}
            >
              {busy ? "Importing…" : "Import"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
