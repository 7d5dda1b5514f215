import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseSecretKey, SecretBoxError } from '../src/secret-box.ts';

const KEY_HEX = 'a3'.repeat(32);
const box = createSecretBox(Buffer.from(KEY_HEX, 'hex'));

describe('the secret box (AES-256-GCM)', () => {
  it('opens what it sealed, and seals the same token differently each time', () => {
    const a = box.seal('xoxb-1-secret', 'slack:T1');
    const b = box.seal('xoxb-1-secret', 'slack:T1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(box.open(a, 'slack:T1')).toBe('xoxb-1-secret');
    expect(box.open(b, 'slack:T1')).toBe('xoxb-1-secret');
  });

  it('refuses a sealed value with any byte of its ciphertext, tag or nonce altered', () => {
    const sealed = box.seal('xoxb-1-secret', 'slack:T1');
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const altered = parts.map((part, i) => (i === index ? bytes.toString('base64url') : part)).join('.');
      expect(() => box.open(altered, 'slack:T1')).toThrow(SecretBoxError);
    }
    expect(() => box.open('xoxb-1-secret', 'slack:T1')).toThrow(SecretBoxError);
  });

  it('refuses a value sealed with another key, or moved to another row', () => {
    const sealed = box.seal('xoxb-1-secret', 'slack:T1');
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'slack:T1')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'slack:T2')).toThrow(SecretBoxError);
  });

  it('reads a key of 32 bytes as 64 hex characters or base64, and nothing shorter', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString('hex'))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('base64url'))).toEqual(bytes);
    expect(parseSecretKey(randomBytes(16).toString('hex'))).toBeNull();
    expect(parseSecretKey(randomBytes(31).toString('base64'))).toBeNull();
    expect(parseSecretKey('not a key at all')).toBeNull();
    expect(() => createSecretBox(randomBytes(16))).toThrow(SecretBoxError);
  });
});
