import assert from 'node:assert/strict';
import { languageOfText } from '../../src/bot/commandLanguage';
import { commandEntries, COMMANDS, listedCommands, menuScopes } from '../../src/bot/commands';
import { parseIntent } from '../../src/bot/intents';
import { messages } from '../../src/bot/messages';
import { texts, type Locale } from '../../src/texts';

const LOCALES: readonly Locale[] = ['sv', 'en'];

/** A usage line as a user would type it: the optional parts in brackets filled in. */
function typed(usage: string, locale: Locale): string {
  const filler = locale === 'sv' ? 'ny leverantör' : 'new supplier';
  return usage.replace(/\[[^\]]*\]|<[^>]*>/gu, filler).trim();
}

describe('bot/commands: the command table', () => {
  for (const locale of LOCALES) {
    it(`${locale}: hjälp/help lists every command of the table, in the listed order`, () => {
      const help = messages(locale).help();
      let last = -1;
      for (const command of listedCommands()) {
        const usage = texts(locale).commands[command.key].usage;
        const at = help.indexOf(`\`${usage}\``);
        assert.ok(at >= 0, `${command.key} (${usage}) is missing from the help`);
        assert.ok(at > last, `${command.key} is out of order`);
        last = at;
      }
    });

    it(`${locale}: each command's usage, typed as shown, gives the command's intent`, () => {
      for (const command of commandEntries()) {
        const intent = parseIntent(typed(texts(locale).commands[command.key].usage, locale));
        assert.equal(intent.kind, command.intent, `${command.key}: ${JSON.stringify(intent)}`);
        if (command.stage === 'write' && command.argument === 'status') {
          assert.deepEqual(intent.kind === 'setStatus' && intent.status, command.status);
        }
      }
    });

    it(`${locale}: each command's usage and menu title read as ${locale}`, () => {
      for (const command of commandEntries()) {
        const { usage, menu } = texts(locale).commands[command.key];
        assert.equal(languageOfText(usage), locale, `${command.key}: ${usage}`);
        if (menu) assert.equal(languageOfText(menu.title), locale, `${command.key}: ${menu.title}`);
      }
    });
  }

  it('says in the help which commands are for admins or only for channels', () => {
    const help = messages('sv').help();
    assert.match(help, /`digest här`: [^\n]*\(i en kanal, för administratörer\)/);
    assert.match(help, /`roll lägg till [^\n]*\(för administratörer\)/);
    assert.match(help, /`pausa A-17 till 2026-08-15 \[motivering\]`/);
    assert.match(messages('en').help(), /`snooze A-17 until 2026-08-15 \[reason\]`/);
    assert.match(messages('en').help(), /`role add [^\n]*\(for admins\)/);
  });

  it('has menu texts in the catalogue exactly for the commands a menu offers', () => {
    for (const command of commandEntries()) {
      assert.equal(
        menuScopes(command).length > 0,
        texts('sv').commands[command.key].menu !== undefined,
        command.key,
      );
    }
  });

  it('gives every command its own place in the list', () => {
    const places = commandEntries().map((command) => command.listed);
    assert.equal(new Set(places).size, places.length);
  });

  it('keeps the parse stages in order: positional, recommendations, writes, reading one action, lists', () => {
    const stages = commandEntries().map((command) => command.stage);
    const order = ['positional', 'recommendation', 'write', 'reference', 'read'];
    assert.deepEqual(
      stages,
      [...stages].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    );
    assert.equal(COMMANDS.digestHere.stage, 'read');
  });
});
