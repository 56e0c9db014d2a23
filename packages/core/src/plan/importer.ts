/**
 * Reads the text of a Vietnamese administrative plan (kế hoạch) into board content: the units
 * that carry it, their tasks, the conference agenda and the plan's facts.
 *
 * The genre it reads:
 *   header (issuer, "Số: 27/KH-UBND", "…, ngày 20 tháng 02 năm 2025", "KẾ HOẠCH", title)
 *   sections "I.", "II.", … (Roman numerals; heading case varies)
 *     items "1.", "2." — or "1.1." — and "a)", "b)"
 *       bullets "-", "+", "•" (a second bullet sign under a first one is a sub-point)
 *   closing "Trên đây là …", "Nơi nhận:", signature.
 * A page break can split a paragraph; a paragraph starting with a lower-case letter continues
 * the one before it.
 *
 * What becomes what (by the words of the headings, not by section numbers):
 *   - a section or item headed "Tổ chức thực hiện" / "Phân công nhiệm vụ" / "Trách nhiệm …"
 *     → its numbered items (or bullets "Unit: …") name units; the text after "Unit:" and the
 *     bullets under the unit are that unit's tasks (clause "IV.1", letters "IV.1.a");
 *   - a section or item headed "Nội dung" / "Nhiệm vụ" / "Giải pháp" / "Hoạt động"
 *     → each bullet (or numbered sentence) is a task; its unit is the unit the text names, else
 *     `defaultUnit`, else it is reported as unplaced;
 *   - an item headed "Chương trình" → its bullets are the agenda, in order;
 *   - "Kinh phí" → the funding text and funding sources; other sections (purposes,
 *     requirements, …) are background and are listed in `notes`, never silently dropped.
 * A unit the dictionary does not know becomes a new column (reported in `notes`).
 */
import { findUnitMention, BINH_AN_UNITS, type UnitAlias } from './units-dictionary';
import { foldVietnamese, slugify, squash } from '../util/text';
import { isRealIsoDate, type IsoDate } from '../util/dates';
import type { BoardFacts, Fund, Session } from '../board/schema';

export interface ImportOptions {
  /** Known units and the phrases that name them; default: the Bình An units. */
  units?: readonly UnitAlias[];
  /** Unit for content tasks that name no unit; without it such tasks are reported unplaced. */
  defaultUnit?: string;
}

export interface ImportedUnit {
  id: string;
  nameVi: string;
  nameEn: string;
  /** False when the unit was not in the dictionary and becomes a new column. */
  known: boolean;
  /** The phrases of the plan that named it. */
  foundAs: string[];
}

export interface ImportedTask {
  unit: string;
  /** Where it comes from in the plan: "IV.1", "II.1", "III.2.b". */
  clause: string;
  title: string;
  /** The full text of the plan's item. */
  description: string;
  /** Sub-points of the item. */
  checklist: string[];
  /** Line of the plan text where it starts (1-based). */
  line: number;
}

/** What a plan's text says of the board's facts: everything but the live ones (delegates so far, last change). */
export type ImportedFacts = Omit<BoardFacts, 'delegateCount' | 'updatedAt' | 'updatedBy'>;

export interface ImportedPlan {
  title: string | null;
  issuer: string | null;
  units: ImportedUnit[];
  tasks: ImportedTask[];
  agenda: string[];
  facts: ImportedFacts;
}

export type ReportCode = 'no-unit' | 'unparsed' | 'new-unit' | 'background-section' | 'outside-section';

export interface ImportReport {
  code: ReportCode;
  clause: string | null;
  line: number;
  text: string;
  vi: string;
  en: string;
}

export interface ImportResult {
  plan: ImportedPlan;
  /** Task-like text the importer could not put in a column. Nothing here is on the board. */
  unplaced: ImportReport[];
  /** What it did that a person should know: new columns made, background sections read. */
  notes: ImportReport[];
}

export const COMMENDATION_FUND: Fund = {
  id: 'commendation-fund',
  nameVi: 'Quỹ thi đua, khen thưởng xã',
  nameEn: 'Commune emulation and commendation fund',
  amount: null,
};
export const COMMUNE_BUDGET_FUND: Fund = { id: 'commune-budget', nameVi: 'Ngân sách xã', nameEn: 'Commune budget', amount: null };
export const SOCIALISED_FUND: Fund = {
  id: 'socialised',
  nameVi: 'Nguồn xã hội hóa',
  nameEn: 'Private contributions (xã hội hóa)',
  amount: null,
};

