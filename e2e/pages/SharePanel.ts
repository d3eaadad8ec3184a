import { expect, type Locator, type Page } from '@playwright/test';

/** The facilitator's Share panel: invite links per role, their QR codes, revoking them. */
export class SharePanel {
  readonly dialog: Locator;
  readonly createLink: Locator;
  /** The link just created or shown, with its QR code and Copy button. */
  readonly shownLink: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Share this plan' });
    this.createLink = this.dialog.getByRole('button', { name: 'Create link' });
    this.shownLink = this.dialog.getByTestId('invite-link');
  }

  /** The entry of one invite link in the panel's list. */
  link(inviteId: string): Locator {
    return this.dialog.getByTestId(`invite-${inviteId}`);
  }

  /** Creates a link for a role (and a member's group) through the form. */
  async create(role: string, group?: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
    if (group) {
      await this.dialog.getByRole('combobox', { name: 'Group' }).selectOption({ label: group });
    }
    await this.createLink.click();
    await expect(this.shownLink).toBeVisible();
  }

  /** Revokes a link, answering the confirmation, and waits until the list says so. */
  async revoke(inviteId: string): Promise<void> {
    const entry = this.link(inviteId);
    await entry.getByRole('button', { name: 'Revoke' }).click();
    await entry.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(entry).toHaveAttribute('data-state', 'revoked');
  }

  /** The entry of one person in the panel's People list, by the name they joined under. */
  person(name: string): Locator {
    return this.dialog
      .getByRole('region', { name: 'People' })
      .getByRole('listitem')
      .filter({ hasText: name });
  }

  /** Removes a person from the plan, answering the confirmation, and waits until listed so. */
  async removePerson(name: string): Promise<void> {
    const entry = this.person(name);
    await entry.getByRole('button', { name: 'Remove' }).click();
    await entry.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(entry).toHaveAttribute('data-state', 'removed');
  }

  /** Closes the panel. */
  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
