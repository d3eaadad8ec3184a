import { describe, expect, it } from 'vitest';
import { linkHref } from './linkHref.ts';

describe('linkHref', () => {
  it('adds https to a bare address and keeps a full one', () => {
    expect(linkHref(' un.org/r2p ')).toBe('https://un.org/r2p');
    expect(linkHref('http://192.168.1.20:8080/plans/abc')).toBe(
      'http://192.168.1.20:8080/plans/abc',
    );
  });

  it('makes an email address a mailto link', () => {
    expect(linkHref('focal.point@example.org')).toBe('mailto:focal.point@example.org');
  });

  it('is null for nothing', () => {
    expect(linkHref('   ')).toBeNull();
  });
});
