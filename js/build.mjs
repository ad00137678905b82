// Build the intake form's sealing script: one self-hosted, versioned file.
//
//   cd js && npm ci && node build.mjs          # write the bundle and its note
//   cd js && npm ci && node build.mjs --check  # rebuild in memory, compare bytes
//
// Output (committed): tipline/static/seal/tipline-seal-<version>.js, where
// <version> is this folder's package.json version (bump it whenever the
// bundle changes, so a cached old copy can never pass for the new one), and
// tipline-seal-<version>.LICENSES.txt beside it: the packages bundled, their
// exact versions, npm integrity hashes and licence texts. Every input is
// pinned (package-lock.json, esbuild's exact version, fixed options), so
// anyone can rebuild the same bytes; --check proves it.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

const here = dirname(fileURLToPath(import.meta.url))
const pkg = JSON.parse(readFileSync(join(here, "package.json"), "utf8"))
const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"))
const outDir = join(here, "..", "tipline", "static", "seal")
const bundleName = `tipline-seal-${pkg.version}.js`
const noteName = `tipline-seal-${pkg.version}.LICENSES.txt`

async function bundle() {
  const result = await esbuild.build({
    entryPoints: [join(here, "src", "seal.js")],
    bundle: true,
    format: "iife",
    target: "es2022",
    platform: "browser",
    minify: true,
    legalComments: "none", // the licences are in the note beside the bundle
    charset: "utf8",
    write: false,
    absWorkingDir: here,
    banner: { js: `/* tipline-seal ${pkg.version}: built by js/build.mjs; licences in ${noteName} */` },
  })
  return Buffer.from(result.outputFiles[0].contents)
}

// The runtime packages in the bundle, from the lock file (dev tools excluded).
function bundledPackages() {
  return Object.entries(lock.packages)
    .filter(([path, info]) => path.startsWith("node_modules/") && !info.dev)
    .map(([path, info]) => ({ name: path.slice("node_modules/".length), dir: join(here, path), ...info }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

function note() {
  const esbuildVersion = pkg.devDependencies.esbuild
  const lines = [
    `tipline-seal-${pkg.version}.js`,
    "",
    "The tipline intake form's in-browser sealing script. Built from js/ in the",
    `tipline repository with esbuild ${esbuildVersion} (node build.mjs); it bundles`,
    "tipline's own js/src/*.js with these npm packages (exact versions from",
    "js/package-lock.json):",
    "",
  ]
  const packages = bundledPackages()
  for (const p of packages) lines.push(`  ${p.name} ${p.version}  ${p.license}  ${p.integrity}`)
  for (const p of packages) {
    lines.push("", "=".repeat(72), `${p.name} ${p.version} (${p.license})`, "=".repeat(72), "")
    lines.push(readFileSync(join(p.dir, "LICENSE"), "utf8").trimEnd())
  }
  return Buffer.from(lines.join("\n") + "\n", "utf8")
}

const outputs = { [bundleName]: await bundle(), [noteName]: note() }
if (process.argv.includes("--check")) {
  let same = true
  for (const [name, bytes] of Object.entries(outputs)) {
    let committed = null
    try {
      committed = readFileSync(join(outDir, name))
    } catch {
      // reported below
    }
    if (!committed || !committed.equals(bytes)) {
      console.error(`${name}: the committed file differs from a fresh build`)
      same = false
    }
  }
  if (!same) process.exit(1)
  console.log(`${bundleName}: rebuilt byte for byte`)
} else {
  mkdirSync(outDir, { recursive: true })
  for (const [name, bytes] of Object.entries(outputs)) writeFileSync(join(outDir, name), bytes)
  console.log(`wrote ${bundleName} (${outputs[bundleName].length} bytes) and ${noteName}`)
}
