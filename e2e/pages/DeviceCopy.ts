import { expect, type Locator, type Page } from '@playwright/test';
import type { PlanPage } from './PlanPage.ts';

/**
 * What a person's device keeps of Plenary: the app itself (the service worker) and the
 * plan's text (IndexedDB), as the page shows it in the save indicator and its notices.
 */
export class DeviceCopy {
  /** The offer of the device's copy after the link or the plan went away. */
  readonly endedOffer: Locator;
  /** The warning that the plan is not kept on this device (no IndexedDB, no space). */
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.endedOffer = page.getByTestId('ended-copy');
    this.problem = page.getByTestId('local-copy-problem');
  }

  /** Waits until the service worker holds the app, so that it opens without a network. */
  async expectAppKept(): Promise<void> {
    // `ready` resolves once a worker is active, which may still be "activating".
    await expect
      .poll(() =>
        this.page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          return registration.active?.state ?? null;
        }),
      )
      .toBe('activated');
  }

  /**
   * Waits until the indicator says the person is offline with their changes on the device,
   * and every one of them is written there (what a reload or a closed tab keeps).
   */
  async expectChangesKept(plan: PlanPage): Promise<void> {
    await plan.expectSaveState('offline');
    await expect(plan.saveStatus).toHaveAttribute('data-kept', 'true');
    await expect(plan.saveStatus).toHaveText(/^Offline — \d+ changes? kept on this device$/);
  }
}
