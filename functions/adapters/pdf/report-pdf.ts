import type { ReportDocument } from '#core/reports/monthly-report.ts';
import { A4, drawLine, fitLine, openPdf, type PdfFonts, wrapText } from './arabic-pdf.ts';

/**
 * The monthly report as an A4 PDF: a title, the summary as a two-column table, then one table per figure,
 * columns running from the right in Arabic and from the left in English, the header row repeated on every
 * page a table continues on. Text is shaped and ordered by the shared renderer (arabic-pdf.ts).
 */
const PAGE = { ...A4, margin: 40 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const ROW = 17;
/** A second line in a header cell. */
const LINE = 11;
const CELL = 8.5;
const PAD = 4;
const COLOURS = { header: '#dfe8ef', stripe: '#f5f7f9', rule: '#9aa9b5', ink: '#111111', muted: '#555555' };

type Column = { label: string; numeric: boolean };

export async function renderReportPdf(report: ReportDocument, fonts: PdfFonts): Promise<Uint8Array> {
  const { doc, bytes } = openPdf(fonts, {
    title: report.title,
    language: report.language,
    margin: PAGE.margin,
  });
  const direction = report.direction;
  let y = PAGE.margin;

  const text = (line: string, size: number, colour = COLOURS.ink) => {
    for (const part of wrapText(doc, line, size, WIDTH, direction)) {
      ensure(size * 1.8);
      doc.fillColor(colour);
      drawLine(doc, part, { x: PAGE.margin, y, width: WIDTH, size, direction });
      y += size * 1.8;
    }
  };
  /** A new page when `height` does not fit on this one; true when it broke. */
  const ensure = (height: number) => {
    if (y + height <= BOTTOM) return false;
    doc.addPage();
    y = PAGE.margin;
    return true;
  };

  /** Column boxes from the reading start: names get more room than numbers. */
  const boxes = (columns: readonly Column[]) => {
    // Wide tables of numbers leave the names more room.
    const textWeight = Math.max(2.2, 0.45 * columns.filter((c) => c.numeric).length);
    const weights = columns.map((c) => (c.numeric ? 1 : textWeight));
    const unit = WIDTH / weights.reduce((a, b) => a + b, 0);
    let offset = 0;
    return weights.map((w) => {
      const width = w * unit;
      const x = direction === 'rtl' ? PAGE.margin + WIDTH - offset - width : PAGE.margin + offset;
      offset += width;
      return { x, width };
    });
  };

  /** One row; header cells wrap onto two lines, other cells are cut with an ellipsis. */
  const row = (
    cells: readonly string[],
    columns: readonly Column[],
    kind: 'header' | 'body',
    fill?: string,
  ) => {
    const at = boxes(columns);
    const lines = cells.map((cell, i) => {
      const inner = (at[i]?.width ?? 0) - 2 * PAD;
      if (kind === 'body') return [fitLine(doc, cell, CELL, inner, direction)];
      const wrapped = wrapText(doc, cell, CELL, inner, direction);
      const [first = '', ...rest] = wrapped;
      return rest.length === 0 ? [first] : [first, fitLine(doc, rest.join(' '), CELL, inner, direction)];
    });
    const height = ROW + (Math.max(1, ...lines.map((l) => l.length)) - 1) * LINE;
    if (fill) doc.rect(PAGE.margin, y, WIDTH, height).fill(fill);
    doc.fillColor(COLOURS.ink);
    lines.forEach((cellLines, i) => {
      const box = at[i];
      const column = columns[i];
      if (!box || !column) return;
      cellLines.forEach((line, n) => {
        drawLine(doc, line, {
          x: box.x + PAD,
          y: y + 4 + n * LINE,
          width: box.width - 2 * PAD,
          size: CELL,
          direction,
          align: column.numeric ? 'center' : 'start',
        });
      });
    });
    y += height;
    doc
      .moveTo(PAGE.margin, y)
      .lineTo(PAGE.margin + WIDTH, y)
      .lineWidth(0.3)
      .strokeColor(COLOURS.rule)
      .stroke();
  };

  const table = (columns: readonly Column[], rows: readonly string[][]) => {
    const header = () =>
      row(
        columns.map((c) => c.label),
        columns,
        'header',
        COLOURS.header,
      );
    ensure(ROW * 2 + LINE);
    header();
    rows.forEach((cells, i) => {
      if (ensure(ROW)) header();
      row(cells, columns, 'body', i % 2 === 1 ? COLOURS.stripe : undefined);
    });
  };

  text(report.title, 16);
  text(report.subtitle, 10, COLOURS.muted);
  y += 8;

  text(report.summaryTitle, 12.5);
  table(
    [
      { label: report.summaryColumns[0], numeric: false },
      { label: report.summaryColumns[1], numeric: true },
    ],
    report.summary.map((s) => [s.label, s.value]),
  );

  for (const section of report.sections) {
    y += 14;
    ensure(12.5 * 1.8 + ROW * 2);
    text(section.title, 12.5);
    if (section.rows.length === 0) text(report.empty, CELL + 1, COLOURS.muted);
    else table(section.columns, section.rows);
  }

  y += 16;
  text(report.footer, 8, COLOURS.muted);
  doc.end();
  return bytes;
}
