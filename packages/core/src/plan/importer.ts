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

// ---------- the importer: header, body walk, background notes, funding, task placing ----------

interface PendingTask {
  unit: string | null;
  clause: string;
  text: string;
  checklist: string[];
  line: number;
  /** Units named in the implementation item; null for content tasks (found by mention). */
  fixedUnit: boolean;
}

const BACKGROUND_VI = 'Phần nội dung chung, không tạo thẻ công việc';
const BACKGROUND_EN = 'Background text, no task cards made';

export function importPlan(text: string, options: ImportOptions = {}): ImportResult {
  const dictionary: UnitAlias[] = [...(options.units ?? BINH_AN_UNITS)];
  const blocks = splitBlocks(text);
  const facts: ImportedFacts = {
    planNumber: null, planDate: null, delegateCap: null, chairs: null, session: null,
    conferenceDate: null, conferenceTime: null, conferencePlace: null, fundingText: null, funds: [], awardFundId: null,
  };
  const firstSection = blocks.findIndex((b) => b.kind === 'roman');
  const { title, issuer } = readHeader(firstSection < 0 ? blocks : blocks.slice(0, firstSection), facts);
  const body = firstSection < 0 ? [] : blocks.slice(firstSection);
  const walk = new BodyWalk(dictionary, facts);
  walk.read(body);
  noteBackgroundSections(body, walk.notes);
  readFunding(walk.fundingParagraphs, facts);
  const tasks = placeTasks(walk.pending, dictionary, walk.units, options.defaultUnit, walk.unplaced);
  return { plan: { title, issuer, units: [...walk.units.values()], tasks, agenda: walk.agenda, facts }, unplaced: walk.unplaced, notes: walk.notes };
}

/** The header (before section I.): the plan's number and date into `facts`; its title and issuer. */
function readHeader(header: readonly Block[], facts: ImportedFacts): { title: string | null; issuer: string | null } {
  let title: string | null = null;
  let issuer: string | null = null;
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
  return { title, issuer };
}

/** Facts a body paragraph may state wherever it stands: delegate cap, session, conference date, chairs. */
function readFactsIn(b: Block, folded: string, facts: ImportedFacts): void {
  const cap = /không quá\s+(\d+)\s+(?:đại biểu|người)/iu.exec(b.text);
  if (cap && facts.delegateCap === null) facts.delegateCap = Number(cap[1]);
  if (/\bthoi gian\b/.test(folded)) {
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
    if (d && !facts.conferenceDate && /\b(hoi nghi|to chuc)\b/.test(folded)) facts.conferenceDate = isoFrom(d[1]!, d[2]!, d[3]!);
  }
  if (/\bchu tri\b/.test(folded)) {
    const n = /\(?\s*(\d+)\s+người\s*\)?/u.exec(b.text);
    if (n && facts.chairs === null) facts.chairs = Number(n[1]);
  }
}

/**
 * The walk through the body, block by block: where it stands (section, item, letter, bullet
 * level) decides what a block becomes — a unit, a task, a sub-point, an agenda item, funding
 * text, a note or a report. One method per kind of block.
 */
class BodyWalk {
  readonly units = new Map<string, ImportedUnit>();
  readonly pending: PendingTask[] = [];
  readonly agenda: string[] = [];
  readonly fundingParagraphs: string[] = [];
  readonly unplaced: ImportReport[] = [];
  readonly notes: ImportReport[] = [];

  private roman: { mark: string; heading: string; topic: Topic } | null = null;
  private item: { mark: string; topic: Topic; unit: string | null; headingOnly: boolean } | null = null;
  private letter: string | null = null;
  /** The bullet sign of task level in the current item. */
  private taskBullet: string | null = null;
  private lastTask: PendingTask | null = null;
  /** The task made by the current numbered/lettered item. */
  private containerTask: PendingTask | null = null;
  private ended = false;
  private readonly noted = new Set<string>();
  private currentLine = 0;

  constructor(
    private readonly dictionary: UnitAlias[],
    private readonly facts: ImportedFacts,
  ) {}

