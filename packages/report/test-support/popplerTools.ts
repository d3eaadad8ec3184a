/**
 * Poppler's command-line tools, which the PDF tests read PDFs with. They come from
 * Debian's `poppler-utils`; without them the tests fail with the command to install them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_HINT = 'install it with: apt-get install -y poppler-utils';

function run(command: string, args: string[]): Buffer {
  const result = spawnSync(command, args);
  if (result.error) {
    throw new Error(
      `${command} is needed to check PDFs (${result.error.message}); ${INSTALL_HINT}`,
    );
  }
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

// Writes the PDF to a scratch folder for the tool, and removes it afterwards.
function withPdfFile<T>(pdf: Uint8Array, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-report-'));
  try {
    const path = join(dir, 'report.pdf');
    writeFileSync(path, pdf);
    return use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as `pdftotext` extracts it (what copy and search get). */
export const pdfText = async (pdf: Uint8Array): Promise<string> =>
  withPdfFile(pdf, (path) => run('pdftotext', ['-enc', 'UTF-8', path, '-']).toString('utf8'));

/** The first page rendered by `pdftoppm` at `dpi`, as PNG bytes. */
export const pdfPagePng = async (pdf: Uint8Array, dpi: number): Promise<Buffer> =>
  withPdfFile(pdf, (path, dir) => {
    run('pdftoppm', [
      '-r',
      String(dpi),
      '-png',
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      path,
      join(dir, 'page'),
    ]);
    return readFileSync(join(dir, 'page.png'));
  });
