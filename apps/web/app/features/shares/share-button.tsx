/**
 * "Share…": makes a read-only link to an artifact (this version, or always the latest) or to the session, and
 * shows it once to copy (only a hash of it is kept; Settings lists and revokes links).
 */
import type { CreateShareRequest } from "@folio/protocol";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { createShare, sharesQuery } from "./shares";

const button = "rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700";

export function ShareButton({
  label,
  choices,
}: {
  label: string;
  choices: { label: string; request: CreateShareRequest }[];
}) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function make(request: CreateShareRequest) {
    try {
      const share = await createShare(request);
      setUrl(share.url);
      setProblem(null);
      await client.invalidateQueries({ queryKey: sharesQuery.queryKey });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className="relative inline-block">
      <button type="button" className={button} aria-expanded={open} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <section
          aria-label="Share link"
          className="absolute right-0 z-30 mt-1 flex w-80 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="text-xs text-slate-500">
            Anyone with the link can read it, and nothing else of yours.
          </p>
          <div className="flex flex-wrap gap-1">
            {choices.map((choice) => (
              <button
                key={choice.label}
                type="button"
                className={button}
                onClick={() => make(choice.request)}
              >
                {choice.label}
              </button>
            ))}
          </div>
          {url && (
            <div className="flex gap-1">
              <input
                readOnly
                aria-label="Link"
                value={url}
                className="min-w-0 flex-1 rounded border px-1 font-mono text-xs"
              />
              <button
                type="button"
                className={button}
                onClick={() =>
                  void navigator.clipboard.writeText(url).then(() => {
                    setCopied(true);
                    setTimeout(() => setCopied(false), 1500);
                  })
                }
              >
                {copied ? "Copied" : "Copy"}
              </button>
            </div>
          )}
          {url && (
            <p className="text-xs text-slate-500">
              Copy it now: it is shown only once. Settings can revoke it.
            </p>
          )}
          {problem && (
            <p role="alert" className="text-xs text-red-700 dark:text-red-300">
              {problem}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
