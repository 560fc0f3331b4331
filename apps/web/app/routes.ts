import { index, layout, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  // A share link's page belongs to no workspace: no sidebar, no credential.
  route("share/:token", "routes/share.tsx"),
  layout("routes/workspace-layout.tsx", [
    route("s/:sessionId", "routes/session.tsx"),
    route("s/:sessionId/a/:artifactId", "routes/artifact.tsx", { id: "artifact" }),
    route("s/:sessionId/a/:artifactId/v/:version", "routes/artifact.tsx", { id: "artifact-version" }),
    route("library", "routes/library.tsx"),
    route("stats", "routes/stats.tsx"),
    route("settings", "routes/settings.tsx"),
  ]),
] satisfies RouteConfig;
