/**
 * How long the server takes to write the outcomes report of a 100-page plan in each format.
 *
 *   node --import tsx bench/exportReport.ts
 *
 * The plan is the R2P template filled the way a dialogue fills it: every section gets
 * English and Khmer paragraphs, a list and a table, and some text carries pending
 * suggestions (exported as tracked changes, the heavier choice), with both annexes. The
 * amount of text is grown until the PDF has at least 100 pages. Each format is rendered
 * RUNS times in this process (after one warm-up) and the median is recorded in
 * bench/results/export-report.md.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPlanDoc, writeRichText } from '@plenary/editor';
import {
  bulletList,
  heading,
  PLAN_TEMPLATES,
  paragraph,
  type RichTextNode,
  readPlan,
  richTextDoc,
  sectionFragmentName,
  table,
} from '@plenary/model';
import {
  exportReport,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportOptions,
} from '@plenary/report';
import * as Y from 'yjs';
import { median } from './support/stats.ts';

const RUNS = 5;
const TARGET_PAGES = 100;

const ENGLISH =
  'The national mechanism reviews early-warning reports from civil society every quarter and ' +
  'refers risks of atrocity crimes to the ministries concerned, with a written answer within thirty days. ';
const KHMER =
  'យន្តការជាតិត្រូវពិនិត្យរបាយការណ៍ប្រកាសអាសន្នជាមុនពីសង្គមស៊ីវិលរៀងរាល់ត្រីមាស ' +
  'និងបញ្ជូនហានិភ័យនៃឧក្រិដ្ឋកម្មទៅក្រសួងពាក់ព័ន្ធ។ ';

/** One section's body: `paragraphs` paragraphs of each language, a list and a table. */
function sectionBody(paragraphs: number): RichTextNode[] {
  const blocks: RichTextNode[] = [heading(2, 'Recommendations')];
  for (let i = 0; i < paragraphs; i++) {
    blocks.push(paragraph(ENGLISH.repeat(3)), paragraph(KHMER.repeat(2)));
  }
  blocks.push(
    bulletList(['Train provincial officials', 'បណ្តុះបណ្តាលមន្ត្រីខេត្ត', 'Publish a yearly report']),
    table(
      ['Stage', 'Timeframe', 'Lead'],
      [
        ['Consultation', '2026 Q1', 'Ministry of Interior'],
        ['ការអនុម័ត', '2026 Q3', 'ទីស្តីការគណៈរដ្ឋមន្ត្រី'],
      ],
    ),
  );
  return blocks;
}

/** The plan as a Yjs state, with one pending insertion suggestion per section. */
function planState(paragraphs: number): Uint8Array {
  const doc = createPlanDoc(
    'National Action Plan on Atrocity Prevention',
    PLAN_TEMPLATES['r2p-nap'],
  );
  for (const [index, section] of readPlan(doc).sections.entries()) {
    const fragment = doc.getXmlFragment(sectionFragmentName(section.id));
    fragment.delete(0, fragment.length);
    writeRichText(fragment, richTextDoc(...sectionBody(paragraphs)));
    const first = fragment.get(1);
    const run = first instanceof Y.XmlElement ? first.get(0) : null;
    if (run instanceof Y.XmlText) {
      run.insert(0, 'Within one year, ', {
        insertion: {
          id: `bench-${index}`,
          authorId: 'p-dara',
          authorName: 'Dara',
          groupId: section.groupId,
          at: Date.parse('2026-03-12T09:00:00Z'),
        },
      });
    }
  }
  return Y.encodeStateAsUpdate(doc);
}

const OPTIONS: ReportOptions = {
  suggestions: 'tracked',
  meta: { date: '12-13 March 2026', venue: 'Phnom Penh', timeZone: 'Asia/Phnom_Penh' },
  annexes: {
    decisionLog: Array.from({ length: 40 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 2, 13, 9, i)).toISOString(),
      sectionTitle: 'Roadmap',
      decision: `Accepted the suggestion of Dara (Group 1): insert “step ${i}”`,
      by: 'Focal point',
    })),
    participantsByGroup: [
      { group: 'Group 1', names: ['Sokha', 'Dara', 'Vanna'] },
      { group: 'Group 2', names: ['Srey', 'Bopha'] },
    ],
  },
};

/** Pages in a PDF written by pdfkit: one `/Type /Page` object per page. */
const pdfPages = (bytes: Uint8Array): number =>
  (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type \/Page\b/g) ?? []
  ).length;

// Grow the text until the PDF reaches the target, so "100 pages" is measured, not assumed.
let paragraphs = 4;
let state = planState(paragraphs);
let pages = pdfPages((await exportReport(state, 'pdf', OPTIONS)).bytes);
while (pages < TARGET_PAGES) {
  paragraphs = Math.ceil((paragraphs * TARGET_PAGES * 1.05) / pages);
  state = planState(paragraphs);
  pages = pdfPages((await exportReport(state, 'pdf', OPTIONS)).bytes);
}
process.stdout.write(`${paragraphs} paragraphs per language and section: ${pages} PDF pages\n`);

const rows: string[] = [];
for (const format of Object.keys(REPORT_FORMATS) as ReportFormat[]) {
  await exportReport(state, format, OPTIONS); // warm-up: fonts, HarfBuzz, JIT
  const times: number[] = [];
  let size = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    size = (await exportReport(state, format, OPTIONS)).bytes.byteLength;
    times.push(performance.now() - started);
  }
  process.stdout.write(
    `${format}: median ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')}), ${(size / 1024).toFixed(0)} KiB\n`,
  );
  rows.push(
    `| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} cores, Node ${process.version} | ${format} | ${pages} PDF pages, ${(state.byteLength / 1024).toFixed(0)} KiB state | ${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} ms | ${(size / 1024).toFixed(0)} KiB |`,
  );
}
appendFileSync(
  path.resolve(import.meta.dirname, 'results/export-report.md'),
  `${rows.join('\n')}\n`,
);
