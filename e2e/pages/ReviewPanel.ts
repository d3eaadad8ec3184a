import { expect, type Locator, type Page } from '@playwright/test';

/** The focal point's review of suggestions: pending ones with Accept and Reject, and the decision log. */
export class ReviewPanel {
  /** The sidebar button that opens the panel, "Suggestions (N)". */
  readonly toggle: Locator;
  readonly root: Locator;
  readonly items: Locator;
  readonly decisionLog: Locator;
  /** The decisions in the log, newest first. */
  readonly logEntries: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByTestId('review-toggle');
    this.root = page.getByTestId('review-panel');
    this.items = this.root.getByTestId('review-item');
    this.decisionLog = this.root.getByTestId('decision-log');
    this.logEntries = this.decisionLog.getByRole('listitem');
  }

  /** Opens the panel with the sidebar button. */
  static async open(page: Page): Promise<ReviewPanel> {
    const panel = new ReviewPanel(page);
    await panel.toggle.click();
    await expect(panel.root).toBeVisible();
    return panel;
  }

  /** The pending suggestion whose entry shows `text` (what it adds or removes). */
  item(text: string): Locator {
    return this.items.filter({ hasText: text });
  }

  /** Accepts or rejects the pending suggestion showing `text`, and waits until it leaves the list. */
  async decide(text: string, action: 'Accept' | 'Reject'): Promise<void> {
    const item = this.item(text);
    await item.getByRole('button', { name: action, exact: true }).click();
    await expect(item).toHaveCount(0);
  }

  /** Unfolds the decision log. */
  async openLog(): Promise<void> {
    await this.decisionLog.locator('summary').click();
    await expect(this.decisionLog).toHaveAttribute('open', '');
  }
}
