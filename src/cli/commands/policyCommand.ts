import { DomainError } from '../../domain/errors';
import { parseReminderPolicy, REMINDER_POLICY_SETTING, type ReminderPolicy } from '../../scheduler';
import { ConflictError, openTables, SettingsRepository, type StoredSetting } from '../../storage';
import { parseFlags, tenantOf, UsageError, type CliCommand, type CliContext } from '../context';
import { countOf } from '../plural';

/** The fields an admin may change: every field of the policy (the stored setting is a partial policy). */
type PolicyField = keyof ReminderPolicy;

/** How a typed value is read from the command line; each kind says what it expects, in Swedish. */
type ValueKind = 'days' | 'boolean' | 'count' | 'time' | 'pause' | 'dates' | 'cron';

/** One policy field as the command shows and sets it. */
interface FieldSpec {
  /** The short key an admin types (`beforeDays`); the schema's own field name works too. */
  key: string;
  field: PolicyField;
  kind: ValueKind;
  /** What the value means, in Swedish, for `policy show`. */
  label: string;
  /** What a valid value looks like, for the one-line error of `policy set`. */
  expected: string;
}

const DAYS_EXPECTED = 'dagar 0–365 åtskilda med komma (högst 10), t.ex. 14,3, eller "inga"';

/** In the order `policy show` lists them: the owner's track, then the committees', then the calendar. */
const FIELDS: readonly FieldSpec[] = [
  {
    key: 'beforeDays',
    field: 'ownerDaysBefore',
    kind: 'days',
    label: 'Påminnelse till ansvarig före förfallodagen',
    expected: DAYS_EXPECTED,
  },
  {
    key: 'onDueDate',
    field: 'remindOnDueDate',
    kind: 'boolean',
    label: 'Påminnelse på förfallodagen',
    expected: 'ja eller nej (true/false)',
  },
  {
    key: 'overdueEvery',
    field: 'overdueEveryDays',
    kind: 'count',
    label: 'Påminnelse medan åtgärden är försenad',
    expected: 'ett antal dagar 0–365 (0 = aldrig), t.ex. 7',
  },
  {
    key: 'escalateAfter',
    field: 'escalateAfterOverdue',
    kind: 'count',
    label: 'Eskalering till ordförande och administratörer',
    expected: 'ett antal förseningspåminnelser 0–52 (0 = aldrig), t.ex. 3',
  },
  {
    key: 'noDateEvery',
    field: 'noDateEveryDays',
    kind: 'count',
    label: 'Påminnelse att sätta datum (åtgärd utan datum)',
    expected: 'ett antal dagar 0–365 (0 = aldrig), t.ex. 7',
  },
  {
    key: 'responseDays',
    field: 'responseDaysBefore',
    kind: 'days',
    label: 'Påminnelse till samordnare före svar senast (och på dagen)',
    expected: DAYS_EXPECTED,
  },
  {
    key: 'boardFeedbackDays',
    field: 'boardFeedbackDaysBefore',
    kind: 'days',
    label: 'Påminnelse till administratörer före återrapportering (och på dagen)',
    expected: DAYS_EXPECTED,
  },
  {
    key: 'sendTime',
    field: 'sendTime',
    kind: 'time',
    label: 'Klockslag då påminnelser skickas',
    expected: 'en tid HH:MM, t.ex. 09:00',
  },
  {
    key: 'summerPause',
    field: 'summerPause',
    kind: 'pause',
    label: 'Sommaruppehåll (inga påminnelser)',
    expected: 'MM-DD..MM-DD, t.ex. 07-01..07-31, eller "inget"',
  },
  {
    key: 'daysOff',
    field: 'extraDaysOff',
    kind: 'dates',
    label: 'Extra lediga dagar (utöver helger och röda dagar)',
    expected: 'datum ÅÅÅÅ-MM-DD åtskilda med komma, t.ex. 2026-05-15, eller "inga"',
  },
  {
    key: 'digestCron',
    field: 'digestCron',
    kind: 'cron',
    label: 'Veckosammanfattningen postas',
    expected: 'ett cron-mönster, t.ex. "0 8 * * 1" (måndag 08:00)',
  },
];

const USAGE = 'policy show | policy set <nyckel> <värde> | policy reset';

/**
 * `policy show|set <key> <value>|reset`: shows or changes the tenant's reminder policy ("per tenant,
 * Swedish defaults, changeable by an admin"). The stored setting holds only the overrides; everything else takes
 * `DEFAULT_REMINDER_POLICY`, so a later change of a default reaches every tenant that did not override it.
 *
 * Who may do it: the CLI is an operator tool run on the server with the storage's connection string (like
 * `role`), so whoever can run it already controls the data; there is no per-user check here.
 *
 * Every write is conditional on the ETag it read, so two admins (or an admin and a future chat command) never
 * silently overwrite each other: the loser gets a one-line "try again" and nothing is written.
 */
