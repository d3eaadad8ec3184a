/**
 * The editor package (TipTap and ProseMirror: its schema checks suggestions, builds new
 * plans, decides, compares and restores versions), loaded on first need: some 20 MB of
 * memory that an idle server, or one where nobody edits, does not hold.
 */
type EditorModule = typeof import('@plenary/editor');

let loading: Promise<EditorModule> | null = null;
let loaded: EditorModule | null = null;

/** The editor package, loading it the first time. */
export function loadEditor(): Promise<EditorModule> {
  loading ??= import('@plenary/editor').then((editor) => {
    loaded = editor;
    return editor;
  });
  return loading;
}

/**
 * The editor package if it is loaded, for code that cannot wait (the relay's review of an
 * update); null before. The sync route loads it before it hands a socket to the relay, so
 * an update never reaches the review before it is there.
 */
export function loadedEditor(): EditorModule | null {
  return loaded;
}
