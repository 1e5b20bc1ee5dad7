import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandEntries, menuScopes, type MenuScope } from '../../src/bot/commands';
import { parseIntent } from '../../src/bot/intents';
import { en, sv } from '../../src/texts';
import {
  commandLists,
  commandTranslations,
  MENU_LIMITS,
  menuProblems,
} from '../../scripts/appPackage/commandLists';

const ROOT = join(__dirname, '..', '..');

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;
}

describe('appPackage: the command menu, generated from the command table', () => {
  const manifest = readJson('appPackage/manifest.json') as { bots: { commandLists: unknown }[] };
  const english = readJson('appPackage/en.json');

  it('is what scripts/appPackage/commandLists.ts generates (run it after changing a command)', () => {
    assert.deepEqual(manifest.bots[0]?.commandLists, commandLists());
    const menuStrings = Object.fromEntries(
      Object.entries(english).filter(([key]) => key.startsWith('bots[0].commandLists[')),
    );
    assert.deepEqual(menuStrings, commandTranslations());
  });

  it("keeps within Teams' limits: 10 commands a list, titles of 32 characters, descriptions of 128", () => {
    assert.deepEqual(menuProblems(), []);
    for (const list of commandLists()) assert.ok(list.commands.length <= MENU_LIMITS.commands);
  });

  it('offers every command of the menu in each of its scopes, in both languages', () => {
    const lists = commandLists();
    const translations = Object.values(commandTranslations());
    for (const command of commandEntries()) {
      for (const scope of menuScopes(command)) {
        const list = lists.find((candidate) => candidate.scopes.includes(scope));
        const title = sv.commands[command.key].menu?.title;
        assert.ok(
          list?.commands.some((entry) => entry.title === title),
          `${command.key} in ${scope}`,
        );
        assert.ok(translations.includes(en.commands[command.key].menu?.title ?? ''), command.key);
      }
    }
  });

  /**
   * A menu title as a user sends it after picking it: the placeholders filled in. Teams puts the title in the
   * compose box, so a title may name what to write (`ÅÅÅÅ-MM-DD`, `<text>`), but nothing else.
   */
  function filledIn(title: string): string {
    return title
      .replace(/ÅÅÅÅ-MM-DD|YYYY-MM-DD/u, '2026-03-31')
      .replace(/<https-länk>|<https link>/u, 'https://kommun.se/protokoll.pdf')
      .replace(/<text>/u, 'upphandlingen dröjer');
  }

  const SCOPES: readonly MenuScope[] = ['personal', 'team', 'groupChat'];

  it('has ten commands or fewer in each scope, one list per scope, the file commands in personal chat only', () => {
    const lists = commandLists();
    assert.deepEqual(
      lists.map((list) => list.scopes),
      SCOPES.map((scope) => [scope]),
    );
    for (const list of lists) {
      assert.ok(list.commands.length <= 10, `${list.scopes.join()}: ${list.commands.length} commands`);
      assert.ok(list.commands.length >= 5, `${list.scopes.join()}: only ${list.commands.length} commands`);
    }
    for (const command of commandEntries()) {
      if (command.intent === 'boardReportFile' || command.intent === 'reviewPackFile') {
        assert.ok(
          menuScopes(command).every((scope) => scope === 'personal'),
          command.key,
        );
      }
      if (command.where === 'team') assert.deepEqual(menuScopes(command), ['team'], command.key);
    }
  });

  it('has only titles that parse to their command, in Swedish and English, in every scope', () => {
    let checked = 0;
    for (const command of commandEntries()) {
      if (menuScopes(command).length === 0) continue;
      for (const catalogue of [sv, en]) {
        const title = catalogue.commands[command.key].menu?.title ?? '';
        const sent = filledIn(title);
        assert.doesNotMatch(sent, /[<>]|ÅÅÅÅ|YYYY/u, `${title}: a placeholder is left`);
        const intent = parseIntent(sent);
        assert.equal(
          intent.kind,
          command.intent,
          `${JSON.stringify(sent)} parsed as ${JSON.stringify(intent)}`,
        );
        if (command.stage === 'write' && command.intent === 'setStatus') {
          assert.equal(intent.kind === 'setStatus' && intent.status, command.status, sent);
        }
        checked += 1;
      }
    }
    // Every command of every list, in both languages (a list may share commands with another).
    const distinct = new Set(commandLists().flatMap((list) => list.commands.map((entry) => entry.title)));
    assert.equal(checked, distinct.size * 2);
  });
});
