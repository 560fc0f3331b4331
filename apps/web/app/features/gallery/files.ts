/** An artifact as a file: its name with the right extension (from @folio/protocol), and a download of it. */
import { type Artifact, fileNameOf } from "@folio/protocol";
import { recordUsage } from "../stats/usage";

export function download(artifact: Artifact): void {
  recordUsage(artifact, "download");
  const url = URL.createObjectURL(new Blob([artifact.content], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(artifact);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
