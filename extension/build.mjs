#!/usr/bin/env node
/**
 * build.mjs — the extension for Chrome and Firefox from this one source tree.
 *
 *   node extension/build.mjs [--out DIR] [--no-zip]     (`make extension` runs it)
 *
 * For each browser: the source's modules bundled by esbuild into plain scripts (content scripts and
 * Firefox's background script cannot be ES modules), the static files copied, and manifest.json written
 * as the shared manifest with the browser's own few keys laid over it (platform/<browser>.json): Chrome's
 * service worker and pinned key, Firefox's background script, gecko id and data-collection declaration.
 * The version is the shared manifest's, in both. Then each folder is zipped (web-ext build), into
 * DIR/porte-voix-<browser>-<version>.zip, next to DIR/extension/<browser>/ which browsers load unpacked.
 * DIR/extension/source.sha256 fingerprints the source the build came from (the tests refuse a stale build).
 */

import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const SOURCE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(SOURCE);
const BROWSERS = ["chrome", "firefox"];
const ENTRIES = ["background.js", "popup/popup.js", "options/options.js", "content/composer.js", "content/connect-bridge.js"];
const STATIC = ["_locales", "icons", "managed_schema.json", "lib/ui.css", "popup/popup.html", "popup/popup.css",
  "options/options.html", "options/options.css"];
const NOT_SOURCE = new Set(["README.md"]);

function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
}

/** Objects merged key by key; anything else (arrays included) replaced by the overlay's value. */
function overlay(base, extra) {
  const merged = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const both = value && typeof value === "object" && !Array.isArray(value) && typeof merged[key] === "object";
    merged[key] = both ? overlay(merged[key], value) : value;
  }
  return merged;
}

async function sourceFiles(dir = SOURCE) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (!NOT_SOURCE.has(entry.name)) files.push(full);
  }
  return files;
}

/** sha256 over every source file (relative POSIX path, NUL, content, NUL), sorted by path. */
export async function sourceFingerprint() {
  const files = (await sourceFiles()).map((file) => path.relative(SOURCE, file).split(path.sep).join("/")).sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(SOURCE, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

async function buildBrowser(browser, out, manifest) {
  const dir = path.join(out, "extension", browser);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const item of STATIC) await cp(path.join(SOURCE, item), path.join(dir, item), { recursive: true });
  await build({
    entryPoints: ENTRIES.map((entry) => path.join(SOURCE, entry)),
    outbase: SOURCE,
    outdir: dir,
    bundle: true,
    format: "iife",
    target: ["chrome120", "firefox140"],
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const platform = JSON.parse(await readFile(path.join(SOURCE, "platform", `${browser}.json`), "utf8"));
  await writeFile(path.join(dir, "manifest.json"), `${JSON.stringify(overlay(manifest, platform), null, 2)}\n`);
  return dir;
}

async function zip(dir, out, filename) {
  const webExt = path.join(ROOT, "node_modules", ".bin", "web-ext");
  await promisify(execFile)(webExt, ["build", "--source-dir", dir, "--artifacts-dir", out, "--filename", filename,
    "--overwrite-dest", "--no-config-discovery"]);
  return path.join(out, filename);
}

async function main() {
  const out = path.resolve(option("--out", path.join(ROOT, "dist")));
  const manifest = JSON.parse(await readFile(path.join(SOURCE, "manifest.json"), "utf8"));
  for (const browser of BROWSERS) {
    const dir = await buildBrowser(browser, out, manifest);
    const line = [`${browser}: ${path.relative(ROOT, dir) || dir}`];
    if (!process.argv.includes("--no-zip")) {
      line.push(path.relative(ROOT, await zip(dir, out, `porte-voix-${browser}-${manifest.version}.zip`)));
    }
    console.log(line.join("  "));
  }
  await writeFile(path.join(out, "extension", "source.sha256"), `${await sourceFingerprint()}\n`);
}

main().catch((error) => {
  console.error(error.stderr || error.message || error);
  process.exit(1);
});
