/**
 * Reading a Folio export: `folio.json` validated against its schema, then each session's files unpacked when its
 * turn comes, each checked against the manifest (size, SHA-256, UTF-8) before anything is stored. Files are
 * unpacked a few megabytes of sessions at a time: each pass over the zip reads its whole directory, so a pass per
 * session would cost sessions × entries, and one pass for all would hold the whole unpacked zip in memory.
 */
import {
  FolioExport,
  LIMITS,
  MANIFEST_PATH,
  type FolioExport as Manifest,
  type Validated,
  validate,
} from "@folio/protocol";
import { type Unzipped, unzipSync } from "fflate";
import { errorText, log } from "../observability/log.js";
import type { SessionImport } from "../session/archive-import.js";
import type { ArchivedVersion } from "../session/artifact-versions.js";
import { sha256Hex } from "./digest.js";
import { type ImportBatch, MAX_IMPORT_SESSIONS, refused } from "./import-source.js";

/** What a zip may unpack to, in all, as its directory declares it (a guard against zip bombs). */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** What one pass unpacks at most, as the directory declares it, unless a single session alone is larger. */
const UNPACK_BATCH_BYTES = 8 * 1024 * 1024;
/** Damaged files one pass gets past (each costs a pass more) before the rest of the archive is refused. */
const MAX_DAMAGED_FILES = 8;

