import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { en, sv, texts, type Catalogue } from '../../src/texts';

const TEXTS_DIR = path.join(__dirname, '..', '..', 'src', 'texts');

/** Every string leaf of a catalogue, by its dotted path. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => strings(child, at ? `${at}.${key}` : key));
}

/** The shape of a catalogue: every key, and whether it holds a text, a function or a section. */
function shape(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

describe('texts: the catalogue', () => {
  it('has the same keys, texts and functions in Swedish and English', () => {
    assert.deepEqual(shape(en), shape(sv));
  });

  it('picks the language from the locale, Swedish by default', () => {
    assert.equal(texts('sv'), sv);
    assert.equal(texts('en'), en);
  });

  it('has no empty text in either language', () => {
    for (const catalogue of [sv, en] as Catalogue[]) {
      for (const [at, text] of strings(catalogue)) assert.ok(text.trim() !== '', `${at} is empty`);
    }
  });

  it('writes English without Swedish letters, except where it offers Swedish', () => {
    for (const [at, text] of strings(en)) {
      if (at === 'help.footer') continue;
      assert.doesNotMatch(text, /[åäöÅÄÖ]/, `${at}: ${text}`);
    }
  });

  it('keeps command menu entries within Teams limits (title 32, description 128)', () => {
    for (const catalogue of [sv, en]) {
      for (const [key, command] of Object.entries(catalogue.commands)) {
        if (!command.menu) continue;
        assert.ok(command.menu.title.length <= 32, `${key}: ${command.menu.title}`);
        assert.ok(command.menu.description.length <= 128, `${key}: ${command.menu.description}`);
      }
    }
  });

  it('words reminders in both languages, with dates as 2026-03-31', () => {
    const input = { ref: 'A-17', due: '2026-03-31', daysLeft: -8, afterSnooze: true };
    assert.equal(
      sv.reminders.owner(input),
      'Pausen för A-17 är slut. Påminnelse: A-17 är försenad: slutdatumet 2026-03-31 passerades för 8 dagar sedan. ' +
        'Svara med knapparna på kortet, eller skriv "pausa A-17 till ÅÅÅÅ-MM-DD" för att pausa påminnelserna.',
    );
    assert.equal(
      en.reminders.owner(input),
      'The pause for A-17 is over. Reminder: A-17 is overdue: the due date 2026-03-31 passed 8 days ago. ' +
        'Answer with the buttons on the card, or write "snooze A-17 until YYYY-MM-DD" to pause the reminders.',
    );
    const audit = { committee: 'Kulturnämnden', title: 'Bidrag', due: '2026-03-31', daysLeft: 1 };
    assert.match(sv.reminders.responseDue(audit), /senast 2026-03-31 \(i morgon\)\.$/);
    assert.match(en.reminders.responseDue(audit), /by 2026-03-31 \(tomorrow\)\.$/);
    assert.match(en.digest.heading(12, '2026-03-16 08:00', '2026-03-23 08:00'), /week 12/);
    assert.match(sv.digest.heading(12, '2026-03-16 08:00', '2026-03-23 08:00'), /vecka 12/);
  });

  it('is words only: nothing outside src/texts is imported at run time, so every layer may use it', () => {
    for (const file of readdirSync(TEXTS_DIR).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(path.join(TEXTS_DIR, file), 'utf8');
      for (const match of source.matchAll(/^import (type )?[^;]*? from '([^']+)';/gms)) {
        const [, typeOnly, from] = match;
        assert.ok(typeOnly !== undefined || from?.startsWith('./'), `${file} imports ${from} at run time`);
      }
    }
  });
});