// ---------- blocks ----------

type BlockKind = 'roman' | 'number' | 'nested' | 'letter' | 'bullet' | 'text';
interface Block {
  kind: BlockKind;
  /** Marker value: "IV", "1", "1.2", "a", or the bullet sign. */
  mark: string;
  text: string;
  line: number;
}

const ROMAN = /^([IVXL]+)\s*[.)/]\s*(.*)$/;
const NESTED = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.*)$/;
const NUMBER = /^(\d{1,2})\s*[.)]\s*(.*)$/;
const LETTER = /^([a-zđ])\s*\)\s*(.*)$/;
const BULLET = /^([-–—+•●▪◦·])\s*(.*)$/;

function classify(raw: string, line: number): Block {
  const s = raw.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
  let m: RegExpExecArray | null;
  if ((m = ROMAN.exec(s)) && m[2]) return { kind: 'roman', mark: m[1]!, text: m[2], line };
  if ((m = NESTED.exec(s))) return { kind: 'nested', mark: m[1]!, text: m[2]!, line };
  if ((m = NUMBER.exec(s)) && !/^\d/.test(m[2] ?? '')) return { kind: 'number', mark: m[1]!, text: m[2]!, line };
  if ((m = LETTER.exec(s))) return { kind: 'letter', mark: m[1]!, text: m[2]!, line };
  if ((m = BULLET.exec(s)) && m[2]) return { kind: 'bullet', mark: m[1] === '—' ? '–' : m[1]!, text: m[2], line };
  return { kind: 'text', mark: '', text: s, line };
}

function startsLowerCase(s: string): boolean {
  const c = s.replace(/^[*"“(]+/, '')[0];
  return !!c && c !== c.toUpperCase() && c === c.toLowerCase();
}

/** Blocks of the text, with paragraphs split by a page break joined again. */
export function splitBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    const b = classify(l, i + 1);
    const prev = blocks[blocks.length - 1];
    if (b.kind === 'text' && prev && startsLowerCase(b.text)) prev.text = `${prev.text} ${b.text}`;
    else blocks.push(b);
  });
  return blocks;
}

// ---------- what a heading is about ----------

type Topic = 'implementation' | 'tasks' | 'agenda' | 'funding' | 'background';

function topicOf(heading: string): Topic {
  const f = foldVietnamese(heading);
  if (/\b(to chuc thuc hien|phan cong|trach nhiem)\b/.test(f)) return 'implementation';
  if (/^chuong trinh\b/.test(f)) return 'agenda';
  if (/\bkinh phi\b/.test(f) && !/\bnoi dung\b/.test(f)) return 'funding';
  // "NỘI DUNG, HÌNH THỨC, THỜI GIAN, THÀNH PHẦN…" lists several topics: its items decide.
  if (/\b(noi dung|nhiem vu|giai phap|hoat dong|cong viec)\b/.test(f) && !/\b(thoi gian|thanh phan|hinh thuc|dai bieu)\b/.test(f))
    return 'tasks';
  return 'background';
}

/** A numbered line that only heads what follows (no sentence of its own). */
function isHeadingLine(text: string): boolean {
  const t = text.trim();
  if (t.includes(':') && t.indexOf(':') < t.length - 1) return false;
  return t.split(/\s+/).length <= 14 && !/[.;]$/.test(t);
}

const UNIT_WORDS =
  /^(cong chuc|can bo|bo phan|ban|phong|van phong|hoi|doan|chi doan|tram|truong|ubmttq|uy ban|mat tran|cong an|hoi dong|thanh vien|thon|cac thon|to|tai chinh|dia chinh|tu phap|van hoa|quan su|chi huy|y te|hop tac xa|buu dien|dang uy|ubnd|hdnd|chu tich|pho chu tich|cac ban|cac to chuc|lanh dao)\b/;
const VERB_START =
  /\b(tham muu|phoi hop|chu tri|trien khai|to chuc|xay dung|tuyen truyen|chi dao|huong dan|thuc hien|tiep tuc|co trach nhiem|chiu trach nhiem|theo doi|kiem tra|bao cao|lap|dam bao|bo tri|van dong|can cu|chuan bi|rasoat|ra soat|tong hop|de xuat|cung cap|giup|phu trach)\b/;

