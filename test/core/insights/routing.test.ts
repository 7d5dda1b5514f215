import { describe, expect, it } from 'vitest';
import { createWorld, textOf } from '../../helpers/world.ts';

describe('buttons and subcommands named like built-in properties', () => {
  it('are refused privately instead of crashing', async () => {
    const world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    try {
      await world.run('UYAN', '/rebound setup 09:00 UTC');
      for (const actionId of ['valueOf', 'constructor:x', '__proto__', 'toString']) {
        expect(textOf(await world.click('UYAN', actionId))).toBe('That button no longer does anything.');
      }
      expect(textOf(await world.run('UYAN', '/rebound constructor'))).toContain('Rebound helps your circle keep going');
    } finally {
      world.close();
    }
  });
});
