import { SessionsResponse } from "@folio/protocol";
import { redirect } from "react-router";
import { apiJson } from "../features/api/api-client";
import { createSession } from "../features/workspace/sessions";
import { queryClient } from "../query-client";

/** `/` opens the workspace's latest session, or starts one when there is none. */
export async function clientLoader() {
  const { sessions } = await apiJson(SessionsResponse, "/api/sessions?limit=1");
  const latest = sessions[0];
  return redirect(`/s/${latest ? latest.id : await createSession(queryClient)}`);
}

export default function Home() {
  return null;
}
