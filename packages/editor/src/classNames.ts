/**
 * Class names the editor's decorations and views put in the page, for the web app to find
 * them. A module of its own (`@plenary/editor/classNames`), so that reading them loads no
 * editor.
 */

/** The class of text this device wrote that the server has not confirmed yet. */
export const UNCONFIRMED_TEXT_CLASS = 'unconfirmed-text';

/** The class of the box a table scrolls in when it is wider than the text (see editor.css). */
export const TABLE_BOX_CLASS = 'tableWrapper';
