import { expect, type Locator, type Page } from '@playwright/test';

/** The dialog an invite link opens: it asks for the name shown beside the person's caret. */
export class JoinDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly join: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog');
    this.name = this.dialog.getByRole('textbox', { name: 'Your name' });
    this.join = this.dialog.getByRole('button', { name: 'Join', exact: true });
  }

  /** Joins as a new participant called `name`, and waits until the dialog is gone. */
  async joinAs(name: string): Promise<void> {
    await this.name.fill(name);
    await this.join.click();
    await expect(this.dialog).toBeHidden();
  }
}
