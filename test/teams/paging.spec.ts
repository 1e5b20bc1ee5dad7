/**
 * Reliability item 9, the reply side: a reply that would pass Teams' ~28 KB is sent in pages, each of which Teams
 * accepts, and nothing of it is lost or cut inside a character.
 */
import assert from 'node:assert/strict';
import { cardSize, type AdaptiveCard } from '../../src/teams/cards/render';
import { MAX_CARD_BYTES } from '../../src/teams/limits';
import { MAX_TEXT_BYTES } from '../../src/teams/limits';
import { pagesOf } from '../../src/teams/paging';

const bytes = (text: string | undefined) => Buffer.byteLength(text ?? '', 'utf8');

/** A card of about `size` bytes. */
function cardOf(size: number): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: '' }],
  };
  const text = 'x'.repeat(Math.max(0, size - cardSize(card)));
  return { ...card, body: [{ type: 'TextBlock', text }] };
}

describe('paging of long replies', () => {
  it('sends a short reply as it is, text and card in one message', () => {
    const card = cardOf(2_000);
    assert.deepEqual(pagesOf({ text: 'Sparat.', cards: [card] }), [{ text: 'Sparat.', cards: [card] }]);
  });

  it('pages 100,000 characters of lines at line ends, every page within the limit, no line lost', () => {
    const lines = Array.from(
      { length: 2_500 },
      (_, i) => `Rad ${i + 1}: åtgärden är försenad sedan vecka 12`,
    );
    const text = lines.join('\n');
    assert.ok(text.length > 100_000);

    const pages = pagesOf({ text });

    assert.ok(pages.length >= 5, `only ${pages.length} pages`);
    for (const page of pages)
      assert.ok(bytes(page.text) <= MAX_TEXT_BYTES, `a page of ${bytes(page.text)} bytes`);
    assert.deepEqual(
      pages.flatMap((page) => (page.text ?? '').split('\n')),
      lines,
    );
  });

  it('cuts a line without line ends between graphemes: emoji, ZWJ families and å ä ö stay whole', () => {
    const family = '👩‍👩‍👧‍👦';
    const text = `${'å'.repeat(7)}${family}ä`.repeat(4_000);

    const pages = pagesOf({ text }, 1_000);

    assert.equal(pages.map((page) => page.text).join(''), text);
    for (const page of pages) {
      assert.ok(bytes(page.text) <= 1_000);
      assert.ok(!(page.text ?? '').startsWith('\u200d'), 'a page starts inside a ZWJ sequence');
      assert.doesNotMatch(page.text ?? '', /[\ud800-\udbff]$/, 'a page ends inside a surrogate pair');
    }
  });

  it('sends a card that does not fit beside the last page of text in a message of its own', () => {
    const card = cardOf(MAX_CARD_BYTES - 1_000);
    const pages = pagesOf({ text: 'y'.repeat(5_000), cards: [card] });
    assert.deepEqual(
      pages.map((page) => ({ text: bytes(page.text), cards: page.cards?.length ?? 0 })),
      [
        { text: 5_000, cards: 0 },
        { text: 0, cards: 1 },
      ],
    );
  });

  it('gives each of two large cards a message of its own', () => {
    const pages = pagesOf({ cards: [cardOf(20_000), cardOf(20_000)] });
    assert.deepEqual(
      pages.map((page) => page.cards?.length),
      [1, 1],
    );
  });

  it('sends nothing for an empty reply rather than an empty message', () => {
    assert.deepEqual(pagesOf({ text: '', cards: [] }), []);
  });
});