/** Cut a unit's name out of an item of the implementation section. */
function unitPhrase(text: string, headingOnly: boolean, dictionary: readonly UnitAlias[]): { name: string; body: string } | null {
  const colon = text.indexOf(':');
  if (colon > 0) {
    const name = text.slice(0, colon).trim();
    if (name.split(/\s+/).length <= 16) return { name, body: text.slice(colon + 1).trim() };
  }
  if (headingOnly) return { name: text.trim().replace(/[.;:]$/, ''), body: '' };
  // "Thành viên của Hội đồng … tham mưu cho …": the subject before the first verb.
  const words = text.split(/\s+/);
  for (let n = 1; n <= Math.min(words.length - 1, 16); n++) {
    const rest = foldVietnamese(words.slice(n).join(' '));
    if (rest.search(VERB_START) === 0) {
      const name = words.slice(0, n).join(' ');
      // Only a subject that reads as a unit ("Công an xã", "Các thôn", a known unit) counts.
      if (UNIT_WORDS.test(foldVietnamese(name)) || findUnitMention(name, dictionary)) return { name, body: text.trim() };
      return null;
    }
  }
  return null;
}

/** A short title: the first clause or sentence, at most about 100 characters. */
export function makeTitle(text: string): string {
  const t = squash(text);
  const cut = t.search(/[;:]\s|\.\s+[A-ZĐÀ-Ỹ]|\.$/u);
  let first = (cut > 0 ? t.slice(0, cut) : t).replace(/[\s.;:,]+$/, '');
  if (first.length > 110) {
    const sp = first.lastIndexOf(' ', 100);
    first = `${first.slice(0, sp > 40 ? sp : 100).replace(/[\s,;:]+$/, '')}…`;
  }
  return first;
}

const VI_MONTH_DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/i;
const SLASH_DATE = /(\d{1,2})\/(\d{1,2})\/(\d{4})/;

function isoFrom(d: string, m: string, y: string): IsoDate | null {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isRealIsoDate(iso) ? iso : null;
}

