// Builds and checks the Teams app package: manifest.json with ${{VAR}} placeholders filled from env/.env.<env>,
// validated offline against the official schema bundled in @microsoft/app-manifest, zipped with both icons, and the zip
// read back and checked (schema, icon sizes, outline colours, nothing else inside).
//   npm run package -- [env] [--out <folder>]     env defaults to "local"; the zip is appPackage/build/appPackage.<env>.zip
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppManifestUtils, type AppManifest } from "@microsoft/app-manifest";
import JSZip from "jszip";
import { parse as parseDotenv } from "./dotenv";
import { decodePng } from "./icons";

/** Repository root (this file runs from lib/scripts/). */
export const ROOT = path.resolve(__dirname, "..", "..");
const APP_PACKAGE = path.join(ROOT, "appPackage");

/** `${{NAME}}` as the Agents Toolkit writes placeholders. */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The files a Teams app package holds, with the size each icon must have. */
export const ICONS = { "color.png": 192, "outline.png": 32 } as const;

/** Placeholders whose value may be empty (a production environment has no name suffix). */
const MAY_BE_EMPTY = new Set(["APP_NAME_SUFFIX"]);

/** Names of every `${{VAR}}` in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Reads env/.env.<env> and env/.env.<env>.user (if present); later files win, as in the toolkit. */
export function readEnvironment(env: string, envFolder = path.join(ROOT, "env")): Record<string, string> {
  const file = path.join(envFolder, `.env.${env}`);
  if (!existsSync(file)) throw new Error(`no environment file ${path.relative(ROOT, file)}`);
  const values = parseDotenv(readFileSync(file, "utf8"));
  const userFile = `${file}.user`;
  if (existsSync(userFile)) Object.assign(values, parseDotenv(readFileSync(userFile, "utf8")));
  return values;
}

/**
 * Replaces every `${{VAR}}`; a value in `overrides` (the process environment) wins over the env file, as when the
 * toolkit runs in a pipeline. Throws naming every variable that has no value.
 */
export function fillPlaceholders(text: string, values: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}): string {
  const missing = placeholdersIn(text).filter((name) => !MAY_BE_EMPTY.has(name) && !(overrides[name] || values[name]));
  if (missing.length > 0) {
    throw new Error(
      `no value for ${missing.join(", ")}: run the toolkit's provision for this environment (it writes them into the env file) or set them in the environment`,
    );
  }
  return text.replace(PLACEHOLDER, (_m, name: string) => overrides[name] || values[name] || "");
}

