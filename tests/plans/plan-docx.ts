/** Test fixtures' .docx: a plan's text made into a Word document with the `docx` library. */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { textTables } from '../../packages/core/src/plan-reading';

/** A .docx of a plan's text: each line a paragraph, each run of table lines a Word table. */
export async function planDocx(text: string): Promise<Uint8Array> {
  const { tables, lines } = textTables(text);
  const tableAt = new Map(lines.map((ls, i) => [ls[0]!, i]));
  const inTable = new Set(lines.flat());
  const children: Array<Paragraph | Table> = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const n = i + 1;
    if (tableAt.has(n)) {
      const rows = tables[tableAt.get(n)!]!;
      children.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, size: 24 })] })] })) })),
      }));
      return;
    }
    if (inTable.has(n)) return;
    children.push(new Paragraph({ children: [new TextRun({ text: line, size: 26, font: 'Times New Roman' })] }));
  });
  const buf = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  return new Uint8Array(buf);
}

