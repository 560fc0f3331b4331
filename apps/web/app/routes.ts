import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("s/:sessionId", "routes/session.tsx"),
  route("s/:sessionId/a/:artifactId", "routes/artifact.tsx"),
] satisfies RouteConfig;