  read(body: readonly Block[]): void {
    for (const b of body) {
      this.currentLine = b.line;
      if (this.ended) continue;
      const f = foldVietnamese(b.text);
      if (b.kind === 'text' && /^(tren day la|noi nhan)\b/.test(f)) {
        this.ended = true;
        continue;
      }
      readFactsIn(b, f, this.facts);
      if (b.kind === 'roman') {
        this.onSection(b);
        continue;
      }
      if (!this.roman) {
        this.report('outside-section', b, 'Đoạn văn nằm ngoài các mục của kế hoạch', 'Text outside the sections of the plan');
        continue;
      }
      if (b.kind === 'number' || b.kind === 'nested') this.onNumberedItem(b, this.roman);
      else if (b.kind === 'letter') this.onLetteredItem(b, this.item?.topic ?? this.roman.topic);
      else if (b.kind === 'bullet') this.onBullet(b, this.item?.topic ?? this.roman.topic);
      else this.onParagraph(b, this.item?.topic ?? this.roman.topic);
    }
  }

  /** "I.", "II.": a new section; what it is about comes from its heading. */
  private onSection(b: Block): void {
    this.roman = { mark: b.mark, heading: b.text, topic: topicOf(b.text) };
    this.item = null;
    this.letter = null;
    this.taskBullet = null;
    this.lastTask = null;
    this.containerTask = null;
    if (this.roman.topic === 'funding') this.fundingParagraphs.length = 0;
  }

  /** "1.", "1.2.": a unit (implementation section), a task, funding text or background. */
  private onNumberedItem(b: Block, roman: { mark: string; topic: Topic }): void {
    const sectionTopic = roman.topic;
    this.letter = null;
    this.taskBullet = null;
    this.lastTask = null;
    this.containerTask = null;
    const headingOnly = isHeadingLine(b.text);
    if (b.kind === 'nested' && sectionTopic === 'implementation' && this.item?.unit) {
      // "1.1.", "1.2." under a unit: that unit's tasks (clause "IV.1.1").
      this.addTask({ unit: this.item.unit, clause: `${roman.mark}.${b.mark}`, text: b.text, line: b.line, fixedUnit: true });
      this.containerTask = this.lastTask;
      return;
    }
    if (sectionTopic === 'implementation') {
      const item: { mark: string; topic: Topic; unit: string | null; headingOnly: boolean } = { mark: b.mark, topic: 'implementation', unit: null, headingOnly };
      this.item = item;
      const up = unitPhrase(b.text, headingOnly, this.dictionary);
      if (!up) {
        this.report('no-unit', b, 'Không xác định được bộ phận thực hiện mục này', 'Could not tell which unit carries this item');
        return;
      }
      item.unit = this.resolveUnit(up.name);
      if (up.body) this.addTask({ unit: item.unit, clause: this.clauseNow()!, text: up.body, line: b.line, fixedUnit: true });
      return;
    }
    const colon = b.text.indexOf(':');
    const headText = colon > 0 ? b.text.slice(0, colon) : b.text;
    const ownTopic = headingOnly || colon > 0 ? topicOf(headText) : 'background';
    const topic: Topic = ownTopic !== 'background' ? ownTopic : headingOnly ? (sectionTopic === 'tasks' ? 'tasks' : 'background') : sectionTopic;
    this.item = { mark: b.mark, topic, unit: null, headingOnly };
    if (topic === 'tasks' && !headingOnly) {
      this.addTask({ unit: null, clause: this.clauseNow()!, text: b.text, line: b.line, fixedUnit: false });
      this.containerTask = this.lastTask;
    } else if (topic === 'funding') {
      this.fundingParagraphs.push(b.text);
    } else if (topic === 'background' && !this.noted.has(this.clauseNow()!)) {
      this.noted.add(this.clauseNow()!);
      this.report('background-section', b, BACKGROUND_VI, BACKGROUND_EN, this.notes);
    }
  }

