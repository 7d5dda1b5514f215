/**
 * Runs once before any test file: bundles the production entry point (`npm run build`), so the
 * tests that start `node dist/main.js` run the code under test and never race each other's build.
 */
import { buildEntryPoint } from './helpers/entry-point.ts';

export default function setup(): void {
  buildEntryPoint();
}
