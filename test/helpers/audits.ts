import type { Audit } from '../../src/domain/types';

/**
 * An audit for storage tests: id `id`, `recommendations` numbered R1, R2, … (texts naming the audit), all for
 * Socialnämnden, reported on `reportDate`.
 */
export function testAudit(id: string, recommendations: number, reportDate = '2024-05-01'): Audit {
  return {
    id,
    title: `Granskning ${id}`,
    auditor: 'Stadsrevisionen',
    reportDate,
    diaryNumber: `DNR ${id}`,
    committees: ['Socialnämnden'],
    responseDue: [],
    boardFeedback: [],
    recommendations: Array.from({ length: recommendations }, (_, i) => ({
      id: `R${i + 1}`,
      text: `Rekommendation ${i + 1} i ${id}`,
      committees: ['Socialnämnden'],
    })),
  };
}