/** Newest numbered (non-preview) Teams manifest schema bundled in @microsoft/app-manifest, e.g. "1.30". */
export function newestBundledSchemaVersion(): string {
  const numbered = readdirSync(bundledSchemaFolder())
    .map((name) => /^v(\d+)\.(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [Number(m[1]), Number(m[2])] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const newest = numbered[numbered.length - 1];
  if (!newest) throw new Error("@microsoft/app-manifest bundles no Teams manifest schema");
  return `${newest[0]}.${newest[1]}`;
}

/** Where @microsoft/app-manifest keeps its copies of the Teams manifest schemas (v1.0 … v1.x, vDevPreview). */
function bundledSchemaFolder(): string {
  const packageJson = require.resolve("@microsoft/app-manifest/package.json");
  return path.join(path.dirname(packageJson), "build", "json-schemas", "teams");
}

/** The official schema for a manifest version, read from the package's own copy (never fetched). */
export function bundledSchema(manifestVersion: string): object {
  const file = path.join(bundledSchemaFolder(), `v${manifestVersion}`, "MicrosoftTeams.schema.json");
  if (!existsSync(file)) throw new Error(`@microsoft/app-manifest bundles no schema for manifest version ${manifestVersion}`);
  // The schema files contain "\a" and "\v" escapes that JSON doesn't allow; the package cleans them the same way.
  return JSON.parse(readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b")) as object;
}

/** Schema errors of a filled-in manifest (empty when valid). Offline: the schema comes from the package. */
export async function validateManifest(manifest: { manifestVersion?: unknown; $schema?: unknown }): Promise<string[]> {
  if (typeof manifest.manifestVersion !== "string") return ["manifestVersion is missing"];
  const schema = bundledSchema(manifest.manifestVersion);
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema as never);
}

/** Problems with an icon (empty when fine): size, and for the outline only white or transparent pixels. */
export function checkIcon(name: keyof typeof ICONS, bytes: Buffer): string[] {
  const problems: string[] = [];
  let png;
  try {
    png = decodePng(bytes);
  } catch (err) {
    return [`${name} is not a PNG (${(err as Error).message})`];
  }
  const size = ICONS[name];
  if (png.width !== size || png.height !== size) problems.push(`${name} is ${png.width}×${png.height}, must be ${size}×${size}`);
  if (name === "outline.png") {
    let coloured = 0;
    let transparent = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const alpha = png.data[i + 3];
      if (alpha === 0) transparent++;
      else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
    }
    if (coloured > 0) problems.push(`outline.png has ${coloured} pixels that are neither white nor transparent`);
    if (transparent === 0) problems.push("outline.png has no transparent background");
  }
  if (name === "color.png" && png.data.length > 0 && png.data.every((b, i) => i % 4 !== 3 || b === 0)) {
    problems.push("color.png is fully transparent");
  }
  return problems;
}

/** Everything wrong with a package zip (empty when it can be uploaded). */
export async function checkPackage(zipBytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(zipBytes);
  const names = Object.keys(zip.files).sort();
  const expected = ["color.png", "manifest.json", "outline.png"];
  const problems: string[] = [];
  if (names.join() !== expected.join()) problems.push(`the zip must hold exactly ${expected.join(", ")} at its root; it holds ${names.join(", ")}`);
  const manifestFile = zip.file("manifest.json");
  if (!manifestFile) return problems;
  const manifestText = await manifestFile.async("string");
  const left = placeholdersIn(manifestText);
  if (left.length > 0) problems.push(`manifest.json still has placeholders: ${left.join(", ")}`);
  let manifest: { manifestVersion?: unknown; icons?: { color?: string; outline?: string } };
  try {
    manifest = JSON.parse(manifestText) as typeof manifest;
  } catch (err) {
    return [...problems, `manifest.json is not JSON (${(err as Error).message})`];
  }
  problems.push(...(await validateManifest(manifest)).map((e) => `manifest.json: ${e}`));
  for (const name of Object.keys(ICONS) as (keyof typeof ICONS)[]) {
    const file = zip.file(name);
    if (file) problems.push(...checkIcon(name, await file.async("nodebuffer")));
  }
  if (manifest.icons?.color !== "color.png" || manifest.icons?.outline !== "outline.png") {
    problems.push("manifest.json icons must name color.png and outline.png");
  }
  return problems;
}

/** Zips a filled-in manifest and the icons; fixed timestamps, so the same input gives the same bytes. */
export async function zipPackage(manifestText: string, icons: Record<keyof typeof ICONS, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2020, 0, 1));
  zip.file("manifest.json", manifestText, { date });
  for (const [name, bytes] of Object.entries(icons)) zip.file(name, bytes, { date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
}

export interface BuildOptions {
  env: string;
  /** Folder for the zip; appPackage/build by default. */
  outFolder?: string;
  /** Values that win over the env file (the process environment). */
  overrides?: Record<string, string | undefined>;
  envFolder?: string;
}

/** Builds appPackage.<env>.zip, then reads it back and validates it; throws with every problem found. */
export async function buildAppPackage(options: BuildOptions): Promise<string> {
  const values = readEnvironment(options.env, options.envFolder);
  const manifestText = fillPlaceholders(readFileSync(path.join(APP_PACKAGE, "manifest.json"), "utf8"), values, options.overrides);
  const icons = { "color.png": readFileSync(path.join(APP_PACKAGE, "color.png")), "outline.png": readFileSync(path.join(APP_PACKAGE, "outline.png")) };
  const zipBytes = await zipPackage(manifestText, icons);
  const problems = await checkPackage(zipBytes);
  if (problems.length > 0) throw new Error(`the app package is not valid:\n  ${problems.join("\n  ")}`);
  const outFolder = options.outFolder ?? path.join(APP_PACKAGE, "build");
  mkdirSync(outFolder, { recursive: true });
  const file = path.join(outFolder, `appPackage.${options.env}.zip`);
  writeFileSync(file, zipBytes);
  return file;
}

/** Command line: [env] [--out folder]. */
export function parseArgs(argv: string[]): { env: string; outFolder?: string } {
  let env = "local";
  let outFolder: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") outFolder = path.resolve(argv[++i] ?? "");
    else if (/^[a-z][a-z0-9-]*$/i.test(arg)) env = arg;
    else throw new Error(`unknown argument ${arg}`);
  }
  return { env, outFolder };
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  buildAppPackage({ ...args, overrides: process.env }).then(
    (file) => console.log(`app package valid: ${path.relative(process.cwd(), file)}`),
    (err: Error) => {
      console.error(`npm run package: ${err.message}`);
      process.exitCode = 1;
    },
  );
}
