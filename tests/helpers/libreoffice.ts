/**
 * LibreOffice (headless) and poppler's pdftotext for the export tests: open what a user
 * downloads the way an office program does, and read back what it shows. Use with
 * requireTool('LibreOffice', hasLibreOffice): skipped on a laptop without it, a failure in CI.
 * CI installs: libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-dejavu-core.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const SOFFICE_PATH = process.env.SOFFICE_PATH ?? 'soffice';

function has(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

export const hasSoffice = has(SOFFICE_PATH, ['--version']);
export const hasPdftotext = has('pdftotext', ['-v']);
/** Both are needed: soffice converts, pdftotext reads the PDF back. */
export const hasLibreOffice = hasSoffice && hasPdftotext;

/** A private LibreOffice profile, so parallel runs and a user's own LibreOffice never collide. */
export function newProfile(): { url: string; remove: () => void } {
  const dir = `/tmp/lo-profile-${randomBytes(6).toString('hex')}`;
  return { url: `file://${dir}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ConvertOptions {
  /** e.g. "pdf", "pdf:writer_pdf_Export", 'csv:Text - txt - csv (StarCalc):44,34,76,1'. */
  to: string;
  outDir: string;
  profileUrl: string;
  /** e.g. "HTML (StarWriter)": open HTML in Writer rather than Writer/Web. */
  infilter?: string;
  timeoutMs?: number;
}

/** Convert several files in one soffice run; resolves with the run's output and time. */
export function convert(files: string[], o: ConvertOptions): Promise<{ stdout: string; stderr: string; ms: number }> {
  const args = [
    `-env:UserInstallation=${o.profileUrl}`, '--headless', '--norestore', '--nolockcheck',
    ...(o.infilter ? [`--infilter=${o.infilter}`] : []),
    '--convert-to', o.to, '--outdir', o.outDir, ...files,
  ];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(SOFFICE_PATH, args, { timeout: o.timeoutMs ?? 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`soffice failed: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * The text of a PDF, as pdftotext reads it (reading order, UTF-8). `raw`: in the order the
 * PDF draws it — for LibreOffice's PDFs a table row by row, cell by cell, and a hyphen at a
 * line end kept.
 */
export function pdfText(pdfPath: string, o: { raw?: boolean } = {}): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...(o.raw ? ['-raw'] : []), pdfPath, '-'], { encoding: 'utf8' });
}

export const hasPdftoppm = has('pdftoppm', ['-v']);

/** Render each page of a PDF as PNG (`<prefix>-1.png`, …) at `dpi`; returns the files written. */
export function pdfToPng(pdfPath: string, prefix: string, dpi = 70): string[] {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdfPath, prefix], { timeout: 60_000 });
  const dir = dirname(prefix);
  const stem = basename(prefix);
  return readdirSync(dir).filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.png')).sort().map((f) => join(dir, f));
}

/** Pages of a PDF, as pdfinfo counts them. */
export function pdfPages(pdfPath: string): number {
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}