  /** "a)", "b)": an agenda item, or a task (of the item's unit, or of the unit it names). */
  private onLetteredItem(b: Block, topic: Topic): void {
    this.letter = b.mark;
    this.taskBullet = null;
    this.containerTask = null;
    if (topic === 'agenda') this.agenda.push(b.text.replace(/[\s;.,]+$/, ''));
    else if (topic === 'implementation') {
      const unit = this.item?.unit ?? (() => {
        const up = unitPhrase(b.text, false, this.dictionary);
        return up ? this.resolveUnit(up.name) : null;
      })();
      if (!unit) this.report('no-unit', b, 'Không xác định được bộ phận thực hiện việc này', 'Could not tell which unit carries this task');
      else {
        this.addTask({ unit, clause: this.clauseNow()!, text: b.text, line: b.line, fixedUnit: true });
        this.containerTask = this.lastTask;
      }
    } else if (topic === 'tasks') {
      this.addTask({ unit: null, clause: this.clauseNow()!, text: b.text, line: b.line, fixedUnit: false });
      this.containerTask = this.lastTask;
    }
  }

  /** "-", "+", "•": an agenda item, funding text, a task, or a sub-point of the task above. */
  private onBullet(b: Block, topic: Topic): void {
    if (topic === 'agenda') {
      this.agenda.push(b.text.replace(/[\s;.,]+$/, ''));
      return;
    }
    if (topic === 'funding') {
      this.fundingParagraphs.push(b.text);
      return;
    }
    if (topic === 'background') {
      if (!this.noted.has(this.clauseNow() ?? '')) {
        this.noted.add(this.clauseNow() ?? '');
        this.report('background-section', b, BACKGROUND_VI, BACKGROUND_EN, this.notes);
      }
      return;
    }
    // A bullet under a numbered or lettered task, or a second bullet sign under a bulleted
    // task, is a sub-point of that task (its checklist).
    const sub = squash(b.text).replace(/[\s;.,]+$/, '');
    if (this.taskBullet !== null && b.mark !== this.taskBullet && this.lastTask) {
      this.lastTask.checklist.push(sub);
      return;
    }
    if (this.taskBullet === null && this.containerTask) {
      this.containerTask.checklist.push(sub);
      return;
    }
    this.taskBullet = b.mark;
    if (topic === 'implementation') {
      let unit = this.item?.unit ?? null;
      let body = b.text;
      if (!this.item || this.item.unit === null) {
        const up = unitPhrase(b.text, false, this.dictionary);
        if (up) {
          unit = this.resolveUnit(up.name);
          body = up.body || b.text;
        }
      }
      if (!unit) this.report('no-unit', b, 'Không xác định được bộ phận thực hiện việc này', 'Could not tell which unit carries this task');
      else this.addTask({ unit, clause: this.clauseNow()!, text: body, line: b.line, fixedUnit: true });
    } else {
      this.addTask({ unit: null, clause: this.clauseNow()!, text: b.text, line: b.line, fixedUnit: false });
    }
  }

  /** A paragraph without a number or bullet: funding text, agenda, a report or background. */
  private onParagraph(b: Block, topic: Topic): void {
    if (topic === 'funding') this.fundingParagraphs.push(b.text);
    else if (topic === 'agenda') this.agenda.push(b.text.replace(/[\s;.,]+$/, ''));
    else if (topic === 'tasks' || topic === 'implementation') {
      if (!this.noted.has(`${this.clauseNow()}#${b.line}`))
        this.report('unparsed', b, 'Đoạn văn không có số thứ tự hoặc gạch đầu dòng; chưa tạo thẻ', 'Paragraph without a number or bullet; no card made');
    } else if (!this.noted.has(this.clauseNow() ?? '')) {
      this.noted.add(this.clauseNow() ?? '');
      this.report('background-section', b, BACKGROUND_VI, BACKGROUND_EN, this.notes);
    }
    if (this.roman && this.roman.topic === 'background' && !this.noted.has(this.roman.mark)) this.noted.add(this.roman.mark);
  }

