import { isPermanentClose } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { km } from '../i18n/km.ts';
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

describe('closeNoticeKey for the fair share', () => {
  it('explains each limit in plain words, saying whether anything is lost', () => {
    expect(sentence(4409)).toBe(
      'This plan is open in too many tabs or devices under your name, so this page stopped receiving changes.',
    );
    expect(sentence(4508)).toBe(
      'Your connection is too slow to keep up with the plan. Reconnecting… Nothing you typed is lost.',
    );
    expect(sentence(4529)).toBe(
      'Your changes came in faster than the server can share them with everyone. Reconnecting in a moment… Nothing you typed is lost.',
    );
  });

  it('has the sentences in Khmer too', () => {
    for (const code of [4409, 4508, 4529]) {
      const [, name] = (closeNoticeKey(code) as string).split('.') as [
        string,
        keyof typeof km.close,
      ];
      expect(km.close[name]).toMatch(/[\u1780-\u17FF]/);
      expect(km.close[name]).not.toBe(en.close[name]);
    }
  });

  it('stops a page pushed out by a newer one, and lets the others reconnect by themselves', () => {
    expect(closeOutcome(4409)).toBe('displaced');
    expect(closeOutcome(4508)).toBe('transient');
    expect(closeOutcome(4529)).toBe('transient');
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
