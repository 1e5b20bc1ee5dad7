/**
 * The manifest's `commandLists` and their English strings, generated from the bot's command table
 * (`src/bot/commands.ts`) and the text catalogue, so the command menu in Teams never drifts from what the bot
 * understands. `npx tsx scripts/appPackage/commandLists.ts` rewrites `appPackage/manifest.json` and
 * `appPackage/en.json`; a test fails when the files in the repository differ from what this generates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { listedCommands, menuScopes, type MenuScope } from '../../src/bot/commands';
import { en, sv } from '../../src/texts';

/** Teams' limits for a bot's command menu (manifest schema v1.22). */
export const MENU_LIMITS = { commands: 10, title: 32, description: 128 } as const;

/** One command of the menu as the manifest holds it. */
export interface MenuCommand {
  title: string;
  description: string;
}

/** One list of the manifest's `bots[0].commandLists`. */
export interface CommandList {
  scopes: MenuScope[];
  commands: MenuCommand[];
}

const SCOPES: readonly MenuScope[] = ['personal', 'team', 'groupChat'];

/** The menu in Swedish (the manifest's default language), one list per scope, in the order users see them. */
export function commandLists(): CommandList[] {
  return SCOPES.map((scope) => ({
    scopes: [scope],
    commands: listedCommands().flatMap((command) => {
      const menu = sv.commands[command.key].menu;
      return menuScopes(command).includes(scope) && menu ? [{ ...menu }] : [];
    }),
  }));
}

/** The English strings of {@link commandLists}, keyed as Teams' language files point into the manifest. */
export function commandTranslations(): Record<string, string> {
  const strings: Record<string, string> = {};
  SCOPES.forEach((scope, list) => {
    let index = 0;
    for (const command of listedCommands()) {
      const menu = en.commands[command.key].menu;
      if (!menuScopes(command).includes(scope) || !menu) continue;
      strings[`bots[0].commandLists[${list}].commands[${index}].title`] = menu.title;
      strings[`bots[0].commandLists[${list}].commands[${index}].description`] = menu.description;
      index += 1;
    }
  });
  return strings;
}

/** Every way the generated menu breaks Teams' limits or leaves a command out; empty when it is sound. */
export function menuProblems(): string[] {
  const problems: string[] = [];
  for (const list of commandLists()) {
    if (list.commands.length > MENU_LIMITS.commands) {
      problems.push(`${list.scopes.join()}: ${list.commands.length} commands, Teams shows at most 10`);
    }
  }
  for (const command of listedCommands()) {
    if (command.where === 'team' && command.menu.some((scope) => scope !== 'team')) {
      problems.push(`${command.key}: works only in a team channel, but is offered elsewhere`);
    }
    // Files come in personal chat only (Teams' file consent flow); elsewhere the command only says so.
    const isFile = command.intent === 'boardReportFile' || command.intent === 'reviewPackFile';
    if (isFile && command.menu.some((scope) => scope !== 'personal')) {
      problems.push(
        `${command.key}: sends a file, which comes in personal chat only, but is offered elsewhere`,
      );
    }
    for (const [language, catalogue] of [
      ['sv', sv],
      ['en', en],
    ] as const) {
      const menu = catalogue.commands[command.key].menu;
      if (command.menu.length > 0 && !menu) problems.push(`${command.key}: no menu text in ${language}`);
      if (command.menu.length === 0 && menu)
        problems.push(`${command.key}: menu text in ${language}, no menu`);
      if (!menu) continue;
      if (menu.title.length > MENU_LIMITS.title)
        problems.push(`${command.key} (${language}): title too long`);
      if (menu.description.length > MENU_LIMITS.description) {
        problems.push(`${command.key} (${language}): description too long`);
      }
    }
  }
  return problems;
}

/** The manifest and English file with the generated command menu in place, every other field as it was. */
export function withCommandLists(
  manifest: Record<string, unknown>,
  english: Record<string, unknown>,
): { manifest: Record<string, unknown>; english: Record<string, unknown> } {
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as Record<string, unknown>[]) : [];
  const [bot, ...others] = bots;
  const nextManifest = { ...manifest, bots: [{ ...bot, commandLists: commandLists() }, ...others] };
  const kept = Object.entries(english).filter(([key]) => !key.startsWith('bots[0].commandLists['));
  return { manifest: nextManifest, english: { ...Object.fromEntries(kept), ...commandTranslations() } };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(value), { ...options, filepath: file }));
}

/** Rewrites the command menu of `appPackage/manifest.json` and `appPackage/en.json`. */
export async function writeCommandLists(appPackage: string): Promise<void> {
  const manifestFile = join(appPackage, 'manifest.json');
  const englishFile = join(appPackage, 'en.json');
  const read = (file: string): Record<string, unknown> =>
    JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const next = withCommandLists(read(manifestFile), read(englishFile));
  await writeJson(manifestFile, next.manifest);
  await writeJson(englishFile, next.english);
}

if (require.main === module) {
  const problems = menuProblems();
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    process.exit(1);
  }
  writeCommandLists(resolve(__dirname, '../../appPackage')).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
