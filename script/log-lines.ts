/**
 * Prints the Worker's structured log lines (apps/worker/src/observability/log.ts) readably, one per line, as
 * `script/start` shows them; any other line passes through unchanged. Reads stdin, writes stdout.
 *
 *   15:31:06 info  artifact.created  config.js (javascript v1, 52 B, 1 ms)  session 3f2a… artifact 7930…
 */
import { createInterface } from "node:readline";

const colours = process.stdout.isTTY;
const paint = (code: number, text: string) => (colours ? `\u001b[${code}m${text}\u001b[0m` : text);
const LEVEL = { info: 32, warn: 33, error: 31 } as Record<string, number>;

/** A log line's fields, or null for a line that is not one. */
function fieldsOf(line: string): Record<string, unknown> | null {
  const start = line.indexOf('{"level":');
  if (start < 0) return null;
  try {
    const fields = JSON.parse(line.slice(start)) as Record<string, unknown>;
    return typeof fields.event === "string" ? fields : null;
  } catch {
    return null;
  }
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function short(id: unknown): string {
  return typeof id === "string" && id.length > 12 ? `${id.slice(0, 8)}…` : String(id);
}

function readable(fields: Record<string, unknown>, now = new Date()): string {
  const {
    level,
    event,
    session,
    workspace,
    artifact,
    message,
    title,
    type,
    version,
    bytes,
    count,
    ms,
    status,
    error,
  } = fields;
  const details = [
    typeof type === "string" ? type : null,
    typeof version === "number" ? `v${version}` : null,
    typeof status === "string" ? status : null,
    typeof count === "number" ? `${count} item${count === 1 ? "" : "s"}` : null,
    typeof bytes === "number" ? size(bytes) : null,
    typeof ms === "number" ? `${ms} ms` : null,
  ].filter((part) => part !== null);
  const ids = [
    session === undefined ? null : `session ${short(session)}`,
    workspace === undefined ? null : `workspace ${short(workspace)}`,
    message === undefined ? null : `message ${short(message)}`,
    artifact === undefined ? null : `artifact ${short(artifact)}`,
  ].filter((part) => part !== null);
  const time = now.toTimeString().slice(0, 8);
  const tag = paint(LEVEL[String(level)] ?? 0, String(level ?? "info").padEnd(5));
  const what = [
    typeof title === "string" ? JSON.stringify(title) : null,
    details.length ? `(${details.join(", ")})` : null,
  ]
    .filter((part) => part !== null)
    .join(" ");
  const cause = typeof error === "string" ? `  ${paint(31, error)}` : "";
  return `${time} ${tag} ${paint(1, String(event).padEnd(18))} ${what}${cause}  ${paint(2, ids.join(" "))}`.trimEnd();
}

const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
lines.on("line", (line) => {
  const fields = fieldsOf(line);
  process.stdout.write(`${fields ? readable(fields) : line}\n`);
});
