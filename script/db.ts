/**
 * A read-only SQL shell over the local state `script/start` keeps: finds the SQLite database of a session or a
 * workspace by its id and runs one query on it, or summarises its tables. Nothing can be written: the file is
 * opened read-only, so a stray UPDATE fails without touching the data.
 *
 *   script/db <sessionId|workspaceId> "SELECT id, title, version FROM artifacts"
 *   script/db <sessionId|workspaceId> --tables
 *   script/db --list
 *
 * Options: --json prints each row as one JSON line, in full (the table cuts long values).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DatabaseSync } from "node:sqlite";

const state = resolve(
  process.env.FOLIO_STATE_DIR ?? join(import.meta.dirname, "../apps/worker/.wrangler/state"),
);
const objects = join(state, "v3", "do");
const KINDS = { "folio-Session": "session", "folio-Workspace": "workspace" } as const;
/** Tables the runtime keeps for itself, left out of `--tables`. */
const INTERNAL = /^(_cf_|__miniflare_|sqlite_)|_fts_(data|idx|docsize|config)$/;
const CELL = 60;

interface Database {
  id: string;
  kind: string;
  file: string;
}

function databases(): Database[] {
  if (!existsSync(objects)) return [];
  return Object.entries(KINDS).flatMap(([dir, kind]) => {
    const folder = join(objects, dir);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((name) => name.endsWith(".sqlite") && name !== "metadata.sqlite")
      .flatMap((name) => {
        const file = join(folder, name);
        const db = open(file);
        try {
          const row = db.prepare("SELECT name FROM __miniflare_do_name").get() as
            | { name?: string }
            | undefined;
          return row?.name ? [{ id: row.name, kind, file }] : [];
        } catch {
          return [];
        } finally {
          db.close();
        }
      });
  });
}

function open(file: string): DatabaseSync {
  return new DatabaseSync(file, { readOnly: true });
}

function show(value: unknown, full: boolean): string {
  if (value === null) return "NULL";
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  const text = String(value);
  return full || text.length <= CELL ? text : `${text.slice(0, CELL - 1)}…`;
}

function printRows(rows: Record<string, unknown>[], json: boolean, cut = true): void {
  if (json) {
    for (const row of rows) {
      const plain = Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          value instanceof Uint8Array
            ? `<${value.byteLength} bytes>`
            : typeof value === "bigint"
              ? String(value)
              : value,
        ]),
      );
      console.log(JSON.stringify(plain));
    }
    return;
  }
  if (rows.length === 0) {
    console.log("(no rows)");
    return;
  }
  const columns = Object.keys(rows[0] as object);
  const cells = rows.map((row) => columns.map((column) => show(row[column], !cut).replace(/\n/g, "⏎")));
  const widths = columns.map((column, at) =>
    Math.max(column.length, ...cells.map((line) => (line[at] as string).length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, at) => value.padEnd(widths[at] as number))
      .join("  ")
      .trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const values of cells) console.log(line(values));
  console.log(`(${rows.length} row${rows.length === 1 ? "" : "s"})`);
}

function tables(db: DatabaseSync): Record<string, unknown>[] {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
    .all()
    .map((row) => String(row.name))
    .filter((name) => !INTERNAL.test(name));
  return names.map((name) => {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const rows = (db.prepare(`SELECT COUNT(*) AS n FROM ${quoted}`).get() as { n: number }).n;
    const columns = db
      .prepare(`PRAGMA table_info(${quoted})`)
      .all()
      .map((column) => String(column.name));
    return { table: name, rows, columns: columns.join(", ") };
  });
}

function fail(message: string): never {
  console.error(`script/db: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const [target, query] = args.filter((arg) => arg !== "--json");
if (!target || target === "--help" || target === "-h") {
  console.log(
    'usage: script/db <sessionId|workspaceId> "SELECT …" | --tables [--json]\n       script/db --list',
  );
  process.exit(target ? 0 : 1);
}
if (target === "--list") {
  printRows(
    databases().map(({ id, kind }) => ({ kind, id })),
    json,
  );
  process.exit(0);
}
const found = databases().find((database) => database.id === target);
if (!found)
  fail(`no session or workspace ${JSON.stringify(target)} in ${state} (script/db --list shows them)`);
if (!query) fail('say what to read: a query ("SELECT …") or --tables');
const db = open(found.file);
try {
  if (query === "--tables") {
    console.log(`${found.kind} ${found.id}  (${found.file})`);
    printRows(tables(db), json, false);
  } else {
    const statement = db.prepare(query);
    statement.setReadBigInts(true);
    printRows(statement.all() as Record<string, unknown>[], json);
  }
} catch (error) {
  fail((error as Error).message);
} finally {
  db.close();
}
