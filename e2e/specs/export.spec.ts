/**
 * Issue "Export the plan": the facilitator downloads the report in each format from the
 * sidebar; the file arrives under the server's name with the format's extension.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures/test.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const FORMATS = [
  { label: 'Word', extension: '.docx' },
  { label: 'PDF', extension: '.pdf' },
  { label: 'Markdown', extension: '.md' },
  { label: 'HTML', extension: '.html' },
] as const;

test('the facilitator downloads the report as Word, PDF, Markdown and HTML', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const report = alice.page.getByTestId('report-download');
  await report.getByLabel('Include suggestions as tracked changes').check();
  await report.getByLabel('Include participants per group').check();
  await report.getByLabel('Include the decision log').check();
  await report.getByLabel('Venue').fill('Phnom Penh');

  for (const { label, extension } of FORMATS) {
    await report.getByLabel('Format').selectOption({ label });
    const downloading = alice.page.waitForEvent('download');
    await report.getByRole('button', { name: 'Download report' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\${extension}$`));
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.byteLength).toBeGreaterThan(0);
    if (extension === '.md') {
      const markdown = bytes.toString('utf8');
      expect(markdown).toContain(R2P_SECTIONS.purpose);
      expect(markdown).toContain('Annex: Decision log');
      expect(markdown).toContain('Phnom Penh');
      expect(markdown).toContain('Annex: Participants by group');
    }
  }
  await expect(report.getByRole('alert')).toHaveCount(0);
});
