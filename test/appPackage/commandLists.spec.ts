import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandEntries, menuScopes } from '../../src/bot/commands';
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
});
