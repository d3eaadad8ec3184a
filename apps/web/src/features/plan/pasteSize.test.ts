import { planSchema, writeRichText } from '@plenary/editor';
import { bulletList, heading, paragraph, richTextDoc, table } from '@plenary/model';
import { Node, Slice } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  PASTE_ASK_BYTES,
  PASTE_LIMIT_RATIO,
  PASTE_MAX_BYTES,
  pastedBytes,
  pasteLimit,
  pasteVerdict,
} from './pasteSize.ts';

const sliceOf = (...blocks: Parameters<typeof richTextDoc>): Slice => {
  const doc = Node.fromJSON(planSchema(), richTextDoc(...blocks));
  return new Slice(doc.content, 0, 0);
};

describe('pastedBytes', () => {
  it('counts UTF-8 bytes, so Khmer text weighs three bytes a character', () => {
    const latin = pastedBytes(sliceOf(paragraph('a'.repeat(300))));
    const khmer = pastedBytes(sliceOf(paragraph('ក'.repeat(300))));
    expect(khmer - latin).toBe(600);
  });

  it('grows with the structure of a pasted table, not only its text', () => {
    const text = pastedBytes(sliceOf(paragraph('risk factor one')));
    const asTable = pastedBytes(sliceOf(table(['Factor'], [['risk factor one']])));
    expect(asTable).toBeGreaterThan(text + 50);
  });

  it('is not below the size of the Yjs update the same content makes', () => {
    const samples = [
      richTextDoc(paragraph('Prevention starts with early warning. '.repeat(200))),
      richTextDoc(paragraph('ការបង្ការចាប់ផ្ដើមពីការព្រមានជាមុន '.repeat(200))),
      richTextDoc(
        table(
          ['Factor', 'Indicator'],
          [
            ['Risk 1', 'Indicator 1'],
            ['Risk 2', 'x'],
          ],
        ),
      ),
      richTextDoc(heading(2, 'Goals'), bulletList(['one', 'two', 'three'])),
    ];
    for (const json of samples) {
      const doc = new Y.Doc();
      writeRichText(doc.getXmlFragment('section:s'), json);
      const slice = new Slice(Node.fromJSON(planSchema(), json).content, 0, 0);
      expect(pastedBytes(slice)).toBeGreaterThanOrEqual(Y.encodeStateAsUpdate(doc).length);
    }
  });

  it('is zero-ish for an empty slice', () => {
    expect(pastedBytes(Slice.empty)).toBeLessThan(5);
  });
});

describe('pasteLimit', () => {
  it('leaves a margin under the server frame limit', () => {
    expect(pasteLimit(1_000_000)).toBe(1_000_000 * PASTE_LIMIT_RATIO);
    const big = sliceOf(paragraph('x'.repeat(1000)));
    expect(pastedBytes(big)).toBeGreaterThan(pasteLimit(1000));
    expect(pastedBytes(big)).toBeLessThan(pasteLimit(10_000));
  });
});

describe('pasteVerdict', () => {
  const FRAME = 8 * 1024 * 1024;

  it('pastes up to 100 KB, asks above it, and refuses above 1 MB, well below the frame limit', () => {
    expect(pasteVerdict(PASTE_ASK_BYTES, FRAME)).toEqual({ action: 'paste' });
    expect(pasteVerdict(PASTE_ASK_BYTES + 1, FRAME)).toEqual({
      action: 'ask',
      bytes: PASTE_ASK_BYTES + 1,
    });
    expect(pasteVerdict(PASTE_MAX_BYTES, FRAME).action).toBe('ask');
    expect(pasteVerdict(5 * 1024 * 1024, FRAME)).toEqual({
      action: 'refuse',
      bytes: 5 * 1024 * 1024,
      limit: PASTE_MAX_BYTES,
    });
    expect(PASTE_MAX_BYTES).toBeLessThanOrEqual(pasteLimit(FRAME) / 4);
  });

  it('refuses below 1 MB when the server’s frame limit leaves less room, and without it keeps 1 MB', () => {
    expect(pasteVerdict(200_000, 100_000)).toEqual({
      action: 'refuse',
      bytes: 200_000,
      limit: pasteLimit(100_000),
    });
    expect(pasteVerdict(PASTE_MAX_BYTES + 1, null).action).toBe('refuse');
  });
});
