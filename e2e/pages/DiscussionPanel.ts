import type { Locator, Page } from '@playwright/test';
import { PhoneLayout } from './PhoneLayout.ts';

/** The comments and consensus rounds beside the text, opened from the sidebar. */
export class DiscussionPanel {
  readonly toggle: Locator;
  readonly root: Locator;
  readonly threads: Locator;
  readonly rounds: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByTestId('discussion-toggle');
    this.root = page.locator('#discussion-panel');
    this.threads = this.root.getByTestId('comment-thread');
    this.rounds = this.root.getByTestId('round');
  }

  /** Opens the panel unless it is open; on a phone its toggle is behind the Menu. */
  async open(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-expanded')) === 'true') return;
    if (!(await this.toggle.isVisible())) await new PhoneLayout(this.page).menuButton.click();
    await this.toggle.click();
  }

  /** Comments on what is selected in the text now. */
  async commentOnSelection(text: string): Promise<void> {
    await this.root.getByTestId('comment-selection').click();
    await this.root.getByLabel('Your comment').fill(text);
    await this.root.getByRole('button', { name: 'Post comment' }).click();
  }

  /** Shows threads of this status. */
  async showStatus(status: 'Open' | 'Resolved' | 'All'): Promise<void> {
    await this.root.getByLabel('Status').selectOption({ label: status });
  }

  /** The thread about these words. */
  thread(quote: string): Locator {
    return this.threads.filter({ hasText: quote });
  }

  /** Replies to the thread about these words. */
  async reply(quote: string, text: string): Promise<void> {
    const thread = this.thread(quote);
    await thread.getByLabel('Your reply').fill(text);
    await thread.getByRole('button', { name: 'Reply' }).click();
  }

  /** Opens a consensus round on the section with this title. */
  async openRound(sectionTitle: string): Promise<void> {
    await this.root.getByLabel('Section for the round').selectOption({ label: sectionTitle });
    await this.root.getByRole('button', { name: 'Open a round' }).click();
  }

  /** The newest round. */
  get round(): Locator {
    return this.rounds.first();
  }

  /** The answer buttons of the newest open round, one group per recommendation. */
  get answerGroups(): Locator {
    return this.round.locator('fieldset');
  }
}