export const policyCommand: CliCommand = {
  name: 'policy',
  usage: `${USAGE}   visa eller ändra påminnelsepolicyn`,
  async run(args, context) {
    const { values, positionals } = parseFlags(args, { tenant: { type: 'string' } });
    const [verb, ...rest] = positionals;
    const tenantId = tenantOf(values.tenant, context);
    if (verb === 'show' && rest.length === 0) return show(context, tenantId);
    if (verb === 'set' && rest.length === 2) return set(context, tenantId, rest[0] ?? '', rest[1] ?? '');
    if (verb === 'reset' && rest.length === 0) return reset(context, tenantId);
    throw new UsageError(`Skriv: npm run cli -- ${USAGE} (nycklar: ${FIELDS.map((f) => f.key).join(', ')}).`);
  },
};

async function settingsOf(context: CliContext): Promise<SettingsRepository> {
  return new SettingsRepository((await openTables(context.connectionString)).settings);
}

async function show(context: CliContext, tenantId: string): Promise<number> {
  const stored = await (await settingsOf(context)).getSetting(tenantId, REMINDER_POLICY_SETTING);
  const overrides = overridesOf(stored);
  const policy = effectivePolicy(overrides);
  context.out(`Påminnelsepolicy för klient ${tenantId} (* = ändrad, annars standard):`);
  for (const spec of FIELDS) {
    const mark = Object.hasOwn(overrides, spec.field) ? '*' : ' ';
    context.out(`${mark} ${spec.label}: ${describe(spec, policy, context.timeZone)}  [${spec.key}]`);
  }
  context.out(
    'Ändra med: npm run cli -- policy set <nyckel> <värde>; återställ med: npm run cli -- policy reset',
  );
  return 0;
}

async function set(context: CliContext, tenantId: string, key: string, raw: string): Promise<number> {
  const spec = FIELDS.find((f) => f.key.toLowerCase() === key.toLowerCase() || f.field === key);
  if (!spec) {
    throw new UsageError(`Okänd nyckel "${key}"; välj en av ${FIELDS.map((f) => f.key).join(', ')}.`);
  }
  const value = readValue(spec, raw);
  // The schema is the one the scheduler reads with: checking the field alone first names the key the admin typed.
  try {
    parseReminderPolicy({ [spec.field]: value });
  } catch (error) {
    if (error instanceof DomainError) throw invalid(spec, raw, error);
    throw error;
  }
  const settings = await settingsOf(context);
  const stored = await settings.getSetting(tenantId, REMINDER_POLICY_SETTING);
  const next = { ...overridesOf(stored), [spec.field]: value };
  // The whole of what is written must parse too (an older stored override might not): never store what the
  // scheduler would refuse.
  const policy = effectivePolicy(next);
  const written = await write(context, settings, tenantId, stored, next);
  if (!written) return 1;
  context.out(`${spec.label}: ${describe(spec, policy, context.timeZone)}  [${spec.key}, sparad]`);
  return 0;
}

async function reset(context: CliContext, tenantId: string): Promise<number> {
  const settings = await settingsOf(context);
  const stored = await settings.getSetting(tenantId, REMINDER_POLICY_SETTING);
  if (stored === null || isEmptyObject(stored.value)) {
    context.out('Påminnelsepolicyn är redan standardpolicyn; inget ändrades.');
    return 0;
  }
  // The repository has no delete, and an empty override means exactly "all defaults"; writing it with the ETag
  // keeps reset as safe against a concurrent change as set is.
  const written = await write(context, settings, tenantId, stored, {});
  if (!written) return 1;
  context.out('Påminnelsepolicyn är återställd till standard.');
  return 0;
}

/** Writes the overrides with the ETag they were read with; on a conflict says so in one line and writes nothing. */
async function write(
  context: CliContext,
  settings: SettingsRepository,
  tenantId: string,
  stored: StoredSetting | null,
  overrides: Partial<ReminderPolicy>,
): Promise<boolean> {
  try {
    if (stored === null) await settings.createSetting(tenantId, REMINDER_POLICY_SETTING, overrides);
    else await settings.updateSetting(tenantId, REMINDER_POLICY_SETTING, overrides, stored.etag);
    return true;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    context.err('Fel: någon annan ändrade påminnelsepolicyn samtidigt; inget sparades. Försök igen.');
    return false;
  }
}

/**
 * The stored overrides as an object. A stored value that is not one (a hand edit) is an error naming the way out;
 * reset does not read it, so it always gets out of it.
 */
