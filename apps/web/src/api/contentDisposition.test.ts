import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './contentDisposition.ts';

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 filename* over the ASCII fallback', () => {
    const header = `attachment; filename="____.docx"; filename*=UTF-8''${encodeURIComponent('ផែនការ R2P.docx')}`;
    expect(fileNameFromDisposition(header)).toBe('ផែនការ R2P.docx');
  });

  it('reads filename* when it comes first', () => {
    expect(
      fileNameFromDisposition('attachment; filename*=utf-8\'\'plan%20one.pdf; filename="x.pdf"'),
    ).toBe('plan one.pdf');
  });

  it('falls back to a quoted filename, unescaping it', () => {
    expect(fileNameFromDisposition('attachment; filename="say \\"hi\\".md"')).toBe('say "hi".md');
  });

  it('falls back to an unquoted filename', () => {
    expect(fileNameFromDisposition('attachment; filename=report.html')).toBe('report.html');
  });

  it('falls back to filename when filename* does not decode', () => {
    expect(fileNameFromDisposition('attachment; filename="a.md"; filename*=UTF-8\'\'%E0%A4')).toBe(
      'a.md',
    );
  });

  it('is null without a header or a name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
  });
});
