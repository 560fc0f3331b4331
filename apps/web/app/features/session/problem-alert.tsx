import type { ProtocolError } from "@folio/protocol";

/** What was last refused (by the server, or before sending), with its code, until dismissed. */
export function ProblemAlert({ problem, onDismiss }: { problem: ProtocolError | null; onDismiss?(): void }) {
  if (problem === null) return null;
  return (
    <div
      role="alert"
      className="flex items-start justify-between gap-2 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <span>
        Not done ({problem.code}): {problem.message}
      </span>
      <button type="button" onClick={onDismiss} className="font-semibold underline">
        Dismiss
      </button>
    </div>
  );
}
