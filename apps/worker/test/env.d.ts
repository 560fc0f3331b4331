// Tests see the Worker's own bindings (worker-configuration.d.ts) and its optional variables on `env` from
// "cloudflare:workers".
import type { FolioVariables } from "../src/env.js";

declare global {
  namespace Cloudflare {
    interface Env extends FolioVariables {}
  }
}
