/**
 * Plans in, as files: six self-written plans of different communes and kinds (a conference, a
 * festival, a campaign, a training course, an inspection, a year plan), each as .txt, as .docx
 * made here with the `docx` library (a real Word table where the text has one) and as .pdf
 * made from that .docx by LibreOffice. Each is read the way an upload is (bytes →
 * extractPlanFile → core's readPlanSource) and checked: every task in its unit's column with
 * its due date, the cooperating units, the plan's number and date, the event, and columns
 * for the units the plan names and no other. The share read correctly per format is printed.
 * Bad files are refused with what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { PlanReading } from '../../packages/core/src/index';
import { readPlanSource } from '../../packages/core/src/plan-reading';
import { planDocx } from './plan-docx';
import { extractPlanFile, PlanFileError } from '../../packages/functions/src/plan-files/extract';
import { requireTool } from '../helpers/tools';
import { convert, hasLibreOffice, newProfile } from '../helpers/libreoffice';
import { EXPECTED, type ExpectedPlan } from '../fixtures/plans/expected';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'plans');
const withLibreOffice = requireTool('LibreOffice (soffice) with pdftotext', hasLibreOffice);

/** A one-page PDF whose only content is an image (as a scanner makes), written by hand. */
function scannedPdf(): Uint8Array {
  const pixels = Buffer.alloc(16 * 16 * 3, 0x80);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
  ];
  const draw = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  const size = () => parts.reduce((n, b) => n + b.length, 0);
  objects.forEach((o, i) => { offsets.push(size()); parts.push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`)); });
  offsets.push(size());
  parts.push(Buffer.from(`4 0 obj\n<< /Length ${draw.length} >>\nstream\n${draw}\nendstream\nendobj\n`));
  offsets.push(size());
  parts.push(Buffer.from(`5 0 obj\n<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`), pixels, Buffer.from('\nendstream\nendobj\n'));
  const xref = size();
  parts.push(Buffer.from(`xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

interface Score { tasks: number; correct: number; problems: string[] }

function score(reading: PlanReading, e: ExpectedPlan): Score {
  const problems: string[] = [];
  let correct = 0;
  for (const t of e.tasks) {
    const found = reading.plan.tasks.find((x) => x.description.toLowerCase().includes(t.words.toLowerCase()));
    if (!found) { problems.push(`"${t.words}": not read`); continue; }
    const wrong: string[] = [];
    if (found.unit !== t.unit) wrong.push(`column ${found.unit}, expected ${t.unit}`);
    if (found.due !== t.due) wrong.push(`due ${found.due}, expected ${t.due}`);
    if (t.cooperating && JSON.stringify(found.cooperating) !== JSON.stringify(t.cooperating))
      wrong.push(`cooperating ${JSON.stringify(found.cooperating)}, expected ${JSON.stringify(t.cooperating)}`);
    if (wrong.length) problems.push(`"${t.words}": ${wrong.join('; ')}`);
    else correct++;
  }
  return { tasks: e.tasks.length, correct, problems };
}

const files = new Map<string, { txt: Uint8Array; docx: Uint8Array; pdf?: Uint8Array }>();
const shares: Record<string, { tasks: number; correct: number }> = {};
let dir = '';
const profile = newProfile();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'binh-an-plans-'));
  for (const e of EXPECTED) {
    const txt = readFileSync(join(FIXTURES, `${e.file}.txt`));
    const docx = await planDocx(txt.toString('utf8'));
    writeFileSync(join(dir, `${e.file}.docx`), docx);
    files.set(e.file, { txt: new Uint8Array(txt), docx });
  }
  if (withLibreOffice) {
    await convert(EXPECTED.map((e) => join(dir, `${e.file}.docx`)), { to: 'pdf', outDir: dir, profileUrl: profile.url });
    for (const e of EXPECTED) files.get(e.file)!.pdf = new Uint8Array(readFileSync(join(dir, `${e.file}.pdf`)));
  }
}, 300_000);

afterAll(() => {
  const lines = Object.entries(shares).map(([f, s]) => `${f}: ${s.correct}/${s.tasks} tasks (${Math.round((100 * s.correct) / Math.max(1, s.tasks))}%)`);
  console.info(`Share of tasks read correctly (column, due date, cooperating units):\n  ${lines.join('\n  ')}`);
  if (dir) rmSync(dir, { recursive: true, force: true });
  profile.remove();
});

async function read(e: ExpectedPlan, format: 'txt' | 'docx' | 'pdf'): Promise<PlanReading> {
  const bytes = files.get(e.file)![format]!;
  const extracted = await extractPlanFile(bytes);
  expect(extracted.format).toBe(format);
  return readPlanSource(extracted);
}