function romanToInt(r: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let n = 0;
  for (let i = 0; i < r.length; i++) {
    const a = v[r[i]!] ?? 0;
    const b = v[r[i + 1] ?? ''] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

// ---------- the importer ----------

interface PendingTask {
  unit: string | null;
  clause: string;
  text: string;
  checklist: string[];
  line: number;
  /** Units named in the implementation item; null for content tasks (found by mention). */
  fixedUnit: boolean;
}

export function importPlan(text: string, options: ImportOptions = {}): ImportResult {
  const dictionary: UnitAlias[] = [...(options.units ?? BINH_AN_UNITS)];
  const blocks = splitBlocks(text);
  const unplaced: ImportReport[] = [];
  const notes: ImportReport[] = [];
  const units = new Map<string, ImportedUnit>();
  const pending: PendingTask[] = [];
  const agenda: string[] = [];
  const facts: ImportedFacts = {
    planNumber: null, planDate: null, delegateCap: null, chairs: null, session: null,
    conferenceDate: null, conferenceTime: null, conferencePlace: null, fundingText: null, funds: [], awardFundId: null,
  };
  let title: string | null = null;
  let issuer: string | null = null;

  // --- header ---
  const firstSection = blocks.findIndex((b) => b.kind === 'roman');
  const header = firstSection < 0 ? blocks : blocks.slice(0, firstSection);
  for (let i = 0; i < header.length; i++) {
    const b = header[i]!;
    const num = /Số\s*:\s*([0-9]+\/[A-ZĐ0-9-]+(?:\/[A-ZĐ0-9-]+)*)/u.exec(b.text);
    if (num && !facts.planNumber) facts.planNumber = num[1]!;
    const d = VI_MONTH_DATE.exec(b.text);
    if (d && !facts.planDate) facts.planDate = isoFrom(d[1]!, d[2]!, d[3]!);
    if (!issuer && /^(ỦY BAN|UỶ BAN|UBND)/u.test(b.text)) {
      const next = header[i + 1]?.text ?? '';
      const issuerLine = next.replace(/(Độc lập|ĐỘC LẬP).*$/u, '').trim();
      issuer = squash(`${b.text.replace(/CỘNG HÒA.*$|CỘNG HOÀ.*$/u, '').trim()} ${issuerLine}`);
    }
    if (/^KẾ HOẠCH$/u.test(b.text.trim()) && header[i + 1]) title = header[i + 1]!.text;
  }

  // --- facts anywhere in the body ---
  const body = firstSection < 0 ? [] : blocks.slice(firstSection);
  const fundingParagraphs: string[] = [];

  // --- structure ---
  let roman: { mark: string; heading: string; topic: Topic } | null = null;
  let item: { mark: string; topic: Topic; unit: string | null; headingOnly: boolean } | null = null;
  let letter: string | null = null;
  let taskBullet: string | null = null; // the bullet sign of task level in the current item
  let lastTask: PendingTask | null = null;
  let containerTask: PendingTask | null = null; // task made by the current numbered/lettered item
  let ended = false;
  const noted = new Set<string>();

  const resolveUnit = (phrase: string): string => {
    const hit = findUnitMention(phrase, dictionary);
    const id = hit?.id ?? null;
    if (id) {
      const known = dictionary.find((u) => u.id === id)!;
      const u = units.get(id) ?? { id, nameVi: known.nameVi, nameEn: known.nameEn, known: !known.id.startsWith('new:'), foundAs: [] };
      if (!u.foundAs.includes(phrase)) u.foundAs.push(phrase);
      units.set(id, u);
      return id;
    }
    // A unit the dictionary does not know: a new column, named as the plan names it.
    const nameVi = phrase.replace(/[.;:,]+$/, '').trim();
    let nid = slugify(nameVi) || 'unit';
    while (dictionary.some((u) => u.id === nid)) nid = `${nid}-2`;
    dictionary.push({ id: nid, nameVi, nameEn: nameVi, aliases: [nameVi.replace(/^(công chức|cán bộ|bộ phận)\s+/iu, '')] });
    units.set(nid, { id: nid, nameVi, nameEn: nameVi, known: false, foundAs: [phrase] });
    notes.push({
      code: 'new-unit', clause: clauseNow(), line: currentLine, text: phrase,
      vi: `Đã tạo cột mới "${nameVi}" (chưa có trong danh sách bộ phận)`,
      en: `Made a new column "${nameVi}" (not in the list of units)`,
    });
    return nid;
  };
  let currentLine = 0;
  const clauseNow = (): string | null => {
    if (!roman) return null;
    return [roman.mark, item?.mark, letter].filter(Boolean).join('.');
  };
  const addTask = (t: Omit<PendingTask, 'checklist'>) => {
    const p: PendingTask = { ...t, text: squash(t.text), checklist: [] };
    pending.push(p);
    lastTask = p;
  };
  const report = (code: ReportCode, b: Block, vi: string, en: string, list = unplaced) =>
    list.push({ code, clause: clauseNow(), line: b.line, text: b.text, vi, en });

  for (const b of body) {
    currentLine = b.line;
    if (ended) continue;
    const f = foldVietnamese(b.text);
    if (b.kind === 'text' && /^(tren day la|noi nhan)\b/.test(f)) {
      ended = true;
      continue;
    }
    // Facts, wherever they stand.
    const cap = /không quá\s+(\d+)\s+(?:đại biểu|người)/iu.exec(b.text);
    if (cap && facts.delegateCap === null) facts.delegateCap = Number(cap[1]);
    if (/\bthoi gian\b/.test(f)) {
      const sessions = /(\d+)\s*buổi/u.exec(b.text);
      const q = /quý\s+(IV|I{1,3}|[1-4])\s*(?:\/|năm)\s*(\d{4})/iu.exec(b.text);
      if (sessions && !facts.session) {
        facts.session = {
          count: Number(sessions[1]),
          quarter: q ? (/^\d$/.test(q[1]!) ? Number(q[1]) : romanToInt(q[1]!.toUpperCase())) : null,
          year: q ? Number(q[2]) : null,
          text: squash(b.text.replace(/^[^:]*thời gian[^:]*:\s*/iu, '')),
        };
      }
      const d = VI_MONTH_DATE.exec(b.text) ?? SLASH_DATE.exec(b.text);
      if (d && !facts.conferenceDate && /\b(hoi nghi|to chuc)\b/.test(f)) facts.conferenceDate = isoFrom(d[1]!, d[2]!, d[3]!);
    }
    if (/\bchu tri\b/.test(f)) {
      const n = /\(?\s*(\d+)\s+người\s*\)?/u.exec(b.text);
      if (n && facts.chairs === null) facts.chairs = Number(n[1]);
    }

    if (b.kind === 'roman') {
      roman = { mark: b.mark, heading: b.text, topic: topicOf(b.text) };
      item = null;
      letter = null;
      taskBullet = null;
      lastTask = null;
      containerTask = null;
      if (roman.topic === 'funding') fundingParagraphs.length = 0;
      continue;
    }
    if (!roman) {
      report('outside-section', b, 'Đoạn văn nằm ngoài các mục của kế hoạch', 'Text outside the sections of the plan');
      continue;
    }
    const sectionTopic = roman.topic;

    if (b.kind === 'number' || b.kind === 'nested') {
      letter = null;
      taskBullet = null;
      lastTask = null;
      containerTask = null;
      const headingOnly = isHeadingLine(b.text);
      if (b.kind === 'nested' && sectionTopic === 'implementation' && item?.unit) {
        // "1.1.", "1.2." under a unit: that unit's tasks (clause "IV.1.1").
        addTask({ unit: item.unit, clause: `${roman.mark}.${b.mark}`, text: b.text, line: b.line, fixedUnit: true });
        containerTask = lastTask;
        continue;
      }
      if (sectionTopic === 'implementation') {
        item = { mark: b.mark, topic: 'implementation', unit: null, headingOnly };
        const up = unitPhrase(b.text, headingOnly, dictionary);
        if (!up) {
          report('no-unit', b, 'Không xác định được bộ phận thực hiện mục này', 'Could not tell which unit carries this item');
          continue;
        }
        item.unit = resolveUnit(up.name);
        if (up.body) addTask({ unit: item.unit, clause: clauseNow()!, text: up.body, line: b.line, fixedUnit: true });
        continue;
      }
      const colon = b.text.indexOf(':');
      const headText = colon > 0 ? b.text.slice(0, colon) : b.text;
      const ownTopic = headingOnly || colon > 0 ? topicOf(headText) : 'background';
      const topic: Topic = ownTopic !== 'background' ? ownTopic : headingOnly ? (sectionTopic === 'tasks' ? 'tasks' : 'background') : sectionTopic;
      item = { mark: b.mark, topic, unit: null, headingOnly };
      if (topic === 'tasks' && !headingOnly) {
        addTask({ unit: null, clause: clauseNow()!, text: b.text, line: b.line, fixedUnit: false });
        containerTask = lastTask;
      } else if (topic === 'funding') {
        fundingParagraphs.push(b.text);
      } else if (topic === 'background' && !noted.has(clauseNow()!)) {
        noted.add(clauseNow()!);
        report('background-section', b, 'Phần nội dung chung, không tạo thẻ công việc', 'Background text, no task cards made', notes);
      }
      continue;
    }

    const topic: Topic = item?.topic ?? sectionTopic;
    if (b.kind === 'letter') {
      letter = b.mark;
      taskBullet = null;
      containerTask = null;
      if (topic === 'agenda') agenda.push(b.text.replace(/[\s;.,]+$/, ''));
      else if (topic === 'implementation') {
        const unit = item?.unit ?? (() => {
          const up = unitPhrase(b.text, false, dictionary);
          return up ? resolveUnit(up.name) : null;
        })();
        if (!unit) report('no-unit', b, 'Không xác định được bộ phận thực hiện việc này', 'Could not tell which unit carries this task');
        else {
          addTask({ unit, clause: clauseNow()!, text: b.text, line: b.line, fixedUnit: true });
          containerTask = lastTask;
        }
      } else if (topic === 'tasks') {
        addTask({ unit: null, clause: clauseNow()!, text: b.text, line: b.line, fixedUnit: false });
        containerTask = lastTask;
      }
      continue;
    }

    if (b.kind === 'bullet') {
      if (topic === 'agenda') {
        agenda.push(b.text.replace(/[\s;.,]+$/, ''));
        continue;
      }
      if (topic === 'funding') {
        fundingParagraphs.push(b.text);
        continue;
      }
      if (topic === 'background') {
        if (!noted.has(clauseNow() ?? '')) {
          noted.add(clauseNow() ?? '');
          report('background-section', b, 'Phần nội dung chung, không tạo thẻ công việc', 'Background text, no task cards made', notes);
        }
        continue;
      }
      // A bullet under a numbered or lettered task, or a second bullet sign under a bulleted
      // task, is a sub-point of that task (its checklist).
      const sub = squash(b.text).replace(/[\s;.,]+$/, '');
      if (taskBullet !== null && b.mark !== taskBullet && lastTask) {
        (lastTask as PendingTask).checklist.push(sub);
        continue;
      }
      if (taskBullet === null && containerTask) {
        (containerTask as PendingTask).checklist.push(sub);
        continue;
      }
      taskBullet = b.mark;
      if (topic === 'implementation') {
        let unit = item?.unit ?? null;
        let body = b.text;
        if (!item || item.unit === null) {
          const up = unitPhrase(b.text, false, dictionary);
          if (up) {
            unit = resolveUnit(up.name);
            body = up.body || b.text;
          }
        }
        if (!unit) report('no-unit', b, 'Không xác định được bộ phận thực hiện việc này', 'Could not tell which unit carries this task');
        else addTask({ unit, clause: clauseNow()!, text: body, line: b.line, fixedUnit: true });
      } else {
        addTask({ unit: null, clause: clauseNow()!, text: b.text, line: b.line, fixedUnit: false });
      }
      continue;
    }

    // Plain paragraph.
    if (topic === 'funding') fundingParagraphs.push(b.text);
    else if (topic === 'agenda') agenda.push(b.text.replace(/[\s;.,]+$/, ''));
    else if (topic === 'tasks' || topic === 'implementation') {
      if (!noted.has(`${clauseNow()}#${b.line}`))
        report('unparsed', b, 'Đoạn văn không có số thứ tự hoặc gạch đầu dòng; chưa tạo thẻ', 'Paragraph without a number or bullet; no card made');
    } else if (!noted.has(clauseNow() ?? '')) {
      noted.add(clauseNow() ?? '');
      report('background-section', b, 'Phần nội dung chung, không tạo thẻ công việc', 'Background text, no task cards made', notes);
    }
    if (roman && roman.topic === 'background' && !noted.has(roman.mark)) noted.add(roman.mark);
  }

  // Background sections with only numbered text are noted once per section.
  for (const b of body) {
    if (b.kind !== 'roman' || topicOf(b.text) !== 'background') continue;
    if (!notes.some((n) => n.code === 'background-section' && (n.clause ?? '').split('.')[0] === b.mark))
      notes.push({ code: 'background-section', clause: b.mark, line: b.line, text: b.text,
        vi: 'Phần nội dung chung, không tạo thẻ công việc', en: 'Background text, no task cards made' });
  }

  // --- funding ---
  if (fundingParagraphs.length) {
    facts.fundingText = squash(fundingParagraphs.join(' '));
    const ff = foldVietnamese(facts.fundingText);
    if (/quy thi dua/.test(ff)) facts.funds.push({ ...COMMENDATION_FUND });
    else if (/ngan sach/.test(ff)) facts.funds.push({ ...COMMUNE_BUDGET_FUND });
    if (/xa hoi hoa/.test(ff)) facts.funds.push({ ...SOCIALISED_FUND });
  }
  facts.awardFundId = facts.funds.some((x) => x.id === COMMENDATION_FUND.id) ? COMMENDATION_FUND.id : (facts.funds[0]?.id ?? null);

  // --- content tasks: the unit the text names, else the default ---
  const tasks: ImportedTask[] = [];
  for (const p of pending) {
    let unit = p.unit;
    if (!p.fixedUnit) {
      const hit = findUnitMention(p.text, dictionary);
      if (hit) {
        unit = hit.id;
        if (!units.has(unit)) {
          const u = dictionary.find((d) => d.id === unit)!;
          units.set(unit, { id: unit, nameVi: u.nameVi, nameEn: u.nameEn, known: true, foundAs: [] });
        }
      } else if (options.defaultUnit) unit = options.defaultUnit;
    }
    if (!unit) {
      unplaced.push({
        code: 'no-unit', clause: p.clause, line: p.line, text: p.text,
        vi: 'Việc này không nêu bộ phận thực hiện; chưa đặt vào cột nào',
        en: 'This task names no unit; it was not put in any column',
      });
      continue;
    }
    if (!units.has(unit)) {
      const u = dictionary.find((d) => d.id === unit);
      units.set(unit, { id: unit, nameVi: u?.nameVi ?? unit, nameEn: u?.nameEn ?? unit, known: !!u, foundAs: [] });
    }
    tasks.push({ unit, clause: p.clause, title: makeTitle(p.text), description: p.text, checklist: p.checklist, line: p.line });
  }

  return { plan: { title, issuer, units: [...units.values()], tasks, agenda, facts }, unplaced, notes };
}
