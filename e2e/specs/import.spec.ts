/**
 * Issue "Import": a participant's draft outline, written in Word with English and Khmer
 * text, becomes a new plan from the start page (each Heading 1 a section), with what could
 * not be imported listed; a malformed file is refused in words; and the facilitator
 * replaces one section with a file while a group member watches it change.
 */
import { join as joinPath } from 'node:path';
import { expect, test } from '../fixtures/test.ts';
import { ImportOutlineForm } from '../pages/ImportOutlineForm.ts';
import { JoinDialog } from '../pages/JoinDialog.ts';
import { PlanPage } from '../pages/PlanPage.ts';
import { createPlan, R2P_SECTIONS } from '../support/planApi.ts';

const FIXTURES = joinPath(import.meta.dirname, '../../packages/report/src/import/fixtures');
const KHMER_HEADING = 'ការការពារ និងការឆ្លើយតប';
const KHMER_PARAGRAPH = 'ផែនការសកម្មភាពជាតិនេះ ត្រូវបានរៀបចំដោយក្រុមការងារចម្រុះ ដើម្បីការពារអំពើឃោរឃៅ។';

test('a Word outline becomes a plan from the start page, with what was left out listed', async ({
  actor,
}) => {
  const alice = await actor('alice');
  const importForm = new ImportOutlineForm(alice.page);

  await importForm.importFile(joinPath(FIXTURES, 'malformed/truncated.docx'));
  await expect(importForm.error).toContainText('This Word document is damaged');

  await importForm.importFile(joinPath(FIXTURES, 'draft-outline.docx'));
  await expect(importForm.card.getByRole('status')).toContainText(
    'The plan “National Action Plan: draft outline” was made from the file.',
  );
  await expect(importForm.problems).toHaveText([
    /The style “Action Point” has no match in the plan/,
    /Footnotes were left out.*in “Prevention”/,
    /Pictures were left out.*in “Actions and responsibilities”/,
  ]);

  await importForm.openPlan.click();
  await new JoinDialog(alice.page).joinAs('Alice');
  const plan = new PlanPage(alice.page);
  await plan.expectOpen();
  const titles = ['Introduction', 'Prevention', KHMER_HEADING, 'Actions and responsibilities'];
  for (const title of titles) await expect(plan.section(title).region).toBeVisible();
  await plan.section(KHMER_HEADING).expectToContain(KHMER_PARAGRAPH);
  await expect(plan.section('Prevention').textbox.locator('ol > li')).toHaveCount(3);
  await expect(
    plan.section('Actions and responsibilities').textbox.locator('td', { hasText: 'ក្រសួងមហាផ្ទៃ' }),
  ).toBeVisible();
});

test('the facilitator replaces a section with a file, and a member sees the new text', async ({
  startServer,
  join,
}) => {
  const plan = await createPlan(await startServer());
  const alice = await join('alice', plan, { role: 'facilitator' });
  const bora = await join('bora', plan, { role: 'member', group: 'Group 2' });

  const section = alice.plan.section(R2P_SECTIONS.riskFactors);
  await section.region.getByRole('button', { name: 'Replace with file…' }).click();
  const choosing = alice.page.waitForEvent('filechooser');
  await section.region.getByRole('button', { name: 'Choose file…' }).click();
  await (await choosing).setFiles(joinPath(FIXTURES, 'review-copy.docx'));

  const result = section.region.getByRole('status');
  await expect(result).toContainText(
    `The text of “${R2P_SECTIONS.riskFactors}” now comes from “review-copy.docx”.`,
  );
  await expect(result.locator('.import-problems li')).toHaveText([
    /tracked changes/,
    /text boxes/,
    /Comments were left out\./,
  ]);
  await bora.plan
    .section(R2P_SECTIONS.riskFactors)
    .expectToContain('The secretariat reports every quarter to the plenary.');
  await expect(
    bora.plan
      .section(R2P_SECTIONS.riskFactors)
      .textbox.getByRole('heading', { name: 'Indicators' }),
  ).toBeVisible();
});
