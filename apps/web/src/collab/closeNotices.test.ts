import { isPermanentClose } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { closeNoticeKey, closeOutcome } from './closeNotices.ts';

const sentence = (code: number): string | null => {
  const key = closeNoticeKey(code);
  if (key === null) return null;
  const [, name] = key.split('.') as [string, keyof typeof en.close];
  return en.close[name];
};

describe('closeNoticeKey', () => {
  it('names each close code of the sync contract in words', () => {
    expect(sentence(4404)).toBe('This plan does not exist');
    expect(sentence(4413)).toBe(
      'Your last change was too large to save. Reload the page to continue; that change will be lost.',
    );
    expect(sentence(4503)).toBe(
      'The server cannot save right now — your text is kept on this device. Keep this page open.',
    );
    expect(closeNoticeKey(4400)).toBe('close.malformed');
    expect(closeNoticeKey(4422)).toBe('close.rejected');
    expect(closeNoticeKey(1011)).toBe('close.serverError');
  });

  it('gives an unknown permanent code a sentence with the reason, since no reconnect follows', () => {
    expect(closeNoticeKey(4499)).toBe('close.other');
    expect(isPermanentClose(4499)).toBe(true);
  });

  it('stays quiet for ordinary disconnects, which the offline state already explains', () => {
    for (const code of [1000, 1001, 1005, 1006]) expect(closeNoticeKey(code)).toBeNull();
  });

  it('treats storage trouble as retryable and a missing plan as permanent', () => {
    expect(isPermanentClose(4503)).toBe(false);
    expect(isPermanentClose(1011)).toBe(false);
    expect(isPermanentClose(4404)).toBe(true);
  });
});

describe('closeOutcome', () => {
  it('ends the session when the link or the plan is gone', () => {
    for (const code of [4401, 4404, 4410, 4440]) expect(closeOutcome(code)).toBe('ended');
    expect(closeNoticeKey(4410)).toBe('close.revoked');
    expect(closeNoticeKey(4440)).toBe('close.expired');
  });

  it('treats every other 44xx as a refusal of what this doc sent', () => {
    for (const code of [4400, 4403, 4405, 4413, 4422, 4499]) {
      expect(closeOutcome(code)).toBe('refused');
    }
  });

  it('leaves drops, restarts and storage trouble to the reconnecting provider', () => {
    for (const code of [1001, 1006, 1011, 4500, 4503]) expect(closeOutcome(code)).toBe('transient');
  });
});
