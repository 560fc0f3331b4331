import { join } from "node:path";
import { expect, it } from "vitest";
import { packInstallAndRun } from "../../../script/published-package.js";

it("packs, installs into an empty project (with zod, its one dependency) and validates there", () => {
  const { files, output } = packInstallAndRun(
    join(import.meta.dirname, ".."),
    `import { parseClientFrame, PROTOCOL_VERSION } from "@folio/protocol";
console.log(JSON.stringify({ version: PROTOCOL_VERSION, ok: parseClientFrame('{"type":"get_messages"}').ok, bad: parseClientFrame("{").ok }));`,
  );
  expect(JSON.parse(output)).toEqual({ version: 1, ok: true, bad: false });
  expect(files).toContain("dist/index.d.ts");
  expect(files.filter((file) => file.includes(".test."))).toEqual([]);
}, 300_000);
