import type { DomainErrorCode } from './errors';
import type { Status } from './types';

/**
 * What rule was broken, with the values a message needs: the data behind a {@link DomainError}. The domain says
 * what went wrong; each reader words it (the Swedish below is the error's `message`, the bot has its own texts
 * for English). Parameters named `ref` hold a formatted reference such as `A-17`; values are as given, unescaped.
 */
export type DomainProblem =
  // Dates and references
  | { kind: 'notADate'; text: string }
  | { kind: 'dateNotInCalendar'; date: string }
  | { kind: 'notACalendarDate'; date: string }
  | { kind: 'unknownTimeZone'; timeZone: string }
  | { kind: 'invalidLocalTime'; date: string; time: string; timeZone: string }
  | { kind: 'noWorkingDay'; date: string }
  | { kind: 'notAReference'; text: string }
  | { kind: 'notARecommendationReference'; text: string }
  // Changes of an action
  | { kind: 'sameStatus'; ref: string; status: Status }
  | { kind: 'cancelNeedsReason'; ref: string }
  | { kind: 'reopenNeedsReason'; ref: string; status: Status }
  | { kind: 'closedNoNewDate'; ref: string; status: Status }
  | { kind: 'sameDeadline'; ref: string; date: string }
  | { kind: 'emptyActionText' }
  | { kind: 'actionTextTooLong'; length: number; max: number }
  | { kind: 'commentTooLong'; length: number; max: number }
  | { kind: 'emptyNote'; ref: string }
  // Evidence (underlag) and verdicts (`given` is the offending value, clipped)
  | { kind: 'evidenceNotAUrl'; given: string }
  | { kind: 'evidenceNotHttps'; scheme: string }
  | { kind: 'evidenceWithCredentials' }
  | { kind: 'evidenceUrlTooLong'; length: number; max: number }
  | { kind: 'evidenceBadFile'; field: string }
  | { kind: 'tooMuchEvidence'; ref: string; max: number }
  | { kind: 'unknownEvidence'; ref: string; item: number }
  | { kind: 'unknownVerdict'; given: string; verdicts: readonly string[] }
  | { kind: 'recommendationRefTaken'; ref: string; text: string }
  | { kind: 'recommendationHasOtherRef'; ref: string; has: string; text: string }
  // Pausing reminders
  | { kind: 'snoozeNotAfterToday'; ref: string; today: string }
  | { kind: 'snoozeTooLong'; ref: string; until: string; days: number }
  | { kind: 'reasonTooLong'; length: number; max: number }
  | { kind: 'closedNoSnooze'; ref: string; status: Status }
  // The reminder policy (`field` is a dotted path, '' for the policy as a whole)
  | { kind: 'invalidPolicy'; issues: readonly { field: string; message: string }[] }
  | { kind: 'storedPolicyInvalid'; problem: DomainProblem }
  | { kind: 'storedPolicyNotObject' }
  // Stored settings, roles and conversations (`given` is the offending value as JSON)
  | { kind: 'settingNotJson'; key: string }
  | { kind: 'settingWithoutJson'; key: string }
  | { kind: 'unknownRole'; given: string; roles: readonly string[] }
  | { kind: 'coordinatorNeedsCommittee' }
  | { kind: 'roleHasNoCommittee'; role: string }
  | { kind: 'badPrincipal'; given: string }
  | { kind: 'noConversationId' }
  | { kind: 'foreignConversation'; conversationId: string }
  | { kind: 'unknownConversationType'; given: string; types: readonly string[] }
  | { kind: 'badServiceUrl'; given: string }
  // Card presses
  | { kind: 'badCardData'; field: string };

/** Every kind of {@link DomainProblem}. */
export type DomainProblemKind = DomainProblem['kind'];

