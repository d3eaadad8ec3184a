/**
 * The editing packages (TipTap and ProseMirror: @plenary/editor's schema imports text,
 * @plenary/suggestions checks, decides and repairs suggestions, @plenary/versions compares
 * and restores versions), loaded together on first need: some 20 MB of memory that an
 * idle server, or one where nobody suggests, does not hold (new plans are built in a
 * child process, `planStateApart`). Together, because each of the other two loads the
 * editor package anyway.
 */
/** What `loadEditor` resolves with: the three editing packages' exports together. */
export type EditorModule = typeof import('@plenary/editor') &
  typeof import('@plenary/suggestions') &
  typeof import('@plenary/versions');

let loading: Promise<EditorModule> | null = null;
let loaded: EditorModule | null = null;

/** The editing packages, loading them the first time. */
export function loadEditor(): Promise<EditorModule> {
  loading ??= Promise.all([
    import('@plenary/editor'),
    import('@plenary/suggestions'),
    import('@plenary/versions'),
  ]).then(([editor, suggestions, versions]) => {
    loaded = { ...editor, ...suggestions, ...versions };
    return loaded;
  });
  return loading;
}

/**
 * The editing packages if they are loaded, for code that cannot wait (the relay's review
 * of an update); null before. The sync route loads them before it hands the relay the
 * socket of someone who must suggest, and a plan's switch to suggesting loads them within
 * the grace that follows it (see suggestionReview.ts), so a change to check never reaches
 * the review before they are there.
 */
export function loadedEditor(): EditorModule | null {
  return loaded;
}