  /** The unit a phrase names: a known one (remembering the phrase), else a new column. */
  private resolveUnit(phrase: string): string {
    const hit = findUnitMention(phrase, this.dictionary);
    const id = hit?.id ?? null;
    if (id) {
      const known = this.dictionary.find((u) => u.id === id)!;
      const u = this.units.get(id) ?? { id, nameVi: known.nameVi, nameEn: known.nameEn, known: !known.id.startsWith('new:'), foundAs: [] };
      if (!u.foundAs.includes(phrase)) u.foundAs.push(phrase);
      this.units.set(id, u);
      return id;
    }
    // A unit the dictionary does not know: a new column, named as the plan names it.
    const nameVi = phrase.replace(/[.;:,]+$/, '').trim();
    let nid = slugify(nameVi) || 'unit';
    while (this.dictionary.some((u) => u.id === nid)) nid = `${nid}-2`;
    this.dictionary.push({ id: nid, nameVi, nameEn: nameVi, aliases: [nameVi.replace(/^(công chức|cán bộ|bộ phận)\s+/iu, '')] });
    this.units.set(nid, { id: nid, nameVi, nameEn: nameVi, known: false, foundAs: [phrase] });
    this.notes.push({
      code: 'new-unit', clause: this.clauseNow(), line: this.currentLine, text: phrase,
      vi: `Đã tạo cột mới "${nameVi}" (chưa có trong danh sách bộ phận)`,
      en: `Made a new column "${nameVi}" (not in the list of units)`,
    });
    return nid;
  }

  private clauseNow(): string | null {
    if (!this.roman) return null;
    return [this.roman.mark, this.item?.mark, this.letter].filter(Boolean).join('.');
  }

  private addTask(t: Omit<PendingTask, 'checklist'>): void {
    const p: PendingTask = { ...t, text: squash(t.text), checklist: [] };
    this.pending.push(p);
    this.lastTask = p;
  }

  private report(code: ReportCode, b: Block, vi: string, en: string, list = this.unplaced): void {
    list.push({ code, clause: this.clauseNow(), line: b.line, text: b.text, vi, en });
  }
}

/** Background sections with only numbered text are noted once per section. */
function noteBackgroundSections(body: readonly Block[], notes: ImportReport[]): void {
  for (const b of body) {
    if (b.kind !== 'roman' || topicOf(b.text) !== 'background') continue;
    if (!notes.some((n) => n.code === 'background-section' && (n.clause ?? '').split('.')[0] === b.mark))
      notes.push({ code: 'background-section', clause: b.mark, line: b.line, text: b.text, vi: BACKGROUND_VI, en: BACKGROUND_EN });
  }
}

/** The funding text, the funds it names and the fund that pays the awards, into `facts`. */
function readFunding(paragraphs: readonly string[], facts: ImportedFacts): void {
  if (paragraphs.length) {
    facts.fundingText = squash(paragraphs.join(' '));
    const ff = foldVietnamese(facts.fundingText);
    if (/quy thi dua/.test(ff)) facts.funds.push({ ...COMMENDATION_FUND });
    else if (/ngan sach/.test(ff)) facts.funds.push({ ...COMMUNE_BUDGET_FUND });
    if (/xa hoi hoa/.test(ff)) facts.funds.push({ ...SOCIALISED_FUND });
  }
  facts.awardFundId = facts.funds.some((x) => x.id === COMMENDATION_FUND.id) ? COMMENDATION_FUND.id : (facts.funds[0]?.id ?? null);
}

/**
 * Each pending task into a column: an implementation task has its unit; a content task goes to
 * the unit its text names, else `defaultUnit`, else it is reported unplaced.
 */
function placeTasks(
  pending: readonly PendingTask[],
  dictionary: readonly UnitAlias[],
  units: Map<string, ImportedUnit>,
  defaultUnit: string | undefined,
  unplaced: ImportReport[],
): ImportedTask[] {
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
      } else if (defaultUnit) unit = defaultUnit;
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
  return tasks;
}
