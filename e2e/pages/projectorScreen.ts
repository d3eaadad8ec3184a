import { expect, type Locator, type Page } from '@playwright/test';
import { JoinDialog } from './JoinDialog.ts';

/** Turns an invite link into the same link opening the projector view (`…/projector#invite=…`). */
export const projectorLink = (inviteUrl: string): string => inviteUrl.replace('#', '/projector#');

/** Seconds on a timer face such as `9:05` or `1:02:00` (NaN for no face). */
export function clockSeconds(face: string | null): number {
  if (!face) return Number.NaN;
  return face
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

/** The projector view on the room's computer: the presented section, live text, timer, join code. */
export class ProjectorScreen {
  readonly root: Locator;
  /** The title of the section being presented, in the header. */
  readonly currentSection: Locator;
  /** The breakout timer's face. */
  readonly timer: Locator;
  readonly joinOverlay: Locator;
  /** The join code's QR image. */
  readonly joinQr: Locator;
  /** The short address to type instead of scanning, and the code to type there. */
  readonly joinAddress: Locator;
  readonly joinCode: Locator;
  readonly resumeFollowing: Locator;
  /** The per-group count of people online. */
  readonly presence: Locator;
  /** The section being presented, with its text. */
  readonly presented: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('projector');
    this.currentSection = page.getByTestId('projector-current-section');
    this.timer = this.root.getByTestId('timer-remaining');
    this.joinOverlay = page.getByTestId('join-overlay');
    this.joinQr = this.joinOverlay.getByTestId('qr-code');
    this.joinAddress = this.joinOverlay.getByTestId('join-code-address');
    this.joinCode = this.joinOverlay.getByTestId('join-code');
    this.resumeFollowing = page.getByRole('button', { name: 'Resume following' });
    this.presence = page.getByTestId('projector-presence');
    this.presented = this.root.locator('.projector-section[data-current="true"]');
  }

  /** Opens an observer link straight into the projector view, joining as `name`. */
  static async open(page: Page, observerInviteUrl: string, name: string): Promise<ProjectorScreen> {
    await page.goto(projectorLink(observerInviteUrl));
    await new JoinDialog(page).joinAs(name);
    const screen = new ProjectorScreen(page);
    await expect(screen.root).toHaveAttribute('data-ready', 'true');
    return screen;
  }

  /** A section of the plan on the projector, by its id. */
  section(sectionId: string): Locator {
    return this.page.getByTestId(`projector-section-${sectionId}`);
  }

  /** A section's title on the projector. */
  sectionTitle(sectionId: string): Locator {
    return this.section(sectionId).getByRole('heading', { level: 2 });
  }

  /** A section's pending insertions, as the projector marks them (none when shown as if accepted). */
  insertions(sectionId: string): Locator {
    return this.section(sectionId).locator('ins');
  }

  /** The mark on text that just arrived, found by the text it covers. */
  highlight(text: string): Locator {
    return this.root.getByTestId('live-highlight').filter({ hasText: text });
  }

  /** The number of people online in a group, as the footer shows it. */
  onlineIn(groupId: string): Locator {
    return this.presence.locator(`[data-group="${groupId}"]`);
  }

  /** The timer's remaining time in seconds, as the projector shows it. */
  async timerSeconds(): Promise<number> {
    return clockSeconds(await this.timer.textContent());
  }
}