function overridesOf(stored: StoredSetting | null): Partial<ReminderPolicy> {
  const value = stored?.value ?? null;
  if (value === null) return {};
  // Only the container is checked here: every field is checked by parseReminderPolicy before it is used or written.
  if (typeof value === 'object' && !Array.isArray(value)) return value as Partial<ReminderPolicy>;
  throw new DomainError({ kind: 'storedPolicyNotObject' });
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}

/** Defaults merged with the overrides, through the scheduler's schema; a broken stored policy names the way out. */
function effectivePolicy(overrides: Partial<ReminderPolicy>): ReminderPolicy {
  try {
    return parseReminderPolicy(overrides);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError({ kind: 'storedPolicyInvalid', problem: error.problem }, { cause: error });
  }
}

function invalid(spec: FieldSpec, raw: string, cause?: unknown): UsageError {
  return new UsageError(`${spec.key} "${raw}" är ogiltigt: ska vara ${spec.expected}.`, { cause });
}

const NONE = new Set(['inga', 'inget', 'ingen', 'none', '-']);
const TRUE = new Set(['ja', 'true', 'on', 'på']);
const FALSE = new Set(['nej', 'false', 'off', 'av']);

/**
 * The typed value of a field from what the admin typed. Only the shape is read here (numbers, lists, the pause's
 * two ends); the ranges and formats are the schema's to check, so there is one definition of a valid policy.
 */
function readValue(spec: FieldSpec, raw: string): unknown {
  const text = raw.trim();
  const lower = text.toLowerCase();
  switch (spec.kind) {
    case 'days':
      if (NONE.has(lower)) return [];
      return text.split(',').map((part) => integer(spec, raw, part));
    case 'count':
      return integer(spec, raw, text);
    case 'boolean':
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      throw invalid(spec, raw);
    case 'time':
    case 'cron':
      return text;
    case 'pause': {
      if (NONE.has(lower)) return null;
      const [from, to, ...extra] = text.split('..');
      if (!from || !to || extra.length > 0) throw invalid(spec, raw);
      return { from: from.trim(), to: to.trim() };
    }
    case 'dates':
      if (NONE.has(lower)) return [];
      return text.split(',').map((part) => part.trim());
  }
}

function integer(spec: FieldSpec, raw: string, part: string): number {
  // Number('') is 0 and Number('1e1') is 10: only plain digits are a number of days here.
  if (!/^\d+$/.test(part.trim())) throw invalid(spec, raw);
  return Number(part.trim());
}

/** A field's effective value, readable in Swedish. */
function describe(spec: FieldSpec, policy: ReminderPolicy, timeZone: string): string {
  switch (spec.field) {
    case 'ownerDaysBefore':
    case 'responseDaysBefore':
    case 'boardFeedbackDaysBefore': {
      const days = [...new Set(policy[spec.field])].filter((d) => d > 0).sort((a, b) => b - a);
      if (days.length === 0) return 'ingen';
      return `${joinSwedish(days.map(String))} ${days.length === 1 && days[0] === 1 ? 'dag' : 'dagar'} före`;
    }
    case 'remindOnDueDate':
      return policy.remindOnDueDate ? 'ja' : 'nej';
    case 'overdueEveryDays':
      return every(policy.overdueEveryDays);
    case 'noDateEveryDays':
      return every(policy.noDateEveryDays);
    case 'escalateAfterOverdue':
      if (policy.escalateAfterOverdue === 0 || policy.overdueEveryDays === 0) {
        // Escalation counts overdue reminders: with none of those there is nothing to count.
        return policy.escalateAfterOverdue === 0 ? 'aldrig' : 'aldrig (inga förseningspåminnelser)';
      }
      return `efter ${countOf(policy.escalateAfterOverdue, 'förseningspåminnelse', 'förseningspåminnelser')}`;
    case 'sendTime':
      return `${policy.sendTime} (${timeZone})`;
    case 'summerPause':
      return policy.summerPause ? `${policy.summerPause.from}..${policy.summerPause.to}` : 'inget';
    case 'extraDaysOff':
      return policy.extraDaysOff.length === 0 ? 'inga' : policy.extraDaysOff.join(', ');
    case 'digestCron':
      return `"${policy.digestCron}" (cron, ${timeZone})`;
  }
}

function every(days: number): string {
  if (days === 0) return 'aldrig';
  if (days === 1) return 'varje dag';
  // Swedish ordinals: 2:a, 21:a, 22:a, but 11:e, 12:e and 7:e.
  const suffix = [1, 2].includes(days % 10) && ![11, 12].includes(days % 100) ? 'a' : 'e';
  return `var ${days}:${suffix} dag`;
}

/** `14, 7 och 3`. */
function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1] ?? ''}`;
}
