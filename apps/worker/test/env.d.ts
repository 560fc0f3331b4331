// Tests see the Worker's own bindings (wrangler.jsonc) on `env` from "cloudflare:workers".
import type { Env } from "../src/env.js";

declare global {
  namespace Cloudflare {
    interface Env extends FolioEnv {}
  }
}
type FolioEnv = Env;
