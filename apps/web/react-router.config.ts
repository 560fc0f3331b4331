import type { Config } from "@react-router/dev/config";

// A single-page app: the Worker serves build/client as static assets and answers /api itself.
export default { ssr: false } satisfies Config;
