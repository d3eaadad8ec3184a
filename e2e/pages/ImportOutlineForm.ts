import { expect, type Locator, type Page } from '@playwright/test';

/** The start page's "Import an outline" card: a file in, a new plan (and what was left out) out. */
export class ImportOutlineForm {
  readonly card: Locator;
  readonly file: Locator;
  readonly submit: Locator;
  /** The list of what the file held that the plan could not, one item per problem. */
  readonly problems: Locator;
  readonly openPlan: Locator;
  /** Why the file was refused, when it was. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.card = page.locator('form', {
      has: page.getByRole('heading', { name: 'Import an outline' }),
    });
    this.file = this.card.getByLabel('Outline file (.docx, .md)');
    this.submit = this.card.getByRole('button', { name: 'Import outline' });
    this.problems = this.card.locator('.import-problems li');
    this.openPlan = this.card.getByRole('button', { name: 'Open the plan' });
    this.error = this.card.getByRole('alert');
  }

  /** Opens the start page and sends a file through the card. */
  async importFile(path: string): Promise<void> {
    await this.page.goto('/');
    await expect(this.card).toBeVisible();
    await this.file.setInputFiles(path);
    await this.submit.click();
  }
}
