// Bundles Rebound's entry points into dist/ (one file each, platform SDKs loaded only when used),
// so production starts plain `node` on JavaScript: quicker to start and lighter than running
// TypeScript through a loader. Dependencies stay in node_modules (not bundled).
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // A production install (npm ci --omit=dev) has no esbuild: it runs the dist/ built with the image.
  if (existsSync(`${dist}/main.js`)) process.exit(0);
  console.error('rebound: cannot build: esbuild is not installed (run npm ci)');
  process.exit(1);
}

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts', 'src/backup.ts', 'adapters/discord/register-cli.ts'].filter((f) =>
    existsSync(`${root}${f}`),
  ),
  outdir: 'dist',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// The chart's font files, beside the bundle that loads them.
cpSync(`${root}src/charts/fonts`, `${dist}/fonts`, { recursive: true });