/** The code (the broken rule's category) of each kind of problem. */
export const PROBLEM_CODES: Readonly<Record<DomainProblemKind, DomainErrorCode>> = {
  notADate: 'InvalidDate',
  dateNotInCalendar: 'InvalidDate',
  notACalendarDate: 'InvalidDate',
  unknownTimeZone: 'InvalidValue',
  invalidLocalTime: 'InvalidValue',
  noWorkingDay: 'InvalidValue',
  notAReference: 'InvalidReference',
  notARecommendationReference: 'InvalidReference',
  sameStatus: 'InvalidStatusChange',
  cancelNeedsReason: 'ReasonRequired',
  reopenNeedsReason: 'ReasonRequired',
  closedNoNewDate: 'InvalidStatusChange',
  sameDeadline: 'InvalidStatusChange',
  emptyActionText: 'InvalidValue',
  actionTextTooLong: 'InvalidValue',
  commentTooLong: 'InvalidValue',
  emptyNote: 'InvalidValue',
  evidenceNotAUrl: 'InvalidValue',
  evidenceNotHttps: 'InvalidValue',
  evidenceWithCredentials: 'InvalidValue',
  evidenceUrlTooLong: 'InvalidValue',
  evidenceBadFile: 'InvalidValue',
  tooMuchEvidence: 'InvalidValue',
  unknownEvidence: 'UnknownReference',
  unknownVerdict: 'InvalidValue',
  recommendationRefTaken: 'InvalidValue',
  recommendationHasOtherRef: 'InvalidValue',
  snoozeNotAfterToday: 'InvalidValue',
  snoozeTooLong: 'InvalidValue',
  reasonTooLong: 'InvalidValue',
  closedNoSnooze: 'InvalidStatusChange',
  invalidPolicy: 'InvalidValue',
  storedPolicyInvalid: 'InvalidValue',
  storedPolicyNotObject: 'InvalidValue',
  settingNotJson: 'InvalidValue',
  settingWithoutJson: 'InvalidValue',
  unknownRole: 'InvalidValue',
  coordinatorNeedsCommittee: 'InvalidValue',
  roleHasNoCommittee: 'InvalidValue',
  badPrincipal: 'InvalidValue',
  noConversationId: 'InvalidValue',
  foreignConversation: 'InvalidValue',
  unknownConversationType: 'InvalidValue',
  badServiceUrl: 'InvalidValue',
  badCardData: 'InvalidValue',
};

/**
 * The problem in Swedish: a {@link DomainError}'s `message`, what the CLI prints, and the bot's Swedish answer.
 * @example describeProblem({ kind: 'dateNotInCalendar', date: '2023-02-30' }) // '2023-02-30 finns inte i kalendern.'
 */