function tally(format: string, s: Score): void {
  const t = (shares[format] ??= { tasks: 0, correct: 0 });
  t.tasks += s.tasks;
  t.correct += s.correct;
}

describe.each(['txt', 'docx'] as const)('plans as .%s', (format) => {
  it.each(EXPECTED.map((e) => [e.genre, e] as const))('%s: every task in its column with its due date, the facts, only the named columns', async (_g, e) => {
    const r = await read(e, format);
    const s = score(r, e);
    tally(format, s);
    expect(s.problems).toEqual([]);
    expect(r.plan.tasks).toHaveLength(e.tasks.length);
    expect(r.plan.units.map((u) => u.id).sort()).toEqual([...e.units].sort());
    expect([r.plan.facts.planNumber, r.plan.facts.planDate]).toEqual([e.planNumber, e.planDate]);
    if (e.event) {
      expect({ startDate: r.event.startDate, endDate: r.event.endDate, startTime: r.event.startTime, place: r.event.place }).toEqual(e.event);
      expect(r.plan.facts.conferenceDate).toBe(e.event.startDate);
    }
    if (format === 'docx' && e.file !== '03-chien-dich-ve-sinh' && e.file !== '05-kiem-tra-pccc') expect(r.fromTables).toBe(e.tasks.length); // from the Word table
  });
});

describe.skipIf(!withLibreOffice)('plans as .pdf (made from the .docx by LibreOffice)', () => {
  it.each(EXPECTED.map((e) => [e.genre, e] as const))('%s: every task in its column with its due date (tables rebuilt from the page), the facts', async (_g, e) => {
    const r = await read(e, 'pdf');
    const s = score(r, e);
    tally('pdf', s);
    if (s.problems.length) console.info(`pdf ${e.file}:\n  ${s.problems.join('\n  ')}`);
    expect(s.problems).toEqual([]);
    expect([r.plan.facts.planNumber, r.plan.facts.planDate]).toEqual([e.planNumber, e.planDate]);
    // Nothing is put in a wrong column: a task read is in its own unit's column.
    for (const t of e.tasks) {
      const found = r.plan.tasks.find((x) => x.description.toLowerCase().includes(t.words.toLowerCase()));
      if (found) expect(found.unit, t.words).toBe(t.unit);
    }
  });
});

describe('bad plan files are refused with what to do', () => {
  const refused = async (bytes: Uint8Array, code: string, vi: RegExp) => {
    const err = await extractPlanFile(bytes).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(PlanFileError);
    expect((err as PlanFileError).code).toBe(code);
    expect((err as PlanFileError).messageVi).toMatch(vi);
  };

  it('an old binary Word file (.doc): save it as .docx', async () => {
    const doc = new Uint8Array(2048);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await refused(doc, 'old-doc', /lưu thành \.docx/);
  });

  it('a file over 10 MB', async () => {
    await refused(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41), 'too-large', /tối đa 10 MB/);
  });

  it('a damaged .docx, and a zip that is not a Word document', async () => {
    const broken = new Uint8Array(400);
    broken.set([0x50, 0x4b, 0x03, 0x04]);
    await refused(broken, 'bad-docx', /bị hỏng/);
    await refused(zipSync({ 'hello.txt': new TextEncoder().encode('xin chào') }), 'bad-docx', /không phải văn bản Word/);
  });

  it('a zip bomb posing as .docx (60 MB of zeros packed small) is refused before it is unpacked', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused(bomb, 'zip-bomb', /giải nén lên tới 63 MB/);
  });

  it('text that is not UTF-8', async () => {
    await refused(new Uint8Array([0x4b, 0xe9, 0x20, 0x68, 0x6f, 0xe0, 0x63, 0x68, 0xff, 0xfe, 0x80]), 'unknown-format', /không phải \.docx, PDF/);
  });

  it('a scanned PDF (a page that is only a picture, no text): no text in this PDF', async () => {
    await refused(scannedPdf(), 'no-text', /Không có chữ trong tệp PDF/);
  });

  it.skipIf(!withLibreOffice)('a PDF with a password', async () => {
    const src = join(dir, 'secret.txt');
    writeFileSync(src, 'Kế hoạch mật');
    const filter = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"matkhau"}}';
    await convert([src], { to: filter, outDir: dir, profileUrl: profile.url });
    await refused(new Uint8Array(readFileSync(join(dir, 'secret.pdf'))), 'encrypted-pdf', /có mật khẩu/);
  }, 120_000);
});
