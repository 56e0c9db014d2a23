/**
 * Reads a plan as it arrives from a file: its text (lists, read by importer.ts) and its tables
 * (Word tables, or text tables with pipes or tabs) — above all the assignment of tasks
 * "STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành" —
 * with due dates (due-dates.ts), cooperating units, the event's date, time and place
 * (event-facts.ts), and units named in the many ways of COMMUNE_UNITS and the thôn. The board
 * it describes has a column for each unit the plan names and no other. Pure: no I/O; the
 * file formats are turned into text and rows by the caller (packages/functions plan-files).
 */
import { importPlan, type ImportReport, type ImportResult, type ImportedTask, type ImportedUnit } from './importer';
import { findUnitMention, type UnitAlias } from './units-dictionary';
import { COMMUNE_UNITS, findHamlet } from './commune-units';
import { findDueDate, foldKeepPunctuation, readDueCell } from './due-date-phrases';
import { readEventFacts, type EventFacts } from './event-facts';
import { foldVietnamese, slugify, squash } from '../util/text';
import type { IsoDate } from '../util/dates';

export interface PlanSource {
  text: string;
  /** Tables of the document, each as rows of cell texts (a Word table), in document order. */
  tables?: string[][][];
}

export interface ReadTask extends ImportedTask {
  due: IsoDate | null;
  /** Units named as cooperating ("Đơn vị phối hợp", "phối hợp với …"), as the board names them. */
  cooperating: string[];
}

export interface PlanReading extends Omit<ImportResult, 'plan'> {
  plan: Omit<ImportResult['plan'], 'tasks'> & { tasks: ReadTask[] };
  event: EventFacts;
  /** How many tasks came from tables. */
  fromTables: number;
}

type Role = 'index' | 'content' | 'lead' | 'coop' | 'due' | 'note';

/** Which column of a header row holds what. */
export function tableColumns(header: string[]): Map<Role, number> | null {
  const roles = new Map<Role, number>();
  header.forEach((cell, i) => {
    const f = foldVietnamese(cell);
    const set = (r: Role) => { if (!roles.has(r)) roles.set(r, i); };
    if (/^(stt|tt|so tt)$/.test(f)) set('index');
    else if (/phoi hop/.test(f)) set('coop');
    else if (/chu tri|thuc hien|don vi|co quan|bo phan|trach nhiem|nguoi phu trach/.test(f)) set('lead');
    else if (/thoi gian|thoi han|han hoan thanh|tien do|ngay hoan thanh/.test(f)) set('due');
    else if (/noi dung|nhiem vu|cong viec|hoat dong|giai phap/.test(f)) set('content');
    else if (/ghi chu/.test(f)) set('note');
  });
  return roles.has('content') && roles.has('lead') ? roles : null;
}

/** Rows of text tables: lines with "|" or tabs; each run of such lines is one table. */
export function textTables(text: string): { tables: string[][][]; lines: number[][] } {
  const tables: string[][][] = [];
  const lines: number[][] = [];
  let cur: string[][] | null = null;
  let curLines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const isRow = (line.match(/\|/g)?.length ?? 0) >= 2 || (line.match(/\t/g)?.length ?? 0) >= 2;
    if (!isRow) {
      if (cur) { tables.push(cur); lines.push(curLines); }
      cur = null;
      curLines = [];
      return;
    }
    if (/^\s*\|?\s*:?-{3,}/.test(line)) return; // a markdown rule under the header
    const cells = (line.includes('|') ? line.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split('|') : line.split('\t')).map((c) => squash(c));
    (cur ??= []).push(cells);
    curLines.push(i + 1);
  });
  if (cur) { tables.push(cur); lines.push(curLines); }
  return { tables, lines };
}

/** "Văn phòng UBND xã, Công an xã và các thôn" → the names, one by one. */
function splitNames(cell: string): string[] {
  // "Văn phòng HĐND và UBND xã" is one office, not two.
  return cell.replace(/HĐND\s+và\s+UBND/gu, 'HĐND - UBND').split(/[,;\n]|\s+và\s+|\s+\/\s+/u).map((s) => squash(s.replace(/^[-+•]\s*/, ''))).filter((s) => s.length > 1);
}

interface UnitBook {
  dictionary: readonly UnitAlias[];
  units: ImportedUnit[];
  notes: ImportReport[];
}

/** The unit a cell or phrase names: a known one, a thôn, or else a new column named as written. */
function unitOf(book: UnitBook, name: string, line: number): ImportedUnit | null {
  const text = squash(name);
  if (!text) return null;
  const found = findUnitMention(text, book.dictionary);
  const hamlet = found ? null : findHamlet(text);
  const alias = found ? book.dictionary.find((d) => d.id === found.id)! : hamlet;
  const id = alias ? alias.id : slugify(text) || 'unit';
  let unit = book.units.find((x) => x.id === id);
  if (!unit) {
    const known = Boolean(found);
    unit = { id, nameVi: alias?.nameVi ?? text, nameEn: alias?.nameEn ?? text, known, foundAs: [] };
    book.units.push(unit);
    if (!known) book.notes.push({ code: 'new-unit', clause: null, line, text, vi: `Đơn vị mới "${unit.nameVi}" thành một cột`, en: `New unit "${unit.nameVi}" becomes a column` });
  }
  if (!unit.foundAs.includes(text)) unit.foundAs.push(text);
  return unit;
}