export async function readFolioExport(zip: Uint8Array): Promise<Validated<ImportBatch>> {
  let declared = 0;
  const sizes = new Map<string, number>();
  let files: Unzipped;
  try {
    files = unzipSync(zip, {
      filter: (file) => {
        declared += file.originalSize;
        sizes.set(file.name, file.originalSize);
        return file.name === MANIFEST_PATH;
      },
    });
  } catch {
    return refused("not a zip archive");
  }
  if (declared > MAX_UNPACKED_BYTES)
    return refused(`the archive unpacks to over ${MAX_UNPACKED_BYTES} bytes`);
  const manifestBytes = files[MANIFEST_PATH];
  if (!manifestBytes) return refused(`the archive has no ${MANIFEST_PATH}; is it a Folio export?`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    return refused(`${MANIFEST_PATH} is not JSON`);
  }
  const manifest = validate(FolioExport, parsed);
  if (!manifest.ok)
    return {
      ok: false,
      error: { ...manifest.error, message: `${MANIFEST_PATH}: ${manifest.error.message}` },
    };
  if (manifest.value.sessions.length > MAX_IMPORT_SESSIONS) {
    return refused(`at most ${MAX_IMPORT_SESSIONS} sessions in one import`);
  }
  const unpacker = new SessionUnpacker(zip, manifest.value.sessions, sizes);
  const sources = await Promise.all(
    manifest.value.sessions.map(async (session, index) => ({
      origin: `folio:${session.id}`,
      exportedSessionId: session.id,
      title: session.title || "Imported chat",
      digest: await sha256Hex(JSON.stringify(session)),
      artifactIds: session.artifacts.map((artifact) => artifact.id),
      read: () => readSession(unpacker, index, session),
    })),
  );
  return { ok: true, value: { sources, collections: manifest.value.collections } };
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

type ManifestSession = Manifest["sessions"][number];

function pathsOf(session: ManifestSession): string[] {
  return session.artifacts.flatMap((artifact) => artifact.versions.map((version) => version.path));
}

/**
 * Unpacks the files of the session asked for together with those of the sessions after it, up to
 * `UNPACK_BATCH_BYTES`, and keeps them until they are asked for. Asked in order, as an import asks, the zip is
 * passed over about (unpacked bytes / batch bytes) times, whatever the number of sessions. A file that does not
 * unpack fails only the sessions naming it, for one more pass each, up to `MAX_DAMAGED_FILES` in a pass; past
 * that the rest of the archive is refused as damaged.
 */
class SessionUnpacker {
  /** Each session's files by path: a Map, as a path is any name a manifest gives (`constructor`, `__proto__`). */
  private readonly unpacked = new Map<number, Validated<Map<string, Uint8Array>>>();
  /** Why every session not yet handed out is refused, once too many files would not unpack. */
  private broken: Validated<never> | null = null;
  private readonly zip: Uint8Array;
  private readonly sessions: ManifestSession[];
  /** Each entry's unpacked size, as the zip's directory declares it. */
  private readonly sizes: Map<string, number>;

  constructor(zip: Uint8Array, sessions: ManifestSession[], sizes: Map<string, number>) {
    this.zip = zip;
    this.sessions = sessions;
    this.sizes = sizes;
  }

  /** The files of session `index` found in the zip, by path; each session's are handed out once. */
  take(index: number): Validated<ReadonlyMap<string, Uint8Array>> {
    if (!this.unpacked.has(index) && !this.broken) this.unpackFrom(index);
    const files = this.unpacked.get(index) ?? this.broken ?? { ok: true, value: new Map() };
    this.unpacked.delete(index);
    return files;
  }

  private unpackFrom(first: number): void {
    this.unpacked.clear();
    /** Which of the batch's sessions name each path (a manifest may name one file twice). */
    const sessionsOf = new Map<string, number[]>();
    let bytes = 0;
    let last = first;
    for (let index = first; index < this.sessions.length; index++) {
      const paths = pathsOf(this.sessions[index] as ManifestSession);
      const size = paths.reduce((sum, path) => sum + (this.sizes.get(path) ?? 0), 0);
      if (index > first && bytes + size > UNPACK_BATCH_BYTES) break;
      bytes += size;
      last = index;
      for (const path of paths) {
        const named = sessionsOf.get(path);
        if (!named) sessionsOf.set(path, [index]);
        else if (named.at(-1) !== index) named.push(index);
      }
    }
    /** The files that would not unpack. */
    const damaged = new Set<string>();
    let files: Unzipped | null = null;
    while (files === null) {
      // fflate unpacks each file as soon as the filter accepts it, so a throw is the last accepted file's (the
      // entries' headers all read once already, for the manifest).
      const accepted: { name: string | null } = { name: null };
      try {
        files = unzipSync(this.zip, {
          filter: (file) => {
            accepted.name = sessionsOf.has(file.name) && !damaged.has(file.name) ? file.name : null;
            return accepted.name !== null;
          },
        });
      } catch {
        if (accepted.name === null || damaged.size === MAX_DAMAGED_FILES) {
          this.broken = refused("the archive is damaged: its files do not unpack");
          return;
        }
        damaged.add(accepted.name);
      }
    }
    for (let index = first; index <= last; index++) this.unpacked.set(index, { ok: true, value: new Map() });
    for (const path of damaged) {
      for (const index of sessionsOf.get(path) ?? []) {
        this.unpacked.set(index, refused(`the archive is damaged: ${path} does not unpack`));
      }
    }
    for (const [path, data] of Object.entries(files)) {
      for (const index of sessionsOf.get(path) ?? []) {
        const session = this.unpacked.get(index);
        if (session?.ok) session.value.set(path, data);
      }
    }
  }
}

async function readSessionFiles(
  unpacker: SessionUnpacker,
  index: number,
  session: ManifestSession,
): Promise<Validated<SessionImport>> {
  const unpacked = unpacker.take(index);
  if (!unpacked.ok) return unpacked;
  const files = unpacked.value;
  const messageIds = new Set(session.messages.map((message) => message.id));
  const artifacts: SessionImport["artifacts"] = [];
  for (const artifact of session.artifacts) {
    const versions: ArchivedVersion[] = [];
    for (const { path, bytes, sha256, ...fields } of artifact.versions) {
      const data = files.get(path);
      if (!data) return refused(`${path} is in ${MANIFEST_PATH} but not in the archive`);
      if (bytes > LIMITS.artifactContentBytes) {
        return { ok: false, error: { code: "too_large", message: `${path} is over 1 MiB` } };
      }
      if (data.length !== bytes || (await sha256Hex(data)) !== sha256) {
        return refused(`${path} is not the file ${MANIFEST_PATH} describes (its size or SHA-256 differs)`);
      }
      let content: string;
      try {
        content = decoder.decode(data);
      } catch {
        return refused(`${path} is not UTF-8 text`);
      }
      if (fields.messageId !== null && !messageIds.has(fields.messageId)) fields.messageId = null;
      versions.push({ ...fields, content });
    }
    artifacts.push({ messageId: artifact.messageId, createdAt: artifact.createdAt, versions });
  }
  return {
    ok: true,
    value: {
      // An answer cut off mid-stream when it was exported will never finish: it is kept as failed.
      messages: session.messages.map((message) =>
        message.status === "streaming" ? { ...message, status: "error" } : message,
      ),
      artifacts,
      extractBlocks: false,
    },
  };
}

async function readSession(
  unpacker: SessionUnpacker,
  index: number,
  session: ManifestSession,
): Promise<Validated<SessionImport>> {
  try {
    return await readSessionFiles(unpacker, index, session);
  } catch (error) {
    log({ event: "import.failed", error: errorText(error) });
    return {
      ok: false,
      error: { code: "internal", message: "the session could not be read from the archive" },
    };
  }
}