export function describeProblem(problem: DomainProblem): string {
  switch (problem.kind) {
    case 'notADate':
      return `"${problem.text}" är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.`;
    case 'dateNotInCalendar':
      return `${problem.date} finns inte i kalendern.`;
    case 'notACalendarDate':
      return `${problem.date} är inget datum.`;
    case 'unknownTimeZone':
      return `Okänd tidszon: ${problem.timeZone}`;
    case 'invalidLocalTime':
      return `Ogiltig tid ${problem.date} ${problem.time} i ${problem.timeZone}.`;
    case 'noWorkingDay':
      return `Det finns ingen arbetsdag inom ett år efter ${problem.date}; kontrollera uppehållet.`;
    case 'notAReference':
      return `"${problem.text}" är ingen åtgärdsreferens; skriv till exempel A-17.`;
    case 'notARecommendationReference':
      return `"${problem.text}" är ingen rekommendationsreferens; skriv till exempel R-3.`;
    case 'sameStatus':
      return `${problem.ref} har redan status ${problem.status}.`;
    case 'cancelNeedsReason':
      return `Ange varför ${problem.ref} avbryts.`;
    case 'reopenNeedsReason':
      return `${problem.ref} är ${problem.status.toLowerCase()}; ange varför den öppnas igen.`;
    case 'closedNoNewDate':
      return `${problem.ref} är ${problem.status.toLowerCase()}; öppna den igen innan du ändrar datum.`;
    case 'sameDeadline':
      return `${problem.ref} har redan slutdatum ${problem.date}.`;
    case 'emptyActionText':
      return 'Åtgärdens text får inte vara tom.';
    case 'actionTextTooLong':
      return `Åtgärdens text är ${problem.length} tecken; högst ${problem.max} får plats.`;
    case 'commentTooLong':
      return `Kommentaren är ${problem.length} tecken; högst ${problem.max} tecken får plats.`;
    case 'emptyNote':
      return `Skriv kommentaren till ${problem.ref} efter ordet kommentar.`;
    case 'evidenceNotAUrl':
      return `"${problem.given}" är ingen länk; underlag är en https-länk, till exempel https://kommun.se/protokoll.pdf.`;
    case 'evidenceNotHttps':
      return `Länkar med ${problem.scheme} tas inte emot som underlag; bara https-länkar.`;
    case 'evidenceWithCredentials':
      return 'Länken innehåller användarnamn eller lösenord; ta bort dem innan du lägger till den som underlag.';
    case 'evidenceUrlTooLong':
      return `Länken är ${problem.length} tecken; högst ${problem.max} får plats.`;
    case 'evidenceBadFile':
      return `Filen kan inte läggas till som underlag (${problem.field} saknas eller är ogiltigt).`;
    case 'tooMuchEvidence':
      return `${problem.ref} har redan ${problem.max} underlag; ta bort något innan du lägger till fler.`;
    case 'unknownEvidence':
      return `${problem.ref} har inget underlag nummer ${problem.item}.`;
    case 'unknownVerdict':
      return `Okänd bedömning ${problem.given}; välj en av ${problem.verdicts.join(', ')}.`;
    case 'recommendationRefTaken':
      return `${problem.ref} är redan given åt en annan rekommendation; ta bort "ref" vid "${problem.text}" eller välj ett ledigt nummer.`;
    case 'recommendationHasOtherRef':
      return `Rekommendationen "${problem.text}" har redan ${problem.has}, inte ${problem.ref}.`;
    case 'snoozeNotAfterToday':
      return `Pausen för ${problem.ref} måste gälla till ett datum efter i dag (${problem.today}).`;
    case 'snoozeTooLong':
      return `${problem.ref} kan pausas högst ett år, till ${problem.until} är det ${problem.days} dagar. Behövs mer tid: sätt ett nytt slutdatum.`;
    case 'reasonTooLong':
      return `Motiveringen är ${problem.length} tecken; högst ${problem.max} får plats.`;
    case 'closedNoSnooze':
      return `${problem.ref} är ${problem.status.toLowerCase()}; den har inga påminnelser att pausa.`;
    case 'invalidPolicy': {
      const issues = problem.issues.map((issue) => `${issue.field || 'policyn'}: ${issue.message}`);
      return `Påminnelsepolicyn är ogiltig: ${issues.join('; ')}.`;
    }
    case 'storedPolicyInvalid':
      return `${describeProblem(problem.problem)} Kör "policy reset" eller ändra fältet med "policy set".`;
    case 'storedPolicyNotObject':
      return 'Den sparade påminnelsepolicyn är inte ett objekt; kör "policy reset".';
    case 'settingNotJson':
      return `Inställningen ${problem.key} kan inte sparas som JSON.`;
    case 'settingWithoutJson':
      return `Inställningen ${problem.key} saknar ett värde som kan sparas som JSON.`;
    case 'unknownRole':
      return `Okänd roll ${problem.given}; välj en av ${problem.roles.join(', ')}.`;
    case 'coordinatorNeedsCommittee':
      return 'En samordnare (coordinator) måste ha en nämnd: ange --committee.';
    case 'roleHasNoCommittee':
      return `Rollen ${problem.role} gäller hela organisationen och har ingen nämnd: ta bort --committee.`;
    case 'badPrincipal':
      return `Ange personen som en e-postadress eller ett Entra-objekt-id, inte ${problem.given}.`;
    case 'noConversationId':
      return 'Konversationsreferensen saknar konversations-id.';
    case 'foreignConversation':
      return `Konversationen ${problem.conversationId} hör till en annan klient (tenant).`;
    case 'unknownConversationType':
      return `Okänd konversationstyp ${problem.given}; väntade en av ${problem.types.join(', ')}.`;
    case 'badServiceUrl':
      return `serviceUrl måste vara en absolut http(s)-adress, inte ${problem.given}.`;
    case 'badCardData':
      return `Kortets data är ogiltig (${problem.field}).`;
  }
}
