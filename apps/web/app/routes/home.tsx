import { CreateSessionResponse } from "@folio/protocol";
import { redirect } from "react-router";

/** `/` starts a new session and sends the user to it. */
export async function clientLoader() {
  const response = await fetch("/api/sessions", { method: "POST" });
  if (!response.ok) throw new Error(`could not create a session (${response.status})`);
  const { sessionId } = CreateSessionResponse.parse(await response.json());
  return redirect(`/s/${sessionId}`);
}

export default function Home() {
  return null;
}