/** Cooperating units a sentence names: "phối hợp với A, B và C". */
export function cooperatingIn(text: string): string[] {
  const m = /phối hợp(?:\s+(?:với|cùng))?\s+([^.;]+)/iu.exec(text);
  if (!m) return [];
  const names = m[1]!
    .replace(/\s+(?:tổ chức|thực hiện|triển khai|tham mưu|hoàn thành|rà soát|xây dựng|trình)\b.*$/iu, '')
    // a deadline after the names is not a unit: ", chậm nhất ngày 15/02/2025"
    .replace(/(?:,\s*|\s+)(?:chậm nhất|trước|hoàn thành|trong tháng|trong quý|trong năm|hạn)\b.*$/iu, '');
  return splitNames(names);
}

export function readPlanSource(source: PlanSource, options: { units?: readonly UnitAlias[] } = {}): PlanReading {
  const dictionary = options.units ?? COMMUNE_UNITS;
  const fromText = importPlan(source.text, { units: dictionary });
  const year = fromText.plan.facts.planDate ? Number(fromText.plan.facts.planDate.slice(0, 4)) : null;
  const book: UnitBook = { dictionary, units: [], notes: [] };
  const notes: ImportReport[] = [...fromText.notes.filter((n) => n.code !== 'new-unit')];
  const unplaced: ImportReport[] = [];
  const tasks: ReadTask[] = [];

  // 1. Tables (Word tables first, then text tables of the text).
  const text = textTables(source.text);
  const tables: Array<{ rows: string[][]; lines: number[] | null }> = [
    ...(source.tables ?? []).map((rows) => ({ rows, lines: null })),
    ...text.tables.map((rows, i) => ({ rows, lines: text.lines[i]! })),
  ];
  const tableLines = new Set(text.lines.flat());
  tables.forEach((t, ti) => {
    const headerAt = t.rows.findIndex((r) => tableColumns(r) !== null);
    if (headerAt < 0) return;
    const cols = tableColumns(t.rows[headerAt]!)!;
    const cell = (r: string[], role: Role) => (cols.has(role) ? squash(r[cols.get(role)!] ?? '') : '');
    let section = '';
    t.rows.slice(headerAt + 1).forEach((r, k) => {
      const line = t.lines?.[headerAt + 1 + k] ?? 0;
      const content = cell(r, 'content');
      const index = cell(r, 'index');
      const leadCell = cell(r, 'lead');
      if (!content) return;
      // A row with a Roman numeral or only its first cell filled is a group heading.
      if (!leadCell && (/^[IVX]+\.?$/.test(index) || r.filter((c) => squash(c)).length <= 2)) { section = index || section; return; }
      const leads = splitNames(leadCell);
      const lead = leads.length ? unitOf(book, leads[0]!, line) : null;
      const clause = `Bảng ${ti + 1}${index ? `.${index.replace(/\.$/, '')}` : `.${k + 1}`}`;
      if (!lead) {
        unplaced.push({ code: 'no-unit', clause, line, text: content, vi: 'Không rõ đơn vị chủ trì', en: 'No lead unit named' });
        return;
      }
      const coopNames = [...leads.slice(1), ...splitNames(cell(r, 'coop'))];
      const cooperating = coopNames.map((n) => unitName(book, n));
      tasks.push({
        unit: lead.id, clause: section ? `${section}.${clause}` : clause, title: content.length > 100 ? `${content.slice(0, 99)}…` : content,
        description: content, checklist: [], line,
        due: readDueCell(cell(r, 'due'), { year }) ?? findDueDate(content, { year }),
        cooperating,
      });
    });
  });

  // 2. The lists of the text (rows of its text tables were read above).
  for (const t of fromText.plan.tasks) {
    if (tableLines.has(t.line)) continue;
    const u = fromText.plan.units.find((x) => x.id === t.unit);
    const unit = u ? unitOf(book, u.nameVi, t.line) ?? u : null;
    if (!unit) continue;
    tasks.push({
      ...t, unit: unit.id,
      due: findDueDate(t.description, { year }),
      cooperating: cooperatingIn(t.description).map((n) => unitName(book, n)),
    });
  }
  for (const r of fromText.unplaced) if (!tableLines.has(r.line)) unplaced.push(r);

  // 3. Only the units that carry a task, in the order they first appear.
  const used = new Set(tasks.map((t) => t.unit));
  const units = book.units.filter((u) => used.has(u.id));
  notes.push(...book.notes.filter((n) => units.some((u) => u.nameVi === n.text || n.text.includes(u.nameVi))));

  const event = readEventFacts(source.text);
  const facts = { ...fromText.plan.facts };
  if (!facts.conferenceDate && event.startDate) facts.conferenceDate = event.startDate;
  return {
    plan: { ...fromText.plan, units, tasks, facts },
    unplaced,
    notes,
    event,
    fromTables: tasks.filter((t) => t.clause.includes('Bảng')).length,
  };
}

/** A cooperating unit as the board names it (a known unit's name, else the words of the plan). */
function unitName(book: UnitBook, name: string): string {
  const found = findUnitMention(name, book.dictionary);
  if (found) return book.dictionary.find((d) => d.id === found.id)!.nameVi;
  return findHamlet(name)?.nameVi ?? squash(name);
}

