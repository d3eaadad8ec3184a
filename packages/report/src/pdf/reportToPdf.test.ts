import { readFileSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  KHMER_SENTENCES,
  specimenPdf,
  specimenPdfWithoutHarfBuzz,
} from '../../test-support/khmerSpecimen.ts';
import { REFERENCE_PNG, REFERENCE_SCALE } from '../../test-support/makeKhmerReference.ts';
import { pdfPagePng, pdfText } from '../../test-support/popplerTools.ts';
import { KHMER_SENTENCE, samplePlanDoc, text } from '../../test-support/samplePlan.ts';
import { exportReport } from '../exportReport.ts';
import { breakOpportunities } from './lineBreaks.ts';

// Poppler and Chromium anti-alias glyph edges differently, which leaves thin mismatches
// spread along every outline; a wrongly shaped glyph leaves a dense patch. So the check
// bounds both the total and the worst 16x16-pixel window. Measured: HarfBuzz 467 pixels,
// worst window 20; pdfkit's own shaping (wrong ូ after ្រ) 651, worst window 51.
const COLOR_THRESHOLD = 0.2;
const WINDOW = 16;
const MAX_IN_WINDOW = 32;
const MAX_SHARE_OF_INK = 0.04;

interface Mismatch {
  total: number;
  worstWindow: number;
  ink: number;
}

function compareWithChromium(png: Buffer): Mismatch {
  const reference = PNG.sync.read(readFileSync(REFERENCE_PNG));
  const actual = PNG.sync.read(png);
  expect([actual.width, actual.height]).toEqual([reference.width, reference.height]);
  const { width, height } = reference;
  const mask = new PNG({ width, height });
  const total = pixelmatch(reference.data, actual.data, mask.data, width, height, {
    threshold: COLOR_THRESHOLD,
    includeAA: false,
    diffMask: true,
  });
  let worstWindow = 0;
  for (let top = 0; top + WINDOW <= height; top += WINDOW / 4) {
    for (let left = 0; left + WINDOW <= width; left += WINDOW / 4) {
      let count = 0;
      for (let y = top; y < top + WINDOW; y++) {
        for (let x = left; x < left + WINDOW; x++) {
          if ((mask.data[(y * width + x) * 4 + 3] ?? 0) > 0) count++;
        }
      }
      worstWindow = Math.max(worstWindow, count);
    }
  }
  let ink = 0;
  for (let i = 0; i < reference.data.length; i += 4) if ((reference.data[i] ?? 255) < 128) ink++;
  return { total, worstWindow, ink };
}

const DPI = 72 * REFERENCE_SCALE;

describe('PDF report', () => {
  it('gives the exact Khmer sentences back to pdftotext, in logical order', async () => {
    const lines = (await pdfText(await specimenPdf())).split('\n').filter((line) => line.trim());
    expect(lines).toEqual(KHMER_SENTENCES);
  });

  it('draws Khmer as Chromium does (stacks, ូ after ្រ, vowels in place)', async () => {
    const mismatch = compareWithChromium(await pdfPagePng(await specimenPdf(), DPI));
    expect(mismatch.worstWindow).toBeLessThanOrEqual(MAX_IN_WINDOW);
    expect(mismatch.total).toBeLessThanOrEqual(mismatch.ink * MAX_SHARE_OF_INK);
  });

  it('tells wrong shaping apart: pdfkit without HarfBuzz fails the same check', async () => {
    const mismatch = compareWithChromium(await pdfPagePng(await specimenPdfWithoutHarfBuzz(), DPI));
    expect(mismatch.worstWindow).toBeGreaterThan(MAX_IN_WINDOW);
  });

  it('breaks long Khmer paragraphs only between words, and keeps the whole plan searchable', async () => {
    const paragraph = Array.from({ length: 8 }, () => KHMER_SENTENCE).join('');
    const doc = samplePlanDoc({
      type: 'doc',
      content: [{ type: 'paragraph', content: [text(paragraph)] }],
    });
    const file = await exportReport(doc, 'pdf', {
      suggestions: 'omit',
      annexes: {},
      meta: { date: '12 March 2026', venue: 'Phnom Penh' },
    });
    expect(file.contentType).toBe('application/pdf');
    const extracted = await pdfText(file.bytes);
    for (const expected of [
      'Cambodia National Action Plan on R2P',
      'Purpose and objectives',
      'ការអនុវត្ត',
    ]) {
      expect(extracted).toContain(expected);
    }
    const lines = extracted
      .split('\n')
      .filter((line) => line.startsWith('គ្រូ') || line.includes('ក'));
    const wrapped = lines.filter((line) => paragraph.includes(line) && line !== KHMER_SENTENCE);
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.join('')).toBe(paragraph);
    const allowed = new Set(breakOpportunities(paragraph));
    let offset = 0;
    for (const line of wrapped.slice(0, -1)) {
      offset += line.length;
      expect(allowed.has(offset)).toBe(true);
    }
  });

  describe('page breaks', () => {
    const pdfPages = async (body: Parameters<typeof samplePlanDoc>[0]) => {
      const file = await exportReport(samplePlanDoc(body), 'pdf', {
        suggestions: 'omit',
        annexes: {},
        meta: { date: '12 March 2026', venue: 'Phnom Penh' },
      });
      // pdftotext ends each page with a form feed.
      return (await pdfText(file.bytes)).split('\f');
    };
    const paragraphs = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        type: 'paragraph',
        content: [text(`Filler paragraph ${i + 1}.`)],
      }));

    it('keeps a heading on the page of the text that follows it, wherever it falls', async () => {
      // One more paragraph before the heading each time moves it down a line, so some of
      // these put it at the foot of a page.
      const pagesSeen = new Set<number>();
      for (let count = 22; count <= 30; count++) {
        const pages = await pdfPages({
          type: 'doc',
          content: [
            ...paragraphs(count),
            { type: 'heading', attrs: { level: 2 }, content: [text('Kept heading')] },
            { type: 'paragraph', content: [text('Text under the heading.')] },
          ],
        });
        const page = pages.findIndex((page) => page.includes('Kept heading'));
        pagesSeen.add(page);
        expect(pages[page], `${count} paragraphs before`).toContain('Text under the heading.');
      }
      // The heading did reach the next page somewhere in the range.
      expect(pagesSeen.size).toBeGreaterThan(1);
    });

    it('splits a table row taller than a page between lines, losing nothing', async () => {
      const sentences = Array.from({ length: 90 }, (_, i) => `Indicator ${i + 1} observed.`);
      const pages = await pdfPages({
        type: 'doc',
        content: [
          {
            type: 'table',
            content: [
              {
                type: 'tableRow',
                content: ['Risk factor', 'Indicators'].map((title) => ({
                  type: 'tableHeader',
                  content: [{ type: 'paragraph', content: [text(title)] }],
                })),
              },
              {
                type: 'tableRow',
                content: [
                  {
                    type: 'tableCell',
                    content: [{ type: 'paragraph', content: [text('Risk 1')] }],
                  },
                  {
                    type: 'tableCell',
                    content: sentences.map((sentence) => ({
                      type: 'paragraph',
                      content: [text(sentence)],
                    })),
                  },
                ],
              },
            ],
          },
        ],
      });
      const all = pages.join('');
      for (const sentence of sentences) expect(all).toContain(sentence);
      const first = pages.findIndex((page) => page.includes('Indicator 1 observed.'));
      const last = pages.findIndex((page) => page.includes('Indicator 90 observed.'));
      expect(last).toBeGreaterThan(first);
      // The header row stayed with the start of its row.
      expect(pages[first]).toContain('Risk factor');
    });
  });
});
