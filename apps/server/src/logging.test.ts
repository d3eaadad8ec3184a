import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging.ts';

const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

describe('redactUrl', () => {
  it('replaces a token however its key is spelled or encoded', () => {
    for (const key of [
      'token',
      'TOKEN',
      'access_token',
      '%74oken',
      't%6Fken',
      '%74%6F%6B%65%6E',
      '%54oken',
      'token%20',
      'token+',
      'token[]',
      'token%5B%5D',
      'access%5Ftoken',
    ]) {
      const redacted = redactUrl(`/sync/plan1234?${key}=${TOKEN}`);
      expect(redacted, key).not.toContain(TOKEN);
      expect(redacted).toBe(`/sync/plan1234?${key}=[redacted]`);
    }
  });

  it('redacts the value of a key that does not decode', () => {
    expect(redactUrl(`/sync/p?%E0%A4%A=${TOKEN}`)).toBe('/sync/p?%E0%A4%A=[redacted]');
  });

  it('redacts a token smuggled after another parameter and every repetition of the key', () => {
    expect(redactUrl(`/sync/p?a=1?token=${TOKEN}`)).not.toContain(TOKEN);
    expect(redactUrl(`/sync/p?token=${TOKEN}&%74oken=${TOKEN}&x=1`)).toBe(
      '/sync/p?token=[redacted]&%74oken=[redacted]&x=1',
    );
  });

  it('leaves other parameters, the path and the fragment as they were', () => {
    expect(redactUrl('/api/plans/p/export?format=md&suggestions=tracked')).toBe(
      '/api/plans/p/export?format=md&suggestions=tracked',
    );
    expect(redactUrl('/plans/p')).toBe('/plans/p');
    expect(redactUrl(`/x?token=${TOKEN}#frag`)).toBe('/x?token=[redacted]#frag');
  });
});
