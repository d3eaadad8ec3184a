/**
 * Measures exporting a plan of about 100 PDF pages in every format (not a test: it prints
 * times). Run from the repository root:
 *
 *   node --import tsx packages/report/test-support/measureExport.ts
 */
import type { RichTextNode } from '@plenary/model';
import {
  buildReport,
  REPORT_FORMATS,
  type ReportFormat,
  readReportPlan,
  reportToPdf,
} from '../src/index.ts';
import { KHMER_SENTENCE, samplePlanDoc, text } from './samplePlan.ts';

const SECTIONS = 42;
const RUNS = 3;

const paragraph = (value: string): RichTextNode => ({ type: 'paragraph', content: [text(value)] });

function largeBody(): RichTextNode[] {
  const english =
    'The national mechanism monitors the risk factors of the UN Framework of Analysis, reports to the inter-ministerial committee every quarter and publishes its findings, so that early warning leads to early action by the responsible institutions.';
  const khmer = Array.from({ length: 4 }, () => KHMER_SENTENCE).join(' ');
  const blocks: RichTextNode[] = [];
  for (let i = 0; i < 12; i++) {
    blocks.push(paragraph(english), paragraph(khmer));
  }
  blocks.push({
    type: 'bulletList',
    content: Array.from({ length: 8 }, (_, i) => ({
      type: 'listItem',
      content: [paragraph(`Action ${i + 1}: ${english.slice(0, 90)}`)],
    })),
  });
  return blocks;
}

async function main(): Promise<void> {
  const doc = samplePlanDoc({ type: 'doc', content: largeBody() });
  // Every section of the measured plan gets the same long body.
  const plan = readReportPlan(doc);
  const first = plan.sections[0];
  if (!first) throw new Error('the sample plan has no section');
  plan.sections = Array.from({ length: SECTIONS }, (_, i) => ({
    ...first,
    title: `Section ${i + 1}`,
  }));
  const options = {
    suggestions: 'omit' as const,
    annexes: {},
    meta: { date: '12 March 2026', venue: 'Phnom Penh' },
  };
  const report = buildReport(plan, options);
  const pdf = await reportToPdf(report);
  const pages = new TextDecoder('latin1').decode(pdf).match(/\/Type \/Page\b/g)?.length ?? 0;
  process.stdout.write(`plan: ${SECTIONS} sections, ${pages} PDF pages, ${pdf.length} bytes\n`);
  for (const format of ['pdf', 'docx', 'html', 'md'] as ReportFormat[]) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      await REPORT_FORMATS[format].render(report);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`${format}: median ${Math.round(times[1] ?? 0)} ms of ${RUNS} runs\n`);
  }
}

await main();
