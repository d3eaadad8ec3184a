import { expect, type Locator, type Page } from '@playwright/test';

/** The facilitator's console on the plan page: projector, timer, sections, who is online. */
export class FacilitatorConsole {
  readonly root: Locator;
  readonly followMe: Locator;
  readonly sections: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('console');
    this.followMe = this.root.getByRole('button', { name: 'Follow me' });
    this.sections = this.root.getByTestId('console-sections');
  }

  /** Opens the console from the facilitation controls. */
  static async open(page: Page): Promise<FacilitatorConsole> {
    await page.getByRole('button', { name: 'Console', exact: true }).click();
    const opened = new FacilitatorConsole(page);
    await expect(opened.root).toBeVisible();
    return opened;
  }

  /** Puts a section on the projectors with its Present button, and waits until the doc says so. */
  async present(sectionTitle: string): Promise<void> {
    const button = this.page.getByRole('button', { name: `Present “${sectionTitle}”` });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** Starts the breakout timer for some minutes. */
  async startTimer(minutes: number, label = ''): Promise<void> {
    await this.root.getByRole('textbox', { name: 'Minutes' }).fill(String(minutes));
    if (label) {
      await this.root.getByRole('textbox', { name: 'What the time is for (optional)' }).fill(label);
    }
    await this.root.getByRole('button', { name: 'Start timer' }).click();
    await expect(this.root.getByRole('button', { name: 'Clear timer' })).toBeVisible();
  }

  /** Chooses how the projectors show pending suggestions, and waits until the doc says so. */
  async showSuggestions(view: 'Marked' | 'As if accepted'): Promise<void> {
    const button = this.root.getByRole('button', { name: view, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** Shows a member or observer link on the projectors as a join code. */
  async showJoinCode(linkLabel: string): Promise<void> {
    await this.root
      .getByRole('combobox', { name: 'Link to show' })
      .selectOption({ label: linkLabel });
    await this.root.getByRole('button', { name: 'Show join code' }).click();
    await expect(this.root.getByTestId('join-shown')).toBeVisible();
  }

  /** Takes the join code off the projectors. */
  async hideJoinCode(): Promise<void> {
    await this.root.getByRole('button', { name: 'Hide join code' }).click();
    await expect(this.root.getByTestId('join-shown')).toBeHidden();
  }

  /** The row of a section in the console's table. */
  sectionRow(sectionTitle: string): Locator {
    return this.sections.getByRole('row', { name: new RegExp(`^${sectionTitle}`) });
  }
}
