/** Dragging an artifact card: what it carries, and reading it back where it is dropped. */
export const ARTIFACT_DRAG_TYPE = "application/x-folio-artifact";

/** What a card carries: the artifact and its session (a collection takes one just made only with its session). */
export interface DraggedArtifact {
  id: string;
  sessionId: string;
}

export function startArtifactDrag(
  event: React.DragEvent,
  artifact: DraggedArtifact & { title: string },
): void {
  event.dataTransfer.setData(ARTIFACT_DRAG_TYPE, `${artifact.sessionId}/${artifact.id}`);
  event.dataTransfer.setData("text/plain", artifact.title);
  event.dataTransfer.effectAllowed = "copy";
}

/** The artifact being dragged, or null when what is dragged is not an artifact card. */
export function draggedArtifact(event: React.DragEvent): DraggedArtifact | null {
  const [sessionId, id] = event.dataTransfer.getData(ARTIFACT_DRAG_TYPE).split("/");
  return sessionId && id ? { id, sessionId } : null;
}

export function carriesArtifact(event: React.DragEvent): boolean {
  return event.dataTransfer.types.includes(ARTIFACT_DRAG_TYPE);
}
