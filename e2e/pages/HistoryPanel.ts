import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The plan's history: versions newest first, Save version (facilitator and focal point),
 * Compare, and the comparison above the text with its Restore buttons.
 */
export class HistoryPanel {
  /** The sidebar button that opens the panel. */
  readonly toggle: Locator;
  readonly root: Locator;
  /** The versions as listed, newest first. */
  readonly versions: Locator;
  /** The comparison shown above the plan's text after Compare. */
  readonly comparison: Locator;
  /** Who made the changes, under the comparison's heading. */
  readonly legend: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByTestId('history-toggle');
    this.root = page.getByTestId('history-panel');
    this.versions = this.root.getByTestId('history-version');
    this.comparison = page.getByTestId('comparison');
    this.legend = this.comparison.getByTestId('diff-legend');
  }

  /** Opens the panel with the sidebar button and waits for the list. */
  static async open(page: Page): Promise<HistoryPanel> {
    const panel = new HistoryPanel(page);
    await panel.toggle.click();
    await expect(panel.root).toBeVisible();
    await expect(panel.root.getByRole('group', { name: 'Versions, newest first' })).toBeVisible();
    return panel;
  }

  /** The listed version labelled `label` ("End of day 1", "Phase changed"…). */
  version(label: string): Locator {
    return this.versions.filter({
      has: this.page.locator('.history-version__label', { hasText: label }),
    });
  }

  /** Saves the plan as it is now under `name`, and waits until the list shows it. */
  async saveVersion(name: string): Promise<void> {
    await this.root.getByRole('textbox', { name: 'Name of the version' }).fill(name);
    await this.root.getByRole('button', { name: 'Save version' }).click();
    await expect(this.root.getByRole('status')).toHaveText(`Saved “${name}”.`);
    await expect(this.version(name)).toHaveCount(1);
  }

  /** Compares the version labelled `label` with now (or another version), and waits for the changes. */
  async compare(label: string, withVersion = 'Now'): Promise<void> {
    await this.version(label).getByRole('radio').check();
    await this.root
      .getByRole('combobox', { name: 'Compare with' })
      .selectOption(withVersion === 'Now' ? { label: 'Now' } : { value: withVersion });
    await this.root.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(this.comparison.getByRole('heading', { level: 2 })).toContainText(label);
  }

  /** One section of the comparison, by its title. */
  section(title: string): Locator {
    return this.comparison
      .getByTestId('diff-section')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: title, exact: true }) });
  }

  /** Restores one section to the compared version, answering the confirmation, and waits for the server. */
  async restoreSection(title: string): Promise<void> {
    const section = this.section(title);
    await section.getByRole('button', { name: 'Restore this section' }).click();
    // The question says what will happen before anything does.
    const question = section.getByRole('group', {
      name: /A version of the current text is saved first/,
    });
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Yes, restore' }).click();
    await expect(this.comparison.getByRole('status')).toContainText(`“${title}” is back as it was`);
  }
}
