import assert from 'node:assert/strict';
import {
  CARD_VERBS,
  cardSize,
  MAX_OUTBOX_ROWS,
  outboxCard,
  type OutboxRowView,
} from '../../../src/teams/cards';
import { MAX_CARD_BYTES } from '../../../src/teams/limits';

function row(n: number, overrides: Partial<OutboxRowView> = {}): OutboxRowView {
  return {
    id: n.toString(16).padStart(64, '0'),
    what: `Påminnelse A-${n} (due) → person${n}@kommun.se`,
    detail: `Id ${n.toString(16).padStart(8, '0')}, senast ändrat 2026-03-02 10:00: 500 InternalServerError`,
    canResend: true,
    ...overrides,
  };
}

/** Every Action.Execute of a card, anywhere in it. */
function executes(card: unknown): { title: unknown; verb: unknown; data: unknown }[] {
  const found: { title: unknown; verb: unknown; data: unknown }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record['type'] === 'Action.Execute') {
      found.push({ title: record['title'], verb: record['verb'], data: record['data'] });
    }
    Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}

describe('outbox card', () => {
  it('says so when nothing is uncertain, and has no buttons', () => {
    const card = outboxCard({ rows: [], note: null }, 'sv');
    const json = JSON.stringify(card);
    assert.match(json, /Inga meddelanden har oklar leverans/);
    assert.doesNotMatch(json, /Boten vet inte om de här meddelandena kom fram/);
    assert.deepEqual(executes(card), []);
  });

  it('gives each row Levererat and Skicka igen with its id, and a digest only Levererat', () => {
    const card = outboxCard({ rows: [row(1), row(2, { canResend: false })], note: 'Klart.' }, 'sv');
    assert.deepEqual(executes(card), [
      { title: 'Levererat', verb: CARD_VERBS.settleOutbox, data: { id: row(1).id, decision: 'delivered' } },
      { title: 'Skicka igen', verb: CARD_VERBS.settleOutbox, data: { id: row(1).id, decision: 'resend' } },
      { title: 'Levererat', verb: CARD_VERBS.settleOutbox, data: { id: row(2).id, decision: 'delivered' } },
    ]);
    assert.match(JSON.stringify(card), /Utkorgen: oklar leverans \(2\)/);
    assert.deepEqual(
      executes(outboxCard({ rows: [row(1)], note: null }, 'en')).map((b) => b.title),
      ['Delivered', 'Send again'],
    );
  });

  it(`lists at most ${MAX_OUTBOX_ROWS} rows and counts the rest, within Teams' card size even with long texts`, () => {
    const long = 'x'.repeat(5_000);
    const rows = Array.from({ length: 50 }, (_, i) => row(i + 1, { what: `${i} ${long}`, detail: long }));
    const card = outboxCard({ rows, note: long }, 'sv');
    assert.ok(cardSize(card) <= MAX_CARD_BYTES, `${cardSize(card)} bytes`);
    const shown = executes(card).filter((b) => (b.data as { decision: string }).decision === 'delivered');
    assert.ok(shown.length > 0 && shown.length <= MAX_OUTBOX_ROWS, `${shown.length} rows`);
    assert.match(JSON.stringify(card), new RegExp(`… och ${50 - shown.length} till`));
  });
});
