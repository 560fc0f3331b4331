/**
 * Proves a library can be published: packs it as `pnpm pack` would for the registry, installs the tarball into
 * an empty project with npm (nothing from this workspace but the tarball and its dependencies' own), and runs a
 * script there that imports it. Nothing comes from the network: each dependency is packed from the copy this
 * workspace installed (as the registry served it) into the same folder, and npm installs offline from there, so
 * a registry that stalls can never fail the test. Used by each published package's `published.test.ts`.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

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
    const tarballs = [join(work, tarball), ...packDependencies(packageDir, work)];
    execFileSync(
      "npm",
      ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs],
      {
        cwd: project,
        stdio: "pipe",
      },
    );
    writeFileSync(join(project, "consumer.mjs"), script);
    const output = execFileSync("node", ["consumer.mjs"], { cwd: project, encoding: "utf8" });
    return { files, output };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Packs what the package in `dir` needs at run time, and what that needs, into `into`; gives the tarballs. Each is
 * the installed copy as it is (the files the registry's tarball held), under the `package/` folder npm expects.
 */
function packDependencies(dir: string, into: string, packed = new Map<string, string>()): string[] {
  const { dependencies = {} } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(dependencies).flatMap((name) => {
    const installed = installedCopy(dir, name);
    if (packed.has(installed)) return [];
    const folder = join(into, `dependency-${packed.size}`);
    const tarball = `${folder}.tgz`;
    packed.set(installed, tarball);
    cpSync(installed, join(folder, "package"), { recursive: true });
    execFileSync("tar", ["-czf", tarball, "-C", folder, "package"]);
    return [tarball, ...packDependencies(installed, into, packed)];
  });
}

/** The folder of `name` as Node would find it from `dir` (its real path, out of pnpm's links). */
function installedCopy(dir: string, name: string): string {
  for (let at = dir; ; at = dirname(at)) {
    const candidate = join(at, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(at) === at) throw new Error(`${name}, a dependency of ${dir}, is not installed`);
  }
}
