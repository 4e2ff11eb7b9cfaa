// `npm run package`: builds appPackage/build/appPackage.<env>.zip from the env file, reads it back and validates it.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { checkPackage, parseArgs, ROOT, zipPackage } from "../../scripts/app-package";

const run = promisify(execFile);
const SCRIPT = path.join(ROOT, "lib", "scripts", "app-package.js");
const VALUES = {
  TEAMS_APP_ID: "6f1f3f3a-0c57-4c1e-9a57-2a5e2f0c7b11",
  BOT_ID: "0d5c8a4e-7f43-4b8e-a6d5-2b1f9e3c4a70",
  BOT_DOMAIN: "tap-helpdesk.example.net",
};

/** The process environment without any value the toolkit could have left there. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [...Object.keys(VALUES), "APP_NAME_SUFFIX"]) delete env[key];
  return { ...env, ...extra };
}

describe("npm run package", function () {
  this.timeout(60_000);
  let out: string;
  before(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "app-package-"));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it("builds appPackage.local.zip with the manifest and both icons, and it validates", async () => {
    const { stdout } = await run(process.execPath, [SCRIPT, "--out", out], { cwd: ROOT, env: cleanEnv(VALUES) });
    assert.match(stdout, /app package valid: .*appPackage\.local\.zip/);
    const zipBytes = readFileSync(path.join(out, "appPackage.local.zip"));
    assert.deepEqual(await checkPackage(zipBytes), []);
    const zip = await JSZip.loadAsync(zipBytes);
    assert.deepEqual(Object.keys(zip.files).sort(), ["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as { id: string; name: { short: string } };
    assert.equal(manifest.id, VALUES.TEAMS_APP_ID);
    assert.equal(manifest.name.short, "TAP Helpdesk-local");
  });

  it("takes the environment name from the first argument", async () => {
    await run(process.execPath, [SCRIPT, "dev", "--out", out], { cwd: ROOT, env: cleanEnv(VALUES) });
    const manifest = JSON.parse(await (await JSZip.loadAsync(readFileSync(path.join(out, "appPackage.dev.zip")))).file("manifest.json")!.async("string")) as {
      name: { short: string };
    };
    assert.equal(manifest.name.short, "TAP Helpdesk-dev");
  });

  it("fails, naming what is missing, before the environment is provisioned", async () => {
    await assert.rejects(run(process.execPath, [SCRIPT, "--out", out], { cwd: ROOT, env: cleanEnv() }), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 1);
      assert.match(err.stderr, /no value for TEAMS_APP_ID, BOT_DOMAIN, BOT_ID/);
      return true;
    });
  });

  it("fails for an environment that has no env file", async () => {
    await assert.rejects(run(process.execPath, [SCRIPT, "nowhere", "--out", out], { cwd: ROOT, env: cleanEnv(VALUES) }), /no environment file env\/\.env\.nowhere/);
  });

  it("the zip check finds an extra file, a wrong icon and an invalid manifest", async () => {
    const icons = { "color.png": readFileSync(path.join(ROOT, "appPackage", "outline.png")), "outline.png": readFileSync(path.join(ROOT, "appPackage", "outline.png")) };
    const zip = await JSZip.loadAsync(await zipPackage(JSON.stringify({ manifestVersion: "1.30", icons: { color: "color.png", outline: "outline.png" } }), icons));
    zip.file("notes.txt", "hello");
    const problems = await checkPackage(await zip.generateAsync({ type: "nodebuffer" }));
    assert.ok(problems.some((p) => p.includes("it holds color.png, manifest.json, notes.txt, outline.png")), problems.join("\n"));
    assert.ok(problems.some((p) => p.includes("color.png is 32×32, must be 192×192")), problems.join("\n"));
    assert.ok(problems.some((p) => p.startsWith("manifest.json: ") && p.includes("required")), problems.join("\n"));
  });

  it("the same input gives the same zip", async () => {
    const icons = { "color.png": Buffer.from("a"), "outline.png": Buffer.from("b") };
    assert.ok((await zipPackage("{}", icons)).equals(await zipPackage("{}", icons)));
  });

  it("parses its arguments", () => {
    assert.deepEqual(parseArgs([]), { env: "local", outFolder: undefined });
    assert.deepEqual(parseArgs(["dev", "--out", "/tmp/x"]), { env: "dev", outFolder: "/tmp/x" });
    assert.throws(() => parseArgs(["--bogus"]), /unknown argument --bogus/);
  });
});
