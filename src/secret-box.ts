/**
 * Secrets at rest (the workspaces' Slack bot tokens): AES-256-GCM with a fresh 12-byte nonce per
 * value, the key from `REBOUND_SECRET_KEY`. A sealed value is `v1.<nonce>.<tag>.<ciphertext>`
 * (base64url), bound to a context (the row it belongs to) as additional data, so a value copied
 * into another row, altered, or opened with another key is refused rather than misread.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** Encrypts `plain`, bound to `context`. */
  seal(plain: string, context: string): string;
  /** Decrypts a sealed value; throws `SecretBoxError` when it was altered, moved or sealed with another key. */
  open(sealed: string, context: string): string;
}

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * The 32-byte key from its setting: 64 hex characters, or base64 (or base64url) of 32 bytes;
 * null when it is neither.
 */
export function parseSecretKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  return bytes.length === KEY_BYTES ? bytes : null;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`the key must be ${KEY_BYTES} bytes`);
  return {
    seal(plain, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [nonce, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed, context) {
      const [version, nonce, tag, body, ...rest] = sealed.split('.');
      if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined || rest.length > 0) {
        throw new SecretBoxError('not a sealed value');
      }
      const tagBytes = Buffer.from(tag, 'base64url');
      const nonceBytes = Buffer.from(nonce, 'base64url');
      if (tagBytes.length !== TAG_BYTES || nonceBytes.length !== NONCE_BYTES)
        throw new SecretBoxError('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, nonceBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the sealed value was altered, belongs elsewhere, or was sealed with another key');
      }
    },
  };
}
