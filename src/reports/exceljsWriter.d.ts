/**
 * exceljs's streaming workbook writer as a module of its own. The package's entry also loads the in-memory
 * workbook, the readers and the CSV support, which the reports never use: some 10 MB and a quarter of a second more
 * per process that writes a workbook.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export = WorkbookWriter;
}
