/** Hands a fetched file to the browser's downloads under the given name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; revoking on the next task leaves it the URL.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
