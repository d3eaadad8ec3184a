/**
 * Linking addresses as a person types or pastes them (linkifyjs finds them): an address
 * followed by a space or a new line becomes a link, addresses in pasted text become links,
 * and an address pasted over selected text links that text. Part of the editing after
 * ready (editingAfterReady.ts): showing a link or typing does not need it.
 */
import { safeLinkTarget } from '@plenary/model';
import {
  combineTransactionSteps,
  type Editor,
  getChangedRanges,
  markPasteRule,
  type PasteRuleMatch,
  pasteRulesPlugin,
} from '@tiptap/core';
import type { MarkType, Node as ProseMirrorNode, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ReplaceStep } from '@tiptap/pm/transform';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { find, tokenize } from 'linkifyjs';
import type { EditingPlugins } from './editingPlaces.ts';
import { PREVENT_AUTOLINK } from './linkMark.ts';

/** An address linkifyjs found, where it is in the text it was found in. */
interface FoundLink {
  href: string;
  value: string;
  start: number;
  end: number;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Whether found text is linked without being asked: one with a scheme is; a bare name
 * only if its host is a domain ("example.org", "name@example.org"), not a machine name
 * ("localhost") or a numeric address. Its target must be one the plan keeps.
 */
function linksItself({ value, href }: FoundLink): boolean {
  if (safeLinkTarget(href) === null) return false;
  if (HAS_SCHEME.test(value)) return true;
  const host = value.slice(value.lastIndexOf('@') + 1).split(/[/?#:]/)[0] ?? '';
  return host.includes('.') && !IP_ADDRESS.test(host);
}

/** Brackets an address may be typed in, "(https://example.org)", and still be linked. */
const BRACKETS = new Set(['()', '[]']);

/** The address a typed word is, alone or in brackets; null if it is not one. */
function wordAddress(word: string): FoundLink | null {
  const tokens = tokenize(word).map((token) => token.toObject('http'));
  const [open, middle, close] = tokens;
  const link =
    tokens.length === 1
      ? open
      : tokens.length === 3 && BRACKETS.has(`${open?.value}${close?.value}`)
        ? middle
        : undefined;
  return link?.isLink && linksItself(link) ? link : null;
}

/**
 * The last word of the text block in which a change ends with a space or a new line, and
 * where that text block's text starts; null when the change ends otherwise.
 */
function wordBeforeBreak(
  doc: ProseMirrorNode,
  from: number,
  to: number,
): { word: string; at: number } | null {
  const $from = doc.resolve(from);
  const block = $from.parent;
  if (!block.isTextblock) return null;
  const start = $from.start();
  const end = Math.min(to, $from.end());
  // One character per inline node (a line break reads as a space): offsets are positions.
  const text = block.textBetween(0, end - start, undefined, ' ');
  const endsInBreak = to > $from.end() || /\s$/u.test(doc.textBetween(from, to, ' ', ' '));
  if (!endsInBreak) return null;
  const word = /\S+(?=\s*$)/u.exec(text);
  return word ? { word: word[0], at: start + word.index } : null;
}

/** Text without white space: inserted alone, it cannot end a word. */
const WITHIN_WORD = /^\S*$/u;

/** Whether `slice` is text of one word or less, as a typed character is. */
const wordText = (slice: Slice): boolean =>
  slice.openStart === 0 &&
  slice.openEnd === 0 &&
  slice.content.childCount <= 1 &&
  (slice.content.firstChild === null ||
    (slice.content.firstChild.isText && WITHIN_WORD.test(slice.content.firstChild.text ?? '')));

/**
 * Whether `tr` may end a typed word: it was made in this editor (a change drawn from Yjs
 * was linked where it was typed) and inserts more than a part of a word. Most keystrokes
 * insert one character within a word; they are let through without mapping the
 * transaction's ranges or comparing documents.
 */
export function mayEndTypedWord(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  if (sync?.isChangeOrigin) return false;
  return tr.steps.some((step) => !(step instanceof ReplaceStep) || !wordText(step.slice));
}

/** Links the address typed just before a space or a new line. */
function linkTypedAddresses(type: MarkType): Plugin {
  return new Plugin({
    key: new PluginKey('linkTypedAddresses'),
    appendTransaction(transactions, before, after) {
      const changed = transactions.some(mayEndTypedWord) && !before.doc.eq(after.doc);
      if (!changed || transactions.some((tr) => tr.getMeta(PREVENT_AUTOLINK))) return null;
      const tr = after.tr;
      const steps = combineTransactionSteps(before.doc, [...transactions]);
      for (const { newRange } of getChangedRanges(steps)) {
        const typed = wordBeforeBreak(after.doc, newRange.from, newRange.to);
        const link = typed && wordAddress(typed.word);
        if (!typed || !link) continue;
        const [from, to] = [typed.at + link.start, typed.at + link.end];
        if (!after.doc.rangeHasMark(from, to, type)) addLink(tr, type, from, to, link.href);
      }
      return tr.steps.length ? tr : null;
    },
  });
}

const addLink = (tr: Transaction, type: MarkType, from: number, to: number, href: string) =>
  tr.addMark(from, to, type.create({ href }));

/** The addresses in pasted text that link themselves. */
const pastedAddresses = (text: string): PasteRuleMatch[] =>
  find(text)
    .filter((link) => link.isLink && linksItself(link))
    .map((link) => ({ text: link.value, index: link.start, data: { href: link.href } }));

/** Links an address pasted over selected text, when the pasted text is that address alone. */
function linkSelectionToPastedAddress(editor: Editor, type: MarkType): Plugin {
  return new Plugin({
    key: new PluginKey('linkSelectionToPastedAddress'),
    props: {
      handlePaste(view, _event, slice) {
        if (view.state.selection.empty) return false;
        let text = '';
        slice.content.forEach((node) => {
          text += node.textContent;
        });
        const link = find(text).find((found) => found.isLink && found.value === text);
        if (!text || !link || !linksItself(link)) return false;
        return editor.commands.setMark(type, { href: link.href });
      },
    },
  });
}

let scannerReady = false;

/**
 * Builds linkifyjs's scanner (its table of top-level domains) while the page is idle. It is
 * otherwise built by the first word read, in the keystroke of the first space typed, which
 * then took tens of milliseconds.
 */
function prepareScanner(): void {
  if (scannerReady) return;
  scannerReady = true;
  // Not every browser has requestIdleCallback, and the package is also compiled without the DOM's types.
  const scope = globalThis as { requestIdleCallback?: (run: () => void) => unknown };
  const build = () => tokenize('');
  if (scope.requestIdleCallback) scope.requestIdleCallback(build);
  else setTimeout(build, 1);
}

/** Link editing, for the link mark (see LinkOptions.editing). */
export const linkEditingPlugins: EditingPlugins = {
  plugins: (editor) => {
    const type = editor.schema.marks.link;
    if (!type) return [];
    prepareScanner();
    return [
      linkTypedAddresses(type),
      linkSelectionToPastedAddress(editor, type),
      ...pasteRulesPlugin({
        editor,
        rules: [
          markPasteRule({
            find: pastedAddresses,
            type,
            getAttributes: (match) => ({ href: match.data?.href }),
          }),
        ],
      }),
    ];
  },
};
