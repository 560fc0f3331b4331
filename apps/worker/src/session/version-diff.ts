/** The line diff between two versions of an artifact: the protocol's `lineDiff` of their contents, as the web's. */
import { type ArtifactVersion, lineDiff, type VersionDiff } from "@folio/protocol";

export function diffVersions(from: ArtifactVersion, to: ArtifactVersion): VersionDiff {
  return {
    artifactId: from.artifactId,
    from: from.version,
    to: to.version,
    ...lineDiff(from.content, to.content),
  };
}
