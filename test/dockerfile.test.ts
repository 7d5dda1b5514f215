/**
 * No Docker engine runs where these tests run, so the image cannot be built here. These tests
 * check instead that what the Dockerfile assumes about the repository holds.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** Index of the build stage (FROM) it belongs to. */
  readonly stage: number;
}

/** Instructions, with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) && current === '') continue;
    const continued = /\\\s*$/.test(line);
    current += `${continued ? line.replace(/\\\s*$/, '') : line} `;
    if (!continued) {
      if (current.trim() !== '') logical.push(current.trim());
      current = '';
    }
  }
  let stage = -1;
  return logical.map((line) => {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stage += 1;
    return { keyword: keyword.toUpperCase(), args: args.trim(), stage };
  });
}

/** Splits `--flag=value` options off the front of an instruction's arguments. */
function options(args: string): { flags: Map<string, string>; rest: string } {
  const flags = new Map<string, string>();
  let rest = args;
  for (let match = /^--([\w-]+)(?:=(\S+))?\s+/.exec(rest); match; match = /^--([\w-]+)(?:=(\S+))?\s+/.exec(rest)) {
    flags.set(match[1] ?? '', match[2] ?? '');
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part): part is string => typeof part === 'string')) {
    throw new Error(`not an exec-form array: ${args}`);
  }
  return parsed;
}

