import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** Name of the key file kept in DATA_DIR, outside the database. */
export const SECRET_KEY_FILE = 'plenary-secret.key';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Writes a new key to `file`, unless another process (a replica sharing the volume, started
 * at the same moment) made one first. The key is written and flushed to a file of its own
 * and then linked in: a link fails if the name exists, and the name never shows an empty or
 * half-written key, which the other process would read as damaged (a file created with
 * 'wx' and then written did, for the moment in between).
 */
function createKeyFile(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  const fd = openSync(draft, 'wx', 0o600);
  try {
    writeSync(fd, key);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, file);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code !== 'EEXIST') writeWithoutLink(file, key, code);
  } finally {
    unlinkSync(draft);
  }
  // The new name is durable once its directory is (where a directory can be opened and
  // flushed: not on Windows).
  try {
    const dir = openSync(dataDir, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {}
}

/**
 * A volume without hard links (some network or FAT file systems): the key is created and
 * then written, as before, so processes sharing such a volume must start one at a time.
 */
function writeWithoutLink(file: string, key: string, linkError: string | undefined): void {
  try {
    writeFileSync(file, key, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new Error(`Could not create ${file} (link: ${linkError}): ${(error as Error).message}`);
    }
  }
}

/**
 * Makes, hashes and seals access tokens.
 *
 * A token is 256 random bits. The database holds only its SHA-256 (for lookup) and, for
 * invite links, a copy sealed with AES-256-GCM under a key kept in its own file in
 * DATA_DIR: a leaked database alone reveals no working link, yet the facilitator can be
 * shown a link again later.
 */
export class TokenVault {
  private constructor(private readonly key: Buffer) {}

  /** Opens the vault of a data directory, creating its key on first use. */
  static open(dataDir: string): TokenVault {
    const file = path.join(dataDir, SECRET_KEY_FILE);
    if (!existsSync(file)) createKeyFile(dataDir, file);
    chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) {
      throw new Error(
        `${file} does not hold a 256-bit key; restore it from a backup or delete it to revoke every link.`,
      );
    }
    return new TokenVault(key);
  }

  /** A new random token, safe in URLs. */
  newToken(): string {
    return randomBytes(TOKEN_BYTES).toString('base64url');
  }

  /** True when `value` has the shape of a token (checked before any lookup). */
  isWellFormed(value: string): boolean {
    return TOKEN_PATTERN.test(value);
  }

  /** The lookup hash of a token. */
  hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /**
   * A keyed digest of `message` for one `purpose` (HMAC-SHA-256 under a key derived from
   * the vault's): every server process sharing DATA_DIR's key computes the same one, and
   * no one without the key can.
   */
  mac(purpose: string, message: string): Buffer {
    const purposeKey = createHmac('sha256', this.key).update(purpose).digest();
    return createHmac('sha256', purposeKey).update(message).digest();
  }

  /** Encrypts a token for storage: 12-byte nonce, 16-byte tag, ciphertext. */
  seal(token: string): Uint8Array {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return new Uint8Array(Buffer.concat([nonce, cipher.getAuthTag(), sealed]));
  }

  /** Decrypts a sealed token; null when it was sealed under another key or altered. */
  unseal(sealed: Uint8Array): string | null {
    try {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return null;
    }
  }
}
