/** Offers `markdown` to the person as a file download named after the plan. */
export function downloadMarkdown(markdown: string, title: string): void {
  const blob = new Blob([markdown], { type: 'text/markdown;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  const safeTitle = title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'plan';
  link.download = `${safeTitle} (copy from this device).md`;
  link.click();
  // The click starts the download synchronously; the URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
