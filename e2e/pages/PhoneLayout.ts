import { expect, type Locator, type Page } from '@playwright/test';

/** The smallest side of a control a thumb can hit reliably (WCAG 2.5.5, Apple and Android guides). */
export const MIN_TOUCH_TARGET_PX = 44;

/** A plan page as a phone shows it: the menu holding the sidebar, and what fits the screen. */
export class PhoneLayout {
  /** The header button that shows and hides the sidebar's parts. */
  readonly menuButton: Locator;
  /** The sidebar: facilitation, who is online, contents, history, report. */
  readonly sidebar: Locator;

  constructor(readonly page: Page) {
    this.menuButton = page.getByRole('button', { name: 'Menu', exact: true });
    this.sidebar = page.getByTestId('plan-sidebar');
  }

  /** Waits until `target`'s top is on screen below the sticky bars, without scrolling. */
  async expectInView(target: Locator): Promise<void> {
    await expect(target).toBeVisible();
    await expect
      .poll(async () => {
        const box = await target.boundingBox();
        const bars = await this.page.evaluate(() =>
          Math.max(
            0,
            ...[...document.querySelectorAll('.app-header, .toolbar-area')].map(
              (bar) => bar.getBoundingClientRect().bottom,
            ),
          ),
        );
        const height = this.page.viewportSize()?.height ?? 0;
        return box !== null && box.y >= bars - 1 && box.y + 24 <= height;
      })
      .toBe(true);
  }

  /** The page is no wider than the screen: nothing scrolls it sideways. */
  async expectNoSidewaysScroll(): Promise<void> {
    const widths = await this.page.evaluate(() => ({
      content: document.documentElement.scrollWidth,
      screen: document.documentElement.clientWidth,
    }));
    expect(widths.content).toBeLessThanOrEqual(widths.screen);
  }

  /** `box` is wider inside than out, so it scrolls sideways while the page does not. */
  async expectScrollsInOwnBox(box: Locator): Promise<void> {
    const overflow = await box.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeGreaterThan(0);
    await this.expectNoSidewaysScroll();
  }

  /** Every visible button, link and form field on screen is at least 44 px both ways. */
  async expectThumbSizedControls(): Promise<void> {
    const small = await this.page.evaluate((min) => {
      const controls = document.querySelectorAll<HTMLElement>(
        'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"]',
      );
      const tooSmall: string[] = [];
      for (const control of controls) {
        // A box or a button inside its label is hit anywhere on the label.
        const target = control.matches('[type="checkbox"], [type="radio"]')
          ? (control.closest('label') ?? control)
          : control;
        const box = target.getBoundingClientRect();
        const style = getComputedStyle(control);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
        if (box.bottom < 0 || box.top > window.innerHeight) continue;
        // A link inside running text is sized by its line, as WCAG 2.5.8 allows.
        if (control.tagName === 'A' && control.closest('.ProseMirror')) continue;
        if (box.width < min - 0.5 || box.height < min - 0.5) {
          const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim();
          tooSmall.push(
            `${control.tagName.toLowerCase()} "${name.slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
          );
        }
      }
      return tooSmall;
    }, MIN_TOUCH_TARGET_PX);
    expect(small).toEqual([]);
  }
}
