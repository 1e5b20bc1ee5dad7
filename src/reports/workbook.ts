import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type ExcelJS from 'exceljs';

/**
 * Collects a workbook that `write` streams into bytes: for the callers that want the whole file (a chat
 * attachment, a test) rather than a stream.
 */
export async function workbookBytes(write: (stream: Writable) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(stream);
  await finished(stream);
  return Buffer.concat(chunks);
}

/**
 * Starts a streaming workbook into `stream`, dated the day it describes (not the clock: renderers are pure).
 * exceljs is loaded on first use, since most documents are Markdown or HTML only, and only its streaming writer (see
 * exceljsWriter.d.ts), which keeps memory flat for 20,000 rows.
 */
export async function openWorkbook(
  stream: Writable,
  properties: { title: string; date: Date },
): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  const { default: WorkbookWriter } = await import('exceljs/lib/stream/xlsx/workbook-writer.js');
  const workbook = new WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Revisionsuppföljning';
  workbook.created = properties.date;
  workbook.modified = properties.date;
  workbook.title = properties.title;
  return workbook;
}
