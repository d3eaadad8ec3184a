import { describe, expect, it } from 'vitest';
import { qrDataUrl } from './qrDataUrl.ts';

describe('qrDataUrl', () => {
  it('draws a link as an SVG image, fit for an <img> on a phone or a projector', async () => {
    const url = await qrDataUrl('http://192.168.1.20:8080/plans/abc#invite=token');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(url.split(',')[1] ?? '');
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
  });
});
