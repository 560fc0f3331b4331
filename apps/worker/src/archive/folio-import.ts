/**
 * Reading a Folio export: `folio.json` validated against its schema, then each session's files unpacked only when
 * its turn comes, each checked against the manifest (size, SHA-256, UTF-8) before anything is stored.
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
import type { SessionImport } from "../session/archive-import.js";
import type { ArchivedVersion } from "../session/store.js";
import { sha256Hex } from "./digest.js";
import { type ImportBatch, MAX_IMPORT_SESSIONS, refused } from "./import-source.js";

/** What a zip may unpack to, in all, as its directory declares it (a guard against zip bombs). */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

export async function readFolioExport(zip: Uint8Array): Promise<Validated<ImportBatch>> {
  let declared = 0;
  let files: Unzipped;
  try {
    files = unzipSync(zip, {
      filter: (file) => {
        declared += file.originalSize;
        return file.name === MANIFEST_PATH;
      },
    });
  } catch (error) {
    return refused(`not a zip archive: ${(error as Error).message}`);
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
  const sources = await Promise.all(
    manifest.value.sessions.map(async (session) => ({
      origin: `folio:${session.id}`,
      exportedSessionId: session.id,
      title: session.title || "Imported chat",
      digest: await sha256Hex(JSON.stringify(session)),
      artifactIds: session.artifacts.map((artifact) => artifact.id),
      read: () => Promise.resolve(readSession(zip, session)),
    })),
  );
  return { ok: true, value: { sources, collections: manifest.value.collections } };
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

async function readSessionFiles(
  zip: Uint8Array,
  session: Manifest["sessions"][number],
): Promise<Validated<SessionImport>> {
  const paths = new Set(
    session.artifacts.flatMap((artifact) => artifact.versions.map((version) => version.path)),
  );
  const files = unzipSync(zip, { filter: (file) => paths.has(file.name) });
  const messageIds = new Set(session.messages.map((message) => message.id));
  const artifacts: SessionImport["artifacts"] = [];
  for (const artifact of session.artifacts) {
    const versions: ArchivedVersion[] = [];
    for (const { path, bytes, sha256, ...fields } of artifact.versions) {
      const data = files[path];
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

function readSession(
  zip: Uint8Array,
  session: Manifest["sessions"][number],
): Promise<Validated<SessionImport>> {
  return readSessionFiles(zip, session).catch((error: Error) =>
    refused(`the archive is damaged: ${error.message}`),
  );
}
