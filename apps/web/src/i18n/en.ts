/**
 * English UI strings: the source of every key. Khmer (`km.ts`) must provide the same
 * keys, which the `Messages` type checks.
 */
export const en = {
  common: {
    appName: 'Plenary',
    language: 'Language',
    loading: 'Loading…',
    retry: 'Try again',
    reload: 'Reload page',
    allPlans: 'All plans',
    dismiss: 'Dismiss',
    cancel: 'Cancel',
    pageNotFound: 'There is no page at this address.',
  },
  start: {
    heading: 'Draft your National Action Plan together',
    intro: 'Create a plan, share its link, and write it together, live.',
    createHeading: 'Start a new plan',
    planTitle: 'Plan title',
    planTitlePlaceholder: 'e.g. National Action Plan on Atrocity Prevention',
    template: 'Start from',
    templateR2p: 'R2P National Action Plan',
    templateR2pHint: 'The sections of an R2P national action plan, with the UN risk factors table',
    templateBlank: 'Blank plan',
    templateBlankHint: 'One empty section to start from',
    create: 'Create plan',
    creating: 'Creating…',
    titleRequired: 'Give the plan a title.',
    listHeading: 'Plans',
    empty: 'No plans yet. Create the first one above.',
    updated: 'Updated {{date}}',
  },
  plan: {
    contents: 'Contents',
    loading: 'Opening the plan…',
    notFound: 'This plan does not exist',
    notFoundHint: 'Check the link, or open a plan from the list.',
    noSections: 'This plan has no sections yet.',
    plenary: 'Plenary',
    copyLink: 'Copy link',
    linkCopied: 'Link copied',
    linkSelected: 'Link selected: press Ctrl+C, or long-press to copy',
    linkLabel: 'Link to this plan',
    online: 'Online now',
    you: '{{name}} (you)',
    changeName: 'Edit name',
    editorLabel: 'Text of section “{{title}}”',
  },
  save: {
    offline: 'Offline: your changes will be saved when the connection returns',
    connecting: 'Connecting…',
    saving: 'Saving…',
    saved: 'All changes saved',
  },
  close: {
    malformed: 'The server could not read a change from this device. Reload the page to continue.',
    unauthorized: 'You are not allowed to open this plan.',
    forbidden: 'You are not allowed to make this change. Reload the page to continue.',
    unknownPlan: 'This plan does not exist',
    tooLarge:
      'Your last change was too large to save. Reload the page to continue; that change will be lost.',
    rejected: 'The server could not apply your last change. Reload the page to continue.',
    storage:
      'The server cannot save right now — your text is kept on this device. Keep this page open.',
    serverError: 'The server had a problem. Reconnecting…',
    other: 'The server closed the connection: {{reason}}',
  },
  toolbar: {
    label: 'Formatting',
    hint: 'Click into a section to format its text.',
    bold: 'Bold',
    italic: 'Italic',
    underline: 'Underline',
    heading2: 'Heading',
    heading3: 'Subheading',
    bulletList: 'Bulleted list',
    orderedList: 'Numbered list',
    link: 'Add link',
    insertTable: 'Insert table',
    addRow: 'Add row',
    deleteRow: 'Delete row',
    addColumn: 'Add column',
    deleteColumn: 'Delete column',
    linkAddress: 'Link address',
    applyLink: 'Apply link',
    removeLink: 'Remove link',
  },
  paste: {
    tooLarge:
      'This paste is too large to save at once ({{size}}; the limit is {{limit}}). Paste it in smaller parts.',
  },
  name: {
    heading: 'Welcome',
    intro: 'Your name is shown next to your cursor, so others can see who is writing.',
    label: 'Your name',
    join: 'Join',
    required: 'Please enter your name.',
  },
  errors: {
    network: 'The server could not be reached. Check the connection and try again.',
  },
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The shape every language's UI strings must have. */
export type Messages = Strings<typeof en>;
