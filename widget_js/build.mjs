// Builds the share button with esbuild: the loader (server/static/widget/widget.js, a classic script any page
// includes) with its minified style sheets inlined, and the frame's module (server/static/widget/embed.js).
// Run by `make widget` (part of `make run` and `make test`): node widget_js/build.mjs
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = (name) => fileURLToPath(new URL(`../server/static/widget/${name}`, import.meta.url));
const common = { bundle: true, minify: true, charset: "utf8", target: "es2020", logLevel: "warning", legalComments: "none" };

async function css(name) {
  const result = await build({ ...common, entryPoints: [here(`src/css/${name}.css`)], write: false });
  return result.outputFiles[0].text.trim();
}

await build({
  ...common, entryPoints: [here("src/loader.js")], outfile: out("widget.js"), format: "iife",
  define: { BUTTON_CSS: JSON.stringify(await css("button")), DIALOG_CSS: JSON.stringify(await css("dialog")) },
});
await build({ ...common, entryPoints: [here("src/embed.js")], outfile: out("embed.js"), format: "esm" });
