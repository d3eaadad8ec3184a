/** The file types the import controls offer; the server takes the same two. */
export const OUTLINE_ACCEPT =
  '.docx,.md,.markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The file as the import calls send it: with the content type its name says. Browsers give
 * a .md file no type, or text/plain, so the name decides, as it did for the person.
 */
export function outlineBody(file: File): Blob {
  const name = file.name.toLowerCase();
  const type = name.endsWith('.docx')
    ? DOCX_TYPE
    : name.endsWith('.md') || name.endsWith('.markdown')
      ? 'text/markdown'
      : file.type || 'application/octet-stream';
  return new Blob([file], { type });
}

/** The query that names the file for the server (its fallback title and format). */
export const outlineQuery = (file: File): string => `?${new URLSearchParams({ name: file.name })}`;
