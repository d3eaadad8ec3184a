import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The class TipTap's CollaborationCaret gives another person's caret: a span inside the
 * editor's text that holds the name label, so it must be left out when reading the text.
 */
export const CARET_CLASS = 'collaboration-carets__caret';
/** The class of the name label inside another person's caret. */
export const CARET_LABEL_CLASS = 'collaboration-carets__label';
/** The class of this person's text the server has not confirmed storing. */
const UNCONFIRMED_CLASS = 'unconfirmed-text';

declare global {
  interface Window {
    /** Composition events in the editor since `recordCompositions`, kept by the test. */
    plenaryCompositions?: string[];
  }
}

/** One section's text editor, found by the section's title as its accessible name. */
export class SectionEditor {
  /** The whole section: title, group, notes and text. */
  readonly region: Locator;
  readonly textbox: Locator;
  /** Suggested insertions in the text, as the editor marks them. */
  readonly insertions: Locator;
  /** Suggested deletions in the text, still shown struck through. */
  readonly deletions: Locator;
  /** This person's text the server has not confirmed storing, as the editor marks it. */
  readonly unconfirmed: Locator;

  constructor(
    private readonly page: Page,
    readonly title: string,
  ) {
    this.region = page.getByRole('region', { name: title, exact: true });
    this.textbox = this.region.getByRole('textbox', { name: title, exact: true });
    this.insertions = this.textbox.locator('ins');
    this.deletions = this.textbox.locator('del');
    this.unconfirmed = this.textbox.locator(`.${UNCONFIRMED_CLASS}`);
  }

  /** Waits until the text marked as not yet on the server is `expected`, read in order. */
  async expectUnconfirmed(expected: string): Promise<void> {
    await expect
      .poll(
        () =>
          this.textbox.evaluate(
            (editor, marked) =>
              [...editor.querySelectorAll(`.${marked}`)].map((span) => span.textContent).join(''),
            UNCONFIRMED_CLASS,
          ),
        { message: `text of "${this.title}" not yet on the server` },
      )
      .toBe(expected);
  }

  /** The name label of someone else's caret in this section. */
  caretOf(name: string): Locator {
    return this.textbox.locator(`.${CARET_LABEL_CLASS}`, { hasText: name });
  }

  /** The section's text as people read it: every character, other people's carets left out. */
  async text(): Promise<string> {
    return this.textbox.evaluate((editor, caretClass) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll(`.${caretClass}`)) caret.remove();
      return copy.textContent ?? '';
    }, CARET_CLASS);
  }

  /** Waits until the section's text (carets left out) contains `expected`. */
  async expectToContain(expected: string): Promise<void> {
    await expect
      .poll(() => this.text(), { message: `text of "${this.title}"` })
      .toContain(expected);
  }

  /** Starts keeping the input-method compositions that begin and end in this editor. */
  async recordCompositions(): Promise<void> {
    await this.textbox.evaluate((editor) => {
      const seen: string[] = [];
      for (const type of ['compositionstart', 'compositionend']) {
        editor.addEventListener(type, () => seen.push(type));
      }
      window.plenaryCompositions = seen;
    });
  }

  /** The composition events seen since `recordCompositions`, in order. */
  async recordedCompositions(): Promise<string[]> {
    return this.textbox.evaluate(() => window.plenaryCompositions ?? []);
  }

  /** Puts the cursor at the end of the section's text. */
  async moveToEnd(): Promise<void> {
    await this.textbox.click();
    await this.page.keyboard.press('ControlOrMeta+End');
  }

  /** Types `text` at the end of the section, key by key, as a person would. */
  /** Pastes plain text at the end, as the browser hands a paste to the editor. */
  async pasteAtEnd(text: string): Promise<void> {
    await this.moveToEnd();
    await this.textbox.evaluate((editor, pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      editor.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  async typeAtEnd(text: string): Promise<void> {
    await this.moveToEnd();
    await this.page.keyboard.type(text);
  }

  /**
   * Selects the first occurrence of `text` in the section, as a drag of the mouse over it
   * would: the browser's selection, which the editor takes as its own.
   */
  async select(text: string): Promise<void> {
    await this.textbox.click();
    await this.textbox.evaluate((editor, wanted) => {
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const start = node.textContent?.indexOf(wanted) ?? -1;
        if (start < 0) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + wanted.length);
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
        return;
      }
      throw new Error(`No "${wanted}" in one piece of the section's text`);
    }, text);
    await expect
      .poll(() => this.page.evaluate(() => document.getSelection()?.toString()))
      .toBe(text);
  }

  /** Waits until this person may write here (or, with `false`, may not). */
  async expectWritable(writable = true): Promise<void> {
    await expect(this.textbox).toHaveAttribute('aria-readonly', String(!writable));
    await expect(this.textbox).toHaveAttribute('contenteditable', String(writable));
  }
}
