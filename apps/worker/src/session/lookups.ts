/**
 * A session, artifact or version a caller names, or the `not_found` it is told when that is not here (a socket's
 * carries its requestId).
 */
import type { Artifact, ArtifactVersion, ProtocolError, Validated, VersionDiff } from "@folio/protocol";
import type { Echo } from "./replies.js";
import type { SessionStore } from "./store.js";
import { diffVersions } from "./version-diff.js";

export const NO_SUCH_SESSION: ProtocolError = { code: "not_found", message: "no such session" };

export function artifactOf(store: SessionStore, artifactId: string): Validated<Artifact> {
  const artifact = store.artifacts.get(artifactId);
  return artifact ? { ok: true, value: artifact } : { ok: false, error: noSuchArtifact() };
}

/** Every version of an artifact, oldest first, the current one last. */
export function versionsOf(store: SessionStore, artifactId: string): Validated<ArtifactVersion[]> {
  const versions = store.versions.list(artifactId);
  return versions ? { ok: true, value: versions } : { ok: false, error: noSuchArtifact() };
}

export function withVersions(
  store: SessionStore,
  artifactId: string,
): Validated<{ artifact: Artifact; versions: ArtifactVersion[] }> {
  const artifact = store.artifacts.get(artifactId);
  const versions = store.versions.list(artifactId);
  if (!artifact || !versions) return { ok: false, error: noSuchArtifact() };
  return { ok: true, value: { artifact, versions } };
}

/** How the content changed from one version to another (either way round). */
export function diffOf(
  store: SessionStore,
  artifactId: string,
  from: number,
  to: number,
): Validated<VersionDiff> {
  const older = versionOf(store, artifactId, from);
  if (!older.ok) return older;
  const newer = versionOf(store, artifactId, to);
  if (!newer.ok) return newer;
  return { ok: true, value: diffVersions(older.value, newer.value) };
}

export function versionOf(
  store: SessionStore,
  artifactId: string,
  version: number,
  echo: Echo = {},
): Validated<ArtifactVersion> {
  const found = store.versions.get(artifactId, version);
  if (found) return { ok: true, value: found };
  if (!store.artifacts.get(artifactId)) return { ok: false, error: noSuchArtifact(echo) };
  return {
    ok: false,
    error: { code: "not_found", message: `the artifact has no version ${version}`, ...echo },
  };
}

export function noSuchArtifact(echo: Echo = {}): ProtocolError {
  return { code: "not_found", message: "no such artifact", ...echo };
}