/** Docker's .dockerignore patterns, as regular expressions over paths relative to the context. */
function ignorePatterns(text: string): RegExp[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((pattern) => {
      if (pattern.startsWith('!')) throw new Error('exceptions in .dockerignore are not handled by this test');
      const glob = posix.normalize(pattern).replace(/^\/+/, '');
      const source = glob
        .split('')
        .map((char, index, chars) => {
          if (char === '*' && chars[index + 1] === '*') return '';
          if (char === '*' && chars[index - 1] === '*') return '.*';
          if (char === '*') return '[^/]*';
          if (char === '?') return '[^/]';
          return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      // A pattern that matches a directory excludes everything inside it.
      return new RegExp(`^${source}(/.*)?$`);
    });
}

function filesUnder(relativePath: string): string[] {
  const absolute = join(ROOT, relativePath);
  if (!statSync(absolute).isDirectory()) return [relativePath];
  return readdirSync(absolute).flatMap((entry) => filesUnder(posix.join(relativePath, entry)));
}

const instructions = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const froms = instructions.filter((instruction) => instruction.keyword === 'FROM');
const finalStage = froms.length - 1;
const inFinal = (keyword: string) =>
  instructions.filter((instruction) => instruction.keyword === keyword && instruction.stage === finalStage);
const stageNames = froms.map((from) => /\bAS\s+(\S+)$/i.exec(from.args)?.[1] ?? null);
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  type?: string;
};

/** Copies from the build context (not from another stage): sources and destination. */
const contextCopies = instructions
  .filter((instruction) => instruction.keyword === 'COPY')
  .map((instruction) => ({ ...instruction, ...options(instruction.args) }))
  .filter((copy) => !copy.flags.has('from'))
  .map((copy) => {
    const parts = copy.rest.split(/\s+/);
    return { stage: copy.stage, sources: parts.slice(0, -1), destination: parts.at(-1) ?? '' };
  });

describe('Dockerfile', () => {
  it('builds every stage on the official Node 20 image', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) {
      const image = options(from.args).rest.split(/\s+/)[0] ?? '';
      expect(image).toMatch(/^node:20([.-]|$)/);
    }
  });

  it('copies only sources that exist in the repository and that .dockerignore lets through', () => {
    const ignored = ignorePatterns(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
    const sources = contextCopies.flatMap((copy) => copy.sources);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
      for (const file of filesUnder(posix.normalize(source))) {
        expect(
          ignored.some((pattern) => pattern.test(file)),
          `${file} is not excluded by .dockerignore`,
        ).toBe(false);
      }
    }
  });

  it('copies from other stages only by the name of an earlier stage', () => {
    const fromStage = instructions
      .filter((instruction) => instruction.keyword === 'COPY')
      .map((instruction) => ({ stage: instruction.stage, from: options(instruction.args).flags.get('from') }))
      .filter((copy) => copy.from !== undefined);
    expect(fromStage.length).toBeGreaterThan(0);
    for (const copy of fromStage) {
      const index = stageNames.indexOf(copy.from ?? '');
      expect(index, `stage ${copy.from}`).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(copy.stage);
    }
  });

  it('builds with every dependency, then keeps production dependencies only, better-sqlite3 among them', () => {
    const installs = instructions.filter(
      (instruction) => instruction.keyword === 'RUN' && /\bnpm ci\b/.test(instruction.args),
    );
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.stage).not.toBe(finalStage);
    const build = instructions.find(
      (instruction) => instruction.keyword === 'RUN' && /npm run build/.test(instruction.args),
    );
    expect(build?.args).toMatch(/npm run build && npm prune --omit=dev/);
    expect(packageJson.scripts.build).toBe('node scripts/build.mjs');
    // The runtime opens SQLite: it must survive the prune.
    expect(packageJson.dependencies).toHaveProperty('better-sqlite3');
    expect(packageJson.devDependencies).toHaveProperty('esbuild');
  });

  it('keeps compilers out of the runtime stage', () => {
    for (const run of inFinal('RUN')) expect(run.args).not.toMatch(/\b(g\+\+|gcc|make|python3)\b/);
  });

  it('runs the same entry file as the start script, with node receiving signals (exec form)', () => {
    const start = packageJson.scripts.start ?? '';
    // `npm start` builds, then runs the bundle; the image is built already and runs the bundle.
    const match = /^node scripts\/build\.mjs && node (\S+)$/.exec(start);
    expect(match).not.toBeNull();
    const entry = match?.[1];

    const cmd = inFinal('CMD');
    expect(cmd).toHaveLength(1);
    expect(execForm(cmd[0]?.args ?? '')).toEqual(['node', entry]);

    // The bundle comes from the build stage to the same place under WORKDIR, next to package.json
    // (whose "type": "module" makes node load it as ES modules) and the migrations it applies.
    const topFolder = entry?.split('/')[0];
    const fromBuild = instructions.filter(
      (i) => i.keyword === 'COPY' && i.stage === finalStage && /--from=build/.test(i.args),
    );
    expect(fromBuild.some((copy) => copy.args.includes(`/app/${topFolder}`))).toBe(true);
    const finalCopies = contextCopies.filter((copy) => copy.stage === finalStage);
    expect(finalCopies.some((copy) => copy.sources.includes('package.json'))).toBe(true);
    expect(finalCopies.some((copy) => copy.sources.includes('drizzle'))).toBe(true);
    expect(packageJson.type).toBe('module');
  });

  it('hands signals to node through an init process in exec form', () => {
    const entrypoint = inFinal('ENTRYPOINT');
    expect(entrypoint).toHaveLength(1);
    expect(execForm(entrypoint[0]?.args ?? '')).toEqual(['/usr/bin/tini', '--']);
    expect(inFinal('RUN').some((run) => /apt-get install .*\btini\b/.test(run.args))).toBe(true);
  });

  it('checks health with node against GET /healthz on the port the app listens on', () => {
    const healthcheck = inFinal('HEALTHCHECK');
    expect(healthcheck).toHaveLength(1);
    const { rest } = options(healthcheck[0]?.args ?? '');
    expect(rest.startsWith('CMD ')).toBe(true);
    const command = execForm(rest.slice('CMD '.length));
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain("/healthz'");
    expect(command[2]).toContain('process.env.PORT');
  });

  it('listens, by default, on the port the settings default to, and exposes it', () => {
    const defaultPort = loadConfig({}).port;
    expect(inFinal('EXPOSE').map((expose) => expose.args)).toEqual([String(defaultPort)]);
    const env = inFinal('ENV')
      .map((instruction) => instruction.args)
      .join(' ');
    expect(env).toMatch(new RegExp(`\\bPORT=${defaultPort}\\b`));
  });

  it('keeps the database on a volume at /data', () => {
    const env = inFinal('ENV')
      .map((instruction) => instruction.args)
      .join(' ');
    expect(env).toMatch(/\bREBOUND_DB=\/data\/rebound\.db\b/);
    expect(inFinal('VOLUME').map((volume) => volume.args)).toContain('/data');
    expect(inFinal('RUN').some((run) => /chown node:node \/data/.test(run.args))).toBe(true);
  });

  it('runs as a user other than root', () => {
    const users = inFinal('USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)?.args.split(':')[0];
    expect(user).not.toMatch(/^(root|0)$/);
  });
});

describe('.dockerignore', () => {
  it('keeps local dependencies, databases, settings and git history out of the build context', () => {
    const ignored = ignorePatterns(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
    for (const path of [
      'node_modules/x/index.js',
      'data/rebound.db',
      'backup.db',
      'data/rebound.db-wal',
      '.env',
      '.git/HEAD',
    ]) {
      expect(
        ignored.some((pattern) => pattern.test(path)),
        `${path} is excluded`,
      ).toBe(true);
    }
  });
});
