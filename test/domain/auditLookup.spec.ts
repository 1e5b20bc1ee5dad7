import assert from 'node:assert/strict';
import { findAudits, type AuditKey } from '../../src/domain/auditLookup';

const audits: AuditKey[] = [
  { id: 'a1', title: 'Granskning av barnkonventionen', diaryNumber: 'SON 2022-00030' },
  { id: 'a2', title: 'Granskning av IT-säkerhet', diaryNumber: null },
  { id: 'a3', title: 'Granskning av IT-säkerhet', diaryNumber: null },
  { id: 'a4', title: 'SON 2022-00030', diaryNumber: 'KS 2024/1' },
];

describe('domain/auditLookup: findAudits', () => {
  const cases: [string, string[]][] = [
    ['SON 2022-00030', ['a1']],
    ['son-2022-00030', ['a1']],
    ['SON2022 00030', ['a1']],
    ['SON 2022–00030', ['a1']],
    ['  SON\u200B 2022-00030 ', ['a1']],
    ['SON 2022-30', []],
    ['ks 2024/1', ['a4']],
    ['a2', ['a2']],
    ['A2', []],
    ['granskning av it-säkerhet', ['a2', 'a3']],
    ['GRANSKNING AV BARNKONVENTIONEN', ['a1']],
    ['Granskning av barn', []],
    ['', []],
  ];
  for (const [query, ids] of cases) {
    it(`"${query}" finds ${ids.length === 0 ? 'nothing' : ids.join(', ')}`, () => {
      assert.deepEqual(
        findAudits(audits, query).map((audit) => audit.id),
        ids,
      );
    });
  }
});
