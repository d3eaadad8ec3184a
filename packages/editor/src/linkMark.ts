import { safeLinkTarget } from '@plenary/model';
import { Mark, mergeAttributes } from '@tiptap/core';
import { type EditingPlugins, LINK_EDITING_PLACE, pluginsOrPlace } from './editingPlaces.ts';

/** A link's attributes, as the link form sets them. */
export interface LinkAttributes {
  href: string;
  target?: string | null;
  rel?: string | null;
  class?: string | null;
  title?: string | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    // Named apart from TipTap's link extension, which the schema test builds beside ours.
    plenaryLink: {
      /** Links the selection to `href`, if the plan keeps such a target (else false). */
      setLink: (attributes: LinkAttributes) => ReturnType;
      /** Takes the link off the selection, or off the whole link the caret is in. */
      unsetLink: () => ReturnType;
    };
  }
}

/** Options of the plan's link mark. */
export interface LinkOptions {
  /** Linking addresses as they are typed or pasted, when here as the editor is made. */
  editing: EditingPlugins | null;
}

/** The attributes every link is written with unless it says otherwise. */
const LINK_DEFAULTS = { target: '_blank', rel: 'noopener noreferrer nofollow', class: null };

/** Whether a link may point at `href`: no address at all, or one the plan keeps. */
const keptHref = (href: unknown): boolean => !href || safeLinkTarget(href) !== null;

/**
 * Transactions of the link commands say so, so that the linking of typed addresses
 * (linkEditing.ts) leaves the text they changed as the person made it.
 */
export const PREVENT_AUTOLINK = 'preventAutolink';

/**
 * The plan's link: the schema of TipTap's link mark as the plan configured it (its
 * attributes and their defaults, inclusive, its HTML, and its refusal of targets other than
 * web and e-mail addresses; see linkMark.test.ts), and the link form's commands. Linking
 * addresses as they are typed or pasted (linkifyjs, 12.7 KB gzip) is not needed to show a
 * link or to type, so it comes with the editing after ready (linkEditing.ts).
 */
export const Link = Mark.create<LinkOptions>({
  name: 'link',
  // TipTap's: the marks' order in the schema follows their priority.
  priority: 1000,
  keepOnSplit: false,
  exitable: true,
  // Text typed at a link's end goes on the link, as with TipTap's when autolinking.
  inclusive: true,
  addOptions: () => ({ editing: null }),
  addAttributes: () => ({
    href: { default: null, parseHTML: (element) => element.getAttribute('href') },
    target: { default: LINK_DEFAULTS.target },
    rel: { default: LINK_DEFAULTS.rel },
    class: { default: LINK_DEFAULTS.class },
    title: { default: null },
  }),
  parseHTML: () => [
    {
      tag: 'a[href]',
      getAttrs: (element) => {
        const href = element.getAttribute('href');
        return href && keptHref(href) ? null : false;
      },
    },
  ],
  renderHTML({ HTMLAttributes }) {
    // A target the plan does not keep came from elsewhere: the text stays linked, to nothing.
    const shown = keptHref(HTMLAttributes.href) ? HTMLAttributes : { ...HTMLAttributes, href: '' };
    return ['a', mergeAttributes(LINK_DEFAULTS, shown), 0];
  },
  addCommands() {
    return {
      setLink:
        (attributes) =>
        ({ chain }) =>
          keptHref(attributes.href) &&
          chain().setMark(this.name, attributes).setMeta(PREVENT_AUTOLINK, true).run(),
      unsetLink:
        () =>
        ({ chain }) =>
          chain()
            .unsetMark(this.name, { extendEmptyMarkRange: true })
            .setMeta(PREVENT_AUTOLINK, true)
            .run(),
    };
  },
  addProseMirrorPlugins() {
    return pluginsOrPlace(this.options.editing, LINK_EDITING_PLACE, this.editor);
  },
});
