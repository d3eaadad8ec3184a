import type { Locator, Page } from '@playwright/test';

/** A person's own suggestions in the sidebar, and the quiet notice when one is decided. */
export class MySuggestions {
  readonly root: Locator;
  readonly items: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('my-suggestions');
    this.items = this.root.getByRole('listitem');
    this.notice = page.getByTestId('decision-notice');
  }

  /** The entry of the suggestion showing `text`. */
  item(text: string): Locator {
    return this.items.filter({ hasText: text });
  }
}
