import ExcelJS from 'exceljs';

/**
 * Reads CSV as RFC 4180 with `;` between fields: quoted fields may hold `;`, `""` and line breaks. Written here,
 * not taken from the code under test, so the test reads the file the way Excel does.
 */
export function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as records keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\ufeff/, ''));
  if (!header) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: '\u00a0',
};

/** The visible text of an HTML fragment, as a browser shows it: white space collapsed, `<br>` a line break. */
export function htmlText(html: string): string {
  return (
    html
      .replace(/<(style|title|desc)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
      // Not \s: that would also fold the non-breaking spaces the report writes on purpose.
      .replace(/[ \t\r\n]+/g, ' ')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
      .replace(/ +/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim()
  );
}

/** The rows of the first HTML table with this class, each as its cells' text. */
export function htmlTable(html: string, className: string): string[][] {
  const table = new RegExp(`<table class="${className}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (table === undefined) throw new Error(`no table.${className}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => htmlText(cell[1] ?? '')),
  );
}

/** The rows of the Markdown table that follows the heading `## <heading>`, each as its cells. */
export function markdownTable(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const lines = markdown.slice(start).split('\n').slice(2);
  const table: string[][] = [];
  for (const line of lines) {
    if (!line.startsWith('|')) {
      if (table.length > 0) break;
      continue;
    }
    table.push(
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    );
  }
  return table.slice(2);
}

/** A loaded workbook's sheet as rows of plain values (1-based columns become 0-based). */
export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its argument as an ArrayBuffer; hand it exactly the bytes of the Node Buffer.
  await workbook.xlsx.load(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
  );
  return workbook;
}

/** The values of a sheet's rows, without exceljs's leading empty slot. */
export function sheetRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[number - 1] = values;
  });
  return Array.from(rows, (row) => row ?? []);
}
