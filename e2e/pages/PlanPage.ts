import { expect, type Locator, type Page } from '@playwright/test';
import { JoinDialog } from './JoinDialog.ts';
import { SectionEditor } from './SectionEditor.ts';
import { SharePanel } from './SharePanel.ts';

/** What the save indicator's `data-state` says. */
export type SaveState = 'offline' | 'connecting' | 'saving' | 'saved';

/** One state the save indicator took, with the close code it was explaining, if any. */
export interface SaveStateChange {
  state: string | null;
  closeCode: string | null;
}

declare global {
  interface Window {
    /** The save indicator's states since `recordSaveStates`, kept by the test in the page. */
    plenarySaveStates?: SaveStateChange[];
  }
}

/** The plan's phases, as the facilitator's phase switch names them. */
export type PhaseName = 'Drafting' | 'Review' | 'Final';

/** A plan open in someone's browser: its sections, save indicator and facilitation controls. */
export class PlanPage {
  /** The indicator in the header; its `data-state` is what the server confirmed. */
  readonly saveStatus: Locator;
  /** The question a phase change asks first, with what changes for whom. */
  readonly phaseConfirm: Locator;
  /** Why the server refused or ended the connection, when it did. */
  readonly refusalNotice: Locator;
  /** The first section's editor: once it shows, the plan's document has loaded. */
  readonly firstEditor: Locator;
  /** The switch above the text between Editing and Suggesting. */
  readonly modeSwitch: Locator;
  /** Beside the indicator offline: scrolls to the next passage not yet on the server. */
  readonly showUnconfirmed: Locator;

  constructor(readonly page: Page) {
    this.saveStatus = page.getByTestId('save-status');
    this.phaseConfirm = page.getByTestId('phase-confirm');
    this.refusalNotice = page.getByTestId('refusal-notice');
    this.firstEditor = page.getByTestId('section-editor').first();
    this.modeSwitch = page.getByTestId('mode-switch');
    this.showUnconfirmed = page.getByRole('button', {
      name: 'Show text not yet saved to the server',
    });
  }

  /** One button of the mode switch; the pressed one is how this person's changes land. */
  modeButton(mode: 'Editing' | 'Suggesting'): Locator {
    return this.modeSwitch.getByRole('button', { name: mode, exact: true });
  }

  /** Opens an invite link and joins through the name dialog, as a person would. */
  static async join(page: Page, link: string, name: string): Promise<PlanPage> {
    await page.goto(link);
    await new JoinDialog(page).joinAs(name);
    const plan = new PlanPage(page);
    await plan.expectOpen();
    return plan;
  }

  /** Waits until the plan's text shows. */
  async expectOpen(): Promise<void> {
    await expect(this.firstEditor).toBeVisible();
  }

  /** One section's editor, by the section's title. */
  section(title: string): SectionEditor {
    return new SectionEditor(this.page, title);
  }

  /** Waits until the save indicator is in `state`. */
  async expectSaveState(state: SaveState): Promise<void> {
    await expect(this.saveStatus).toHaveAttribute('data-state', state);
  }

  /** The save indicator's state right now. */
  async saveState(): Promise<string | null> {
    return this.saveStatus.getAttribute('data-state');
  }

  /**
   * Starts keeping every state the save indicator takes from now on, in the page itself,
   * so that a state shown only briefly between two looks is not missed.
   */
  async recordSaveStates(): Promise<void> {
    await this.saveStatus.evaluate((indicator) => {
      const changes: SaveStateChange[] = [];
      const record = () => {
        const change = {
          state: indicator.getAttribute('data-state'),
          closeCode: indicator.getAttribute('data-close-code'),
        };
        const last = changes.at(-1);
        if (last?.state !== change.state || last.closeCode !== change.closeCode) {
          changes.push(change);
        }
      };
      record();
      // Each committed render is one mutation; React never paints the states in between.
      new MutationObserver((mutations) => {
        for (const mutation of mutations) if (mutation.target === indicator) record();
      }).observe(indicator, {
        attributes: true,
        attributeFilter: ['data-state', 'data-close-code'],
      });
      window.plenarySaveStates = changes;
    });
  }

  /** The states recorded since `recordSaveStates`. */
  async recordedSaveStates(): Promise<SaveStateChange[]> {
    return this.page.evaluate(() => window.plenarySaveStates ?? []);
  }

  /** Reloads the page (the session is kept on the device) and waits until the plan is synced. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.expectOpen();
    await this.expectSaveState('saved');
  }

  /** Moves the plan to another phase with the facilitator's switch, answering its question. */
  async setPhase(phase: PhaseName): Promise<void> {
    const button = this.page.getByRole('button', { name: phase, exact: true });
    await button.click();
    await this.phaseConfirm.getByRole('button', { name: `Move to ${phase}` }).click();
    // The switch shows the doc's phase: pressed once the server has made the change.
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  /** Opens the Share panel from the facilitation controls. */
  async openShare(): Promise<SharePanel> {
    await this.page.getByRole('button', { name: 'Share', exact: true }).click();
    const panel = new SharePanel(this.page);
    await expect(panel.dialog).toBeVisible();
    return panel;
  }
}
