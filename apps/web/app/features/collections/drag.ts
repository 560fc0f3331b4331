/** Dragging an artifact card: what it carries, and reading it back where it is dropped. */
export const ARTIFACT_DRAG_TYPE = "application/x-folio-artifact";

export function startArtifactDrag(event: React.DragEvent, artifact: { id: string; title: string }): void {
  event.dataTransfer.setData(ARTIFACT_DRAG_TYPE, artifact.id);
  event.dataTransfer.setData("text/plain", artifact.title);
  event.dataTransfer.effectAllowed = "copy";
}

/** The id of the artifact being dragged, or null when what is dragged is not an artifact card. */
export function draggedArtifact(event: React.DragEvent): string | null {
  return event.dataTransfer.getData(ARTIFACT_DRAG_TYPE) || null;
}

export function carriesArtifact(event: React.DragEvent): boolean {
  return event.dataTransfer.types.includes(ARTIFACT_DRAG_TYPE);
}
