/**
 * Finding an audit from what a person typed (`uppföljning <x>`): the diary number compared loosely, else the
 * audit's id, else its exact title. The diary number is optional, so an audit without one is still found.
 */
import { normalizeInput } from './text';
import type { Audit } from './types';

/** What an audit is found by. */
export type AuditKey = Pick<Audit, 'id' | 'title' | 'diaryNumber'>;

/**
 * The audits `query` names, by the first rule that finds any: the diary number without regard to case, spaces or
 * dashes (`SON-2022-00030` is `SON 2022-00030`), else the id, else the title without regard to case. Several when
 * the rule finds several; empty when none does.
 * @example findAudits(audits, 'son-2022-00030') // the audit with diary number "SON 2022-00030"
 */
export function findAudits<T extends AuditKey>(audits: readonly T[], query: string): T[] {
  const asDiary = diaryFold(query);
  const byDiary = audits.filter(
    (audit) => audit.diaryNumber !== null && diaryFold(audit.diaryNumber) === asDiary,
  );
  if (byDiary.length > 0 && asDiary !== '') return byDiary;
  const id = normalizeInput(query);
  const byId = audits.filter((audit) => audit.id === id);
  if (byId.length > 0) return byId;
  const title = titleFold(query);
  return audits.filter((audit) => titleFold(audit.title) === title);
}

/** A diary number as compared: lower case, without white space and dashes of any kind. */
function diaryFold(text: string): string {
  return normalizeInput(text)
    .toLocaleLowerCase('sv')
    .replace(/[\s\-\u2010-\u2015]+/gu, '');
}

function titleFold(text: string): string {
  return normalizeInput(text).toLocaleLowerCase('sv');
}
