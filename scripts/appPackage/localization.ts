/**
 * Teams' localization rules, beyond what the localization schema checks: every key of a language file names a
 * string that exists in the manifest (a key for a removed command would otherwise be ignored without a word), and —
 * a rule of this project — every string a user sees in the manifest's default language (names, descriptions,
 * command titles and hints) has a translation, so English users never get a half-Swedish command list.
 */
import { isObject } from './placeholders';

/** A language file named in `localizationInfo`. */
export interface LanguageFile {
  readonly languageTag: string;
  readonly file: string;
}

/** Keys of a language file that are not paths into the manifest. */
const NON_PATH_KEYS = new Set(['$schema', 'localizationKeys']);

/**
 * The language files that `manifest.localizationInfo` names, plus problems with the list itself (a language listed
 * twice, or the default language listed as an additional one). The manifest has passed its schema already.
 */
export function languageFiles(manifest: Record<string, unknown>): {
  files: LanguageFile[];
  problems: string[];
} {
  const info = manifest.localizationInfo;
  if (!isObject(info)) return { files: [], problems: [] };
  const files: LanguageFile[] = [];
  const problems: string[] = [];
  const defaultTag = String(info.defaultLanguageTag).toLowerCase();
  if (typeof info.defaultLanguageFile === 'string') {
    files.push({ languageTag: defaultTag, file: info.defaultLanguageFile });
  }
  const seen = new Set<string>();
  for (const entry of Array.isArray(info.additionalLanguages) ? info.additionalLanguages : []) {
    if (!isObject(entry)) continue;
    const tag = String(entry.languageTag).toLowerCase();
    if (tag === defaultTag) {
      problems.push(
        `manifest.json: localizationInfo: språket ${tag} är standardspråket och ska inte listas igen.`,
      );
    } else if (seen.has(tag)) {
      problems.push(`manifest.json: localizationInfo: språket ${tag} finns två gånger.`);
    }
    seen.add(tag);
    files.push({ languageTag: tag, file: String(entry.file) });
  }
  return { files, problems };
}

/** Checks one language file's keys against the manifest; returns one problem line per key. */
export function checkTranslations(
  fileName: string,
  strings: Record<string, unknown>,
  manifest: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(strings)) {
    if (NON_PATH_KEYS.has(key)) continue;
    if (typeof lookup(manifest, key) !== 'string') {
      problems.push(`${fileName}: ${key} finns inte i manifest.json; ta bort nyckeln eller rätta sökvägen.`);
    }
  }
  for (const [key, text] of translatableStrings(manifest)) {
    if (!(key in strings))
      problems.push(`${fileName}: saknar översättning av ${key} (${JSON.stringify(text)}).`);
  }
  return problems;
}

/** The strings users see, by localization key: names, descriptions and the bot's command titles and hints. */
function translatableStrings(manifest: Record<string, unknown>): Map<string, string> {
  const found = new Map<string, string>();
  for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) {
    const value = lookup(manifest, key);
    if (typeof value === 'string') found.set(key, value);
  }
  const bots = Array.isArray(manifest.bots) ? manifest.bots : [];
  bots.forEach((bot: unknown, b) => {
    const lists = isObject(bot) && Array.isArray(bot.commandLists) ? bot.commandLists : [];
    lists.forEach((list: unknown, l) => {
      const commands = isObject(list) && Array.isArray(list.commands) ? list.commands : [];
      commands.forEach((command: unknown, c) => {
        if (!isObject(command)) return;
        for (const field of ['title', 'description']) {
          const value = command[field];
          if (typeof value === 'string')
            found.set(`bots[${b}].commandLists[${l}].commands[${c}].${field}`, value);
        }
      });
    });
  });
  return found;
}

/** Follows a localization key such as `bots[0].commandLists[1].commands[2].title` into the manifest. */
function lookup(root: unknown, key: string): unknown {
  let node = root;
  for (const token of key.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (token.startsWith('[')) {
      const index = Number(token.slice(1, -1));
      node = Array.isArray(node) ? node[index] : undefined;
    } else {
      node = isObject(node) ? node[token] : undefined;
    }
  }
  return node;
}
