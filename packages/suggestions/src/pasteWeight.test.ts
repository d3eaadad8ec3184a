// @vitest-environment happy-dom
import { paragraph, richTextDoc } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { AUTHORS, SuggestingClients } from './testing/suggestingClients.ts';

// What the relay's burst allowance must let through at once (DEFAULT_FAIR_SHARE in the
// relay package: 1 MiB a socket, 2 MiB a participant): a 20-page document pasted in one
// go. A page is about 3,100 characters: a heading, eight paragraphs, a list of five.
const PAGES = 20;
const ENGLISH = 'The national mechanism coordinates early warning across ministries. ';
const KHMER = 'យន្តការជាតិសម្របសម្រួលការព្រមានជាមុនទូទាំងក្រសួង។ ';
const SOCKET_BYTE_BURST = 1024 * 1024;

function pages(sentence: string): string {
  const html: string[] = [];
  for (let page = 0; page < PAGES; page++) {
    html.push(`<h2>Chapter ${page + 1}</h2>`);
    for (let p = 0; p < 8; p++) {
      html.push(`<p>${sentence.repeat(5)}<strong>Lead:</strong> ministry ${p}.</p>`);
    }
    html.push(`<ul>${'<li>An action with a <em>deadline</em> and a budget.</li>'.repeat(5)}</ul>`);
  }
  return html.join('');
}

/** The updates one paste into a section sends, in the given editing mode. */
function pasteUpdates(mode: 'editing' | 'suggesting', sentence: string): Uint8Array[] {
  const net = new SuggestingClients(richTextDoc(paragraph('Start')), AUTHORS.slice(0, 1), {
    mode,
  });
  const { editor, doc } = net.at(0);
  const updates: Uint8Array[] = [];
  (doc as Y.Doc).on('update', (update: Uint8Array) => updates.push(update));
  editor.chain().setTextSelection(2).insertContent(pages(sentence)).run();
  net.destroy();
  return updates;
}

describe('a 20-page paste', () => {
  for (const [language, sentence] of [
    ['English', ENGLISH],
    ['Khmer', KHMER],
  ] as const) {
    it(`in ${language}, suggested, is one update that fits a socket's burst several times`, () => {
      const updates = pasteUpdates('suggesting', sentence);
      expect(updates).toHaveLength(1);
      const bytes = updates[0]?.byteLength ?? Number.POSITIVE_INFINITY;
      // Measured 2026-12-06: English 107,740 bytes, Khmer 171,589 bytes.
      expect(bytes * 3).toBeLessThan(SOCKET_BYTE_BURST);
    });
  }
});
