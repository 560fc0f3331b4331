/**
 * Proves a library can be published: packs it as `pnpm pack` would for the registry, installs the tarball into
 * an empty project with npm (its dependencies from the registry, nothing from this workspace), and runs a
 * script there that imports it. Used by each published package's `published.test.ts`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Installed {
  /** The files the tarball holds, relative to the package root. */
  files: string[];
  /** What the script printed. */
  output: string;
}

export function packInstallAndRun(packageDir: string, script: string): Installed {
  const work = mkdtempSync(join(tmpdir(), "folio-published-"));
  try {
    execFileSync("pnpm", ["pack", "--pack-destination", work], { cwd: packageDir, stdio: "pipe" });
    const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
    if (!tarball) throw new Error("pnpm pack made no tarball");
    const files = execFileSync("tar", ["-tzf", join(work, tarball)], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => line.replace(/^package\//, ""));
    const project = join(work, "project");
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    installFromRegistry(project, join(work, tarball));
    writeFileSync(join(project, "consumer.mjs"), script);
    const output = execFileSync("node", ["consumer.mjs"], { cwd: project, encoding: "utf8" });
    return { files, output };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `npm install` of the tarball into the project, its dependencies from the registry. A registry that stalls or
 * drops a connection is not a fault of the package: each request gives up after 20 s (npm's default waits 5
 * minutes, and one stalled request once took a whole CI run's test timeout), and the install is tried three
 * times; the last failure says what npm said. A certificate npm does not trust is not retried.
 */
function installFromRegistry(project: string, tarball: string): void {
  const args = ["install", "--no-audit", "--no-fund", "--loglevel=error", "--fetch-timeout=20000", tarball];
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("npm", args, { cwd: project, stdio: "pipe" });
      return;
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? "").slice(-2000);
      // An untrusted certificate fails every attempt the same way: the environment naming the machine's CA
      // (NODE_EXTRA_CA_CERTS, npm_config_cafile) did not reach npm; turbo passes only what turbo.json lists.
      if (/CERT|certificate/.test(stderr)) {
        throw new Error(
          `npm does not trust the registry's certificate (is its CA in the environment?): ${stderr}`,
        );
      }
      if (attempt < 3) continue;
      throw new Error(`npm install failed three times: ${stderr}`);
    }
  }
}
