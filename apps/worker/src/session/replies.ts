/** Frames sent to a session's sockets, and the requestId by which the socket that asked knows its reply. */
import type { ClientFrame, ProtocolError, ServerFrame } from "@folio/protocol";

export type Echo = { requestId?: string };

/** Sends a frame to every socket of the session; the socket that asked gets it with its requestId. */
export type Broadcast = (frame: ServerFrame, origin?: WebSocket, echo?: Echo) => void;

export function requestIdOf(frame: ClientFrame): Echo {
  return frame.requestId === undefined ? {} : { requestId: frame.requestId };
}

export function send(socket: WebSocket, frame: ServerFrame | "pong"): void {
  try {
    socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  } catch {
    // The socket closed meanwhile; its close handler cleans up.
  }
}

export function sendError(socket: WebSocket, error: ProtocolError): void {
  send(socket, { type: "error", ...error });
}
