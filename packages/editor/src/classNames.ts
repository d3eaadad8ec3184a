/**
 * Class names the editor's decorations put in the page, for the web app to find them. A
 * module of its own (`@plenary/editor/classNames`), so that reading them loads no editor.
 */

/** The class of text this device wrote that the server has not confirmed yet. */
export const UNCONFIRMED_TEXT_CLASS = 'unconfirmed-text';
