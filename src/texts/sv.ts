/**
 * The bot's words in Swedish, the municipality's language and the default. See `catalogue.ts` for the rules every
 * text follows (values through parameters, callers escape user text).
 */
import type { DomainProblem } from '../domain/problems';
import type { Catalogue } from './catalogue';

const SV_ROLES: Catalogue['roles'] = {
  admin: 'administratör',
  chair: 'ordförande',
  coordinator: 'samordnare',
  auditor: 'revisor',
};

/** How many committees a message lists before it only counts the rest. */
export const SHOWN_COMMITTEES = 8;

function svProblem(problem: DomainProblem): string {
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
    case 'deadlineInPast':
      return `${problem.date} har redan varit; ett nytt slutdatum för ${problem.ref} kan tidigast vara i dag (${problem.today}). Inget har ändrats.`;
    case 'emptyActionText':
      return 'Åtgärdens text får inte vara tom.';
    case 'actionTextTooLong':
      return `Åtgärdens text är ${problem.length} tecken; högst ${problem.max} får plats.`;
    case 'commentTooLong':
      return `Kommentaren är ${problem.length} tecken; högst ${problem.max} tecken får plats.`;
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
      return `${svProblem(problem.problem)} Kör "policy reset" eller ändra fältet med "policy set".`;
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
    case 'roleNotHeld':
      return roleNotHeld(problem.principal, problem.role, problem.committee);
    case 'badPrincipal':
      return `Ange personen som en e-postadress eller ett Entra-objekt-id, inte ${problem.given}.`;
    case 'principalTooLong':
      return `Personen är angiven med ${problem.length} tecken; en e-postadress eller ett objekt-id har högst ${problem.max}.`;
    case 'committeeTooLong':
      return `Nämndens namn är ${problem.length} tecken; högst ${problem.max} får plats.`;
    case 'unknownCommittee': {
      if (problem.known.length === 0) {
        return `Ingen granskning nämner nämnden "${problem.given}", och ingen granskning är importerad ännu; importera granskningen först.`;
      }
      const more = problem.known.length - SHOWN_COMMITTEES;
      return `Ingen granskning nämner nämnden "${problem.given}". Kända nämnder: ${problem.known.slice(0, SHOWN_COMMITTEES).join(', ')}${more > 0 ? ` och ${more} till` : ''}.`;
    }
    case 'notARecommendationReference':
      return `"${problem.text}" är ingen rekommendationsreferens; skriv till exempel R-3.`;
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
    case 'evidenceAlreadyAttached':
      return `${problem.ref} har redan ${problem.names.length === 1 ? 'underlaget' : 'underlagen'} ${joinList(problem.names, 'och')}, så inget har sparats. Skicka bara det som är nytt.`;
    case 'tooMuchEvidenceAtOnce':
      return `${problem.ref} har ${problem.live} underlag och kan ha högst ${problem.max}, så de ${problem.adding} nya får inte plats. Inget har sparats; ta bort något underlag eller skicka färre.`;
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

function roleNotHeld(principal: string, role: string, committee: string | null): string {
  return `${principal} har inte rollen ${role}${committee === null ? '' : ` för ${committee}`}; inget har ändrats.`;
}

/** In chat a committee is the words after the role, and roles have Swedish names: not the command line's words. */
function svChatProblem(problem: DomainProblem): string {
  switch (problem.kind) {
    case 'coordinatorNeedsCommittee':
      return 'En samordnare måste ha en nämnd: skriv nämnden efter rollen, till exempel `roll lägg till anna.andersson@kommun.se samordnare Sociala omsorgsnämnden`.';
    case 'roleHasNoCommittee':
      return `Rollen ${SV_ROLES[problem.role]} gäller hela organisationen och har ingen nämnd: skriv ingenting efter rollen.`;
    case 'roleNotHeld':
      return roleNotHeld(problem.principal, SV_ROLES[problem.role], problem.committee);
    default:
      return svProblem(problem);
  }
}

/** "ska vara klar 2026-03-31, om 14 dagar." or "är försenad: slutdatumet 2026-03-31 passerades för 8 dagar sedan." */
function dueSentence(due: string, daysLeft: number): string {
  if (daysLeft > 1) return `ska vara klar ${due}, om ${daysLeft} dagar.`;
  if (daysLeft === 1) return `ska vara klar i morgon, ${due}.`;
  if (daysLeft === 0) return `ska vara klar i dag, ${due}.`;
  return `är försenad: slutdatumet ${due} passerades för ${days(-daysLeft)} sedan.`;
}

function whenSuffix(daysLeft: number): string {
  if (daysLeft > 1) return ` (om ${daysLeft} dagar)`;
  if (daysLeft === 1) return ' (i morgon)';
  if (daysLeft === 0) return ' (i dag)';
  return ` (${days(-daysLeft)} sedan)`;
}

function days(count: number): string {
  return count === 1 ? '1 dag' : `${count} dagar`;
}

/** "a", "a och b", "a, b och c": a list in a sentence, with the language's word for "and". */
export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1) ?? ''}`;
}

/** Every text in Swedish. */
export const sv: Catalogue = {
  status: {
    Planerad: 'Planerad',
    Pågår: 'Pågår',
    Genomförd: 'Genomförd',
    Försenad: 'Försenad',
    Avbruten: 'Avbruten',
  },
  roles: SV_ROLES,
  verdicts: {
    Åtgärdad: 'Åtgärdad',
    'Delvis åtgärdad': 'Delvis åtgärdad',
    'Ej åtgärdad': 'Ej åtgärdad',
    'Inte längre aktuell': 'Inte längre aktuell',
  },
  chat: {
    unknown: (mentionedRef) =>
      mentionedRef === null
        ? 'Jag förstod inte riktigt. Skriv till exempel `mina åtgärder`, `A-17 klar protokollet är skickat` eller `försenade`. `hjälp` visar allt jag kan.'
        : `Jag ser att du skriver om ${mentionedRef}, men inte vad du vill göra. Skriv till exempel \`${mentionedRef} klar [kommentar]\`, \`${mentionedRef} pågår\` eller \`visa ${mentionedRef}\`. Jag ändrar inget när det står "inte klar" eller när det gäller flera åtgärder i samma meddelande.`,
    invalid: (problem, detail, ref, maxLength) => {
      const example = ref ?? 'A-17';
      switch (problem) {
        case 'badDate':
          return `${detail ? `"${detail}" kan jag inte använda som datum.` : 'Datumet kan jag inte använda.'} Skriv ett datum som finns i kalendern, som ÅÅÅÅ-MM-DD, till exempel \`${example} nytt datum 2026-03-31 motivering\`. Jag gissar aldrig ett datum.`;
        case 'missingDate':
          return `Det saknas ett datum. Skriv till exempel \`${example} nytt datum 2026-03-31 motivering\`.`;
        case 'badSnoozeDate':
          return `${detail ? `"${detail}" kan jag inte använda som datum.` : 'Datumet kan jag inte använda.'} Skriv ett datum som finns i kalendern, som ÅÅÅÅ-MM-DD, till exempel \`pausa ${example} till 2026-08-15 motivering\`. Jag gissar aldrig ett datum.`;
        case 'missingSnoozeDate':
          return `Det saknas ett datum. Skriv till exempel \`pausa ${example} till 2026-08-15 motivering\`.`;
        case 'missingRoleVerb':
          return 'Så här ger eller tar du tillbaka en roll: `roll lägg till anna.andersson@kommun.se samordnare Sociala omsorgsnämnden` (admin, ordförande och revisor utan nämnd) och `roll ta bort anna.andersson@kommun.se samordnare Sociala omsorgsnämnden`.';
        case 'badReference':
          return `${detail ? `"${detail}"` : 'Det'} är ingen åtgärdsreferens. En referens ser ut som A-17 och står på varje kort; \`mina åtgärder\` visar dina.`;
        case 'badRole':
          return `${detail ? `"${detail}" är ingen roll jag känner till.` : 'Rollen saknas.'} Välj admin, ordförande, samordnare eller revisor, till exempel \`roll lägg till anna.andersson@kommun.se samordnare Sociala omsorgsnämnden\`.`;
        case 'missingPrincipal':
          return `${detail ? `"${detail}" är varken en e-postadress eller ett objekt-id.` : 'Det saknas vem rollen gäller.'} Skriv till exempel \`roll lägg till anna.andersson@kommun.se ordförande\`.`;
        case 'missingNote':
          return `Det saknas en kommentar. Skriv till exempel \`${example} kommentar upphandlingen är försenad\`.`;
        case 'missingDiaryNumber':
          return 'Det saknas ett diarienummer. Skriv till exempel `uppföljning SON 2022-00030`.';
        case 'tooLong':
          return `Meddelandet är för långt${detail ? ` (${detail} tecken)` : ''}; jag läser högst ${maxLength} tecken. Skriv kommandot i ett kortare meddelande, till exempel \`A-17 klar kort kommentar\`.`;
      }
    },
    noActions: () => 'Du har inga öppna åtgärder just nu. 🎉',
    saved: (ref, statusLabel) => `Sparat: ${ref} har nu status ${statusLabel}.`,
    dateChanged: (ref, date) => `Sparat: ${ref} har nytt slutdatum ${date}.`,
    notFound: (ref) =>
      `Jag hittar ingen åtgärd ${ref}. Kontrollera referensen på kortet; \`mina åtgärder\` visar dina.`,
    gone: () =>
      'Det du frågade efter finns inte längre, så inget har ändrats. `mina åtgärder` visar dina åtgärder.',
    severalActions: (refs) =>
      `Meddelandet nämner flera åtgärder (${refs.join(', ')}), och jag tar en i taget, så inget har ändrats. Skriv ett meddelande per åtgärd, till exempel \`${refs[0] ?? 'A-17'} klar\`.`,
    thanks: () => 'Varsågod! Skriv `hjälp` om du vill se vad jag kan.',
    notAllowed: (ref) =>
      `Du har inte behörighet till ${ref}. Ansvarig, nämndens samordnare och administratörer kommer åt den; fråga någon av dem om något behöver ändras.`,
    staleCard: (ref) => `Någon ändrade ${ref} medan kortet var öppet; här är det aktuella.`,
    conflict: (ref) =>
      `Någon annan ändrade ${ref} samtidigt, så din ändring sparades inte. Här är det aktuella kortet; gör om ändringen om den fortfarande behövs.`,
    confirmMatch: (ref, text, statusLabel) => `Menar du ${ref} "${text}"? Ska den få status ${statusLabel}?`,
    noMatch: () =>
      'Jag hittade ingen av dina öppna åtgärder som passar. Skriv referensen, till exempel `A-17 klar`; `mina åtgärder` visar dina.',
    nothingChanged: () => 'Okej, inget har ändrats.',
    unknownButton: () =>
      'Den knappen känner jag inte igen; kortet kan vara från en äldre version. Skriv `mina åtgärder` för aktuella kort.',
    shown: (ref) => `${ref} visas i ett nytt meddelande.`,
    storageDown: () => 'Jag kommer inte åt lagringen just nu. Försök igen om en stund; inget har sparats.',
    storageTimeout: () =>
      'Lagringen svarade inte i tid. Om du ändrade något kan det ändå ha sparats: titta efter med `visa A-17` (med rätt nummer) innan du försöker igen.',
    unexpected: () =>
      'Något gick fel hos mig. Försök igen om en stund; händer det igen, kontakta den som administrerar boten.',
    alreadyHandled: () => 'Det här har jag redan tagit emot. Skriv `mina åtgärder` för aktuella kort.',
    tenantNotAllowed: () => 'Den här boten är inte öppen för din organisation.',
    unknownUser: () =>
      'Jag kan inte se vem du är (ditt konto saknar ett Entra-id), så jag kan inte visa eller ändra något.',
    welcomePersonal: () =>
      'Hej! Jag följer upp revisionens rekommendationer: jag påminner om dina åtgärder och tar emot lägesrapporter. Skriv `mina åtgärder` för att se dina eller `hjälp` för allt jag kan.',
    welcomeTeam: () =>
      'Hej allihop! Jag följer upp revisionens rekommendationer. Skriv @ och mitt namn och sedan kommandot, till exempel `försenade`. En administratör kan skriva `digest här` för att få veckans sammanfattning i den här kanalen.',
    digestChannelSet: () => 'Klart: veckans sammanfattning kommer i den här kanalen från och med nu.',
    digestOnlyInChannel: () =>
      '`digest här` fungerar bara i en kanal i ett team. Skriv det i den kanal som ska få sammanfattningen.',
    roleAdded: (principal, role, committee) =>
      `${principal} har nu rollen ${SV_ROLES[role]}${committee ? ` för ${committee}` : ''}.`,
    roleRemoved: (principal, role, committee) =>
      `${principal} har inte längre rollen ${SV_ROLES[role]}${committee ? ` för ${committee}` : ''}.`,
    onlyAdmin: () => 'Det kan bara en administratör göra.',
    readOnly: () =>
      'Det kan du inte göra med din behörighet. Ordförande, samordnare och administratörer ser mer; `mina åtgärder` visar dina egna.',
    snoozed: (ref, until) => `Påminnelserna för ${ref} är pausade till och med ${until}.`,
    trimmed: (shown, total) =>
      `Visar ${shown} av ${total}; resten får inte plats i ett meddelande. \`försenade\` och \`mina åtgärder\` visar kortare listor.`,
    importNotAllowed: () =>
      'Bara administratörer och samordnare kan importera revisionsrapporter och svar. Inget har sparats.',
    importOtherCommittee: (committees, own) =>
      `Du kan bara importera för nämnder du samordnar (${own}), och utkastet gäller också ${committees}. Rätta nämnderna i utkastet eller be en administratör importera det. Inget har sparats.`,
    importAddressRefused: (fileName, host, reason) =>
      `Jag hämtar inte ${fileName}: ${
        {
          scheme: 'jag hämtar bara filer över https',
          credentials: 'adressen innehåller användarnamn eller lösenord',
          ipLiteral: `adressen är en IP-adress (${host}), inte en SharePoint- eller OneDrive-adress`,
          host: `${host} är inte en SharePoint- eller OneDrive-adress som jag hämtar filer från`,
          internalAddress: `${host} pekar på en intern adress`,
        }[reason]
      }. Bifoga filen direkt i chatten med mig, så hämtar jag den från SharePoint. Inget har sparats.`,
    importTooComplex: (fileName) =>
      `Dokumentet är för stort eller för komplicerat för att läsas: jag gav upp ${fileName}. Dela upp det eller ` +
      'spara det som en enklare .docx eller .txt och skicka det igen. Inget har sparats.',
    importBadFile: (fileName) =>
      `Jag kan inte läsa ${fileName}. Skicka nämndens svar som .docx, .txt eller .md. Inget har sparats.`,
    importDownloadFailed: (fileName) =>
      `Jag kunde inte hämta ${fileName}. Försök skicka filen igen om en stund. Inget har sparats.`,
    importTooLarge: (fileName, maxMegabytes) =>
      `${fileName} är för stor; jag läser filer på högst ${maxMegabytes} MB. Inget har sparats.`,
    importNoDraft: (detail) => `Jag kunde inte göra ett utkast av filen: ${detail}. Inget har sparats.`,
    importDraftTooLarge: () =>
      'Utkastet blev för stort för ett kort i Teams. Be en administratör importera filen med kommandoraden. Inget har sparats.',
    importInvalid: (detail) =>
      `Utkastet kan inte sparas: ${detail}. Rätta fältet och tryck Spara igen. Inget har sparats.`,
    importCancelled: () => 'Okej, importen är avbruten. Inget har sparats.',
  },
  commands: {
    role: {
      usage: 'roll lägg till anna.andersson@kommun.se samordnare Sociala omsorgsnämnden',
      description:
        'ge någon rollen admin, ordförande, samordnare (med nämnd) eller revisor; `roll ta bort …` tar tillbaka den',
    },
    snooze: {
      usage: 'pausa A-17 till 2026-08-15 [motivering]',
      description: 'pausa påminnelserna för en åtgärd till och med ett datum',
    },
    newDate: {
      usage: 'A-17 nytt datum 2026-03-31 [motivering]',
      description: 'flytta slutdatumet, med motivering',
      menu: {
        title: 'A-17 nytt datum ÅÅÅÅ-MM-DD',
        description: 'Begär nytt slutdatum för en åtgärd, med en motivering efter datumet',
      },
    },
    done: {
      usage: 'A-17 klar [kommentar]',
      description: 'markera en åtgärd som genomförd, med en kommentar om du vill',
      menu: {
        title: 'A-17 klar',
        description: 'Rapportera att en åtgärd är genomförd, gärna med en kommentar efter',
      },
    },
    inProgress: {
      usage: 'A-17 pågår [kommentar]',
      description: 'rapportera att arbetet pågår',
      menu: {
        title: 'A-17 pågår',
        description: 'Rapportera att arbetet med en åtgärd pågår, gärna med en kommentar efter',
      },
    },
    show: {
      usage: 'visa A-17',
      description: 'en åtgärd med hela dess historik',
      menu: {
        title: 'visa A-17',
        description: 'Visa en åtgärd med hela historiken (skriv åtgärdens referens i stället för A-17)',
      },
    },
    digestHere: {
      usage: 'digest här',
      description: 'veckans sammanfattning i den här kanalen',
      menu: {
        title: 'digest här',
        description: 'Posta veckosammanfattningen i den här kanalen från och med nu',
      },
    },
    overdue: {
      usage: 'försenade',
      description: 'åtgärder som har passerat sitt slutdatum',
      menu: { title: 'försenade', description: 'Visa försenade åtgärder som du har rätt att se' },
    },
    myActions: {
      usage: 'mina åtgärder',
      description: 'dina öppna åtgärder',
      menu: { title: 'mina åtgärder', description: 'Visa dina öppna åtgärder' },
    },
    summary: {
      usage: 'sammanställning',
      description: 'läget per nämnd, för kommunstyrelsen',
      menu: {
        title: 'sammanställning',
        description: 'Visa läget för alla åtgärder, som underlag till kommunstyrelsen',
      },
    },
    help: {
      usage: 'hjälp',
      description: 'visar allt jag kan',
      menu: { title: 'hjälp', description: 'Visa vad boten kan och hur du skriver till den' },
    },
    unreachable: {
      usage: 'oåtkomliga',
      description: 'ägare som boten inte når, och varför',
    },
    note: {
      usage: 'A-17 kommentar <text>',
      description: 'en kommentar om hur arbetet går, utan att ändra status',
      menu: {
        title: 'A-17 kommentar <text>',
        description: 'Skriv hur arbetet med en åtgärd går; statusen ändras inte',
      },
    },
    evidence: {
      usage: 'A-17 underlag <https-länk> [beskrivning]',
      description:
        'lägg till underlag: en https-länk, eller en fil som du skickar med texten `A-17 underlag`',
      menu: {
        title: 'A-17 underlag <https-länk>',
        description:
          'Lägg till underlag till en åtgärd: en https-länk, eller skicka en fil med texten A-17 underlag',
      },
    },
    showRecommendation: {
      usage: 'visa R-3',
      description: 'en rekommendation med dess åtgärder, underlag och bedömningar',
    },
    verdict: {
      usage: 'R-3 delvis åtgärdad [kommentar]',
      description: 'revisorernas bedömning: åtgärdad, delvis åtgärdad, ej åtgärdad eller inaktuell',
    },
    toReview: {
      usage: 'att granska',
      description: 'rekommendationer som väntar på revisorernas bedömning',
      menu: {
        title: 'att granska',
        description:
          'Visa rekommendationer som väntar på revisorernas bedömning (revisorer, ordförande, admin)',
      },
    },
    outbox: {
      usage: 'utkorg',
      description: 'meddelanden som boten inte vet om de kom fram, med knappar för att avgöra dem',
    },
    boardReportFile: {
      usage: 'rapport',
      description: 'styrelserapporten som fil här i vår chatt',
    },
    reviewPackFile: {
      usage: 'uppföljning SON 2022-00030',
      description: 'underlaget för uppföljande granskning av en granskning, som fil här i vår chatt',
    },
  },
  help: {
    heading: '**Det här kan du skriva till mig**',
    teamOnly: 'i en kanal',
    adminOnly: 'för administratörer',
    auditorOnly: 'för revisorer',
    reviewersOnly: 'för revisorer, ordförande och administratörer',
    boardOnly: 'för ordförande och administratörer',
    coordinatorsOnly: 'för administratörer, och för samordnare om deras nämnder',
    footer:
      'Referensen står på varje kort, till exempel A-17; a17 går också bra. Du kan skriva med egna ord, som "klar med A-17: protokollet är skickat". Datum skriver du som ÅÅÅÅ-MM-DD. I English works too.',
  },
  lists: {
    myActionsTitle: 'Mina öppna åtgärder',
    overdueTitle: (count) => `Försenade åtgärder (${count})`,
    nothingOverdue: 'Inget är försenat. 🎉',
    byCommandLine: 'Kommandoraden',
    byBot: 'Boten',
    created: 'Skapad',
    statusChange: 'Status',
    dateChange: 'Nytt datum',
    note: 'Kommentar',
    evidenceAdded: 'Underlag tillagt',
    evidenceRemoved: 'Underlag borttaget',
  },
  cards: {
    action: {
      audit: 'Granskning',
      recommendation: 'Rekommendation',
      action: 'Åtgärd',
      committee: 'Nämnd',
      owner: 'Ansvarig',
      due: 'Slutdatum',
      original: 'Ursprungligt',
      lastComment: 'Senaste kommentar',
      commentPlaceholder: 'Kommentar (valfritt)',
      newDate: 'Nytt datum',
      newDateLabel: 'Nytt slutdatum',
      reasonLabel: 'Motivering',
      reasonPlaceholder: 'Varför flyttas datumet?',
      newDateMissing: 'Välj ett datum.',
      reasonMissing: 'Skriv varför datumet flyttas.',
      saveDate: 'Spara nytt datum',
      addEvidence: 'Underlag',
      evidenceUrlLabel: 'Länk till underlaget (https)',
      evidenceUrlPlaceholder: 'https://kommun.se/protokoll.pdf',
      evidenceUrlMissing: 'Skriv en https-länk.',
      evidenceDescriptionLabel: 'Beskrivning',
      evidenceDescriptionPlaceholder: 'Till exempel: protokoll från nämndens sammanträde (valfritt)',
      saveEvidence: 'Spara underlag',
      history: 'Historik',
    },
    list: { show: 'Visa' },
    summary: {
      title: 'Sammanställning per nämnd',
      asOf: 'Läge per',
      committee: 'Nämnd',
      total: 'Totalt',
      shareDone: 'Andel genomförda',
      allCommittees: 'Alla nämnder',
      noRows: 'Det finns inga åtgärder ännu.',
    },
    history: {
      title: 'Historik',
      originalDue: 'Ursprungligt slutdatum',
      currentDue: 'Nuvarande slutdatum',
      noEvents: 'Ingen historik ännu.',
    },
    confirm: { newStatus: 'Ny status', comment: 'Kommentar', yes: 'Ja', no: 'Nej' },
    welcome: {
      title: 'Hej! Jag följer upp revisionens rekommendationer.',
      intro:
        'Jag påminner om åtgärder som nämnderna har lovat efter revisorernas granskningar, tar emot lägesrapporter och visar vad som är försenat. Skriv med egna ord eller använd kommandona nedan.',
      commandsHeading: 'Det här kan du skriva',
      referenceHint: 'Varje åtgärd har en referens, till exempel A-17. Stora eller små bokstäver går bra.',
      cardsHint: 'På korten kan du också rapportera med knapparna.',
      teamHint: 'I en kanal: skriv @ och mitt namn först, sedan kommandot.',
    },
    noOwner: 'Ingen ansvarig angiven',
    dateMissing: 'Datum saknas – sätt ett datum',
    noDate: 'datum saknas',
    days: (count) => (count === 1 ? '1 dag' : `${count} dagar`),
    moved: (count) => (count === 1 ? 'flyttat 1 gång' : `flyttat ${count} gånger`),
    more: (count) => `… och ${count} till`,
    moreRows: (count) => `… och ${count} nämnder till`,
    earlierEvents: (count) => `… ${count} tidigare händelser visas inte`,
  },
  drafts: {
    draft: {
      heading: 'Utkast till import',
      title: 'Granskningens titel',
      diaryNumber: 'Diarienummer',
      auditor: 'Revisor',
      reportDate: 'Rapportdatum',
      datePlaceholder: 'ÅÅÅÅ-MM-DD',
      committees: 'Nämnder (en per rad)',
      required: 'Fältet behövs',
      warnings: 'Att kontrollera',
      save: 'Spara',
      cancel: 'Avbryt',
    },
    imported: { heading: 'Importen är sparad' },
    intro: (fileName) =>
      `Läst ur ${fileName}. Rätta granskningens uppgifter och tryck Spara; inget sparas förrän dess.`,
    counts: (recommendations, actions) =>
      `${recommendations} ${recommendations === 1 ? 'rekommendation' : 'rekommendationer'}, ${actions} ${actions === 1 ? 'åtgärd' : 'åtgärder'}`,
    confidence: (percent, level) =>
      level === 'high'
        ? `säkerhet hög (${percent})`
        : level === 'medium'
          ? `säkerhet medel (${percent})`
          : `säkerhet låg (${percent}) – kontrollera`,
    created: (count) => `${count} ${count === 1 ? 'ny åtgärd sparades' : 'nya åtgärder sparades'}:`,
    nothingNew: 'Inget nytt sparades: granskningen och alla åtgärder fanns redan.',
    existing: (count) =>
      `${count} ${count === 1 ? 'åtgärd fanns' : 'åtgärder fanns'} redan och ändrades inte.`,
    moreWarnings: (count) => `… och ${count} till`,
  },
  problem: svProblem,
  chatProblem: svChatProblem,
  reminders: {
    owner: ({ ref, due, daysLeft, afterSnooze }) => {
      if (due === null) {
        return (
          `Påminnelse: ${ref} saknar slutdatum. Sätt ett datum med knappen Nytt datum på kortet, eller skriv ` +
          `"${ref} nytt datum ÅÅÅÅ-MM-DD".`
        );
      }
      const ended = afterSnooze ? `Pausen för ${ref} är slut. ` : '';
      const pause = `Svara med knapparna på kortet, eller skriv "pausa ${ref} till ÅÅÅÅ-MM-DD" för att pausa påminnelserna.`;
      return `${ended}Påminnelse: ${ref} ${dueSentence(due, daysLeft)} ${pause}`;
    },
    escalation: ({ ref, due, daysLeft, committee, owner }) =>
      `Eskalering: ${ref} (${committee}, ${owner === null ? 'ingen ansvarig angiven' : `ansvarig ${owner}`}) ` +
      `${dueSentence(due, daysLeft)} Åtgärden är fortfarande inte klar.`,
    responseDue: ({ committee, title, due, daysLeft }) =>
      `Påminnelse: ${committee} ska svara på granskningen "${title}" senast ${due}${whenSuffix(daysLeft)}.`,
    boardFeedback: ({ committee, title, due, daysLeft }) =>
      `Påminnelse: ${committee} ska återrapportera till kommunstyrelsen om granskningen "${title}" ` +
      `senast ${due}${whenSuffix(daysLeft)}.`,
  },
  digest: {
    heading: (week, from, to) => `**Veckosammanfattning, vecka ${week}** (${from} – ${to})`,
    summary: 'Veckosammanfattning',
    noOwner: 'ingen ansvarig',
    moreLines: (count) => `… och ${count} rader till`,
    newActions: 'Nya åtgärder',
    noNewActions: 'Inga nya åtgärder.',
    done: 'Genomförda',
    noneDone: 'Inga åtgärder blev klara.',
    dueWithin: (count) => `Slutdatum inom ${count} dagar`,
    noneDueSoon: 'Inga åtgärder har slutdatum de närmaste två veckorna.',
    overdueByCommittee: 'Försenade per nämnd',
    noneOverdue: 'Inga åtgärder är försenade.',
    overdueLine: (due, count) => `slutdatum ${due}, ${days(count)} sedan`,
    dueOn: (due) => `slutdatum ${due}`,
    deadlineChanges: 'Ändrade slutdatum',
    noDate: 'inget datum',
    noDeadlineChanges: 'Inga slutdatum har flyttats.',
    notes: 'Senaste kommentarer',
    noNotes: 'Inga nya kommentarer i veckan.',
    toReview: 'Redo för granskning',
    noneToReview: 'Inga rekommendationer väntar på revisorernas granskning.',
    unreachable: 'Kunde inte nås',
    deliveryUncertain: 'oklart om påminnelsen kom fram, kontrollera',
    deliveryFailed: 'påminnelsen kunde inte levereras',
    deliveryCause: ({ reason }) => reason,
    allDelivered: 'Alla påminnelser kom fram.',
  },
  reminderBatch: {
    summary: ({ count, overdue, exampleRef, page, pages }) =>
      `Du har ${count} påminnelser i dag` +
      (overdue > 0 ? `, varav ${overdue} om försenade åtgärder` : '') +
      (pages > 1 ? ` (del ${page} av ${pages})` : '') +
      '.' +
      (exampleRef === null
        ? ''
        : ` Öppna en åtgärd med Visa på kortet, eller skriv till exempel "visa ${exampleRef}".`),
    title: (today) => `Påminnelser ${today}`,
    page: (page, pages) => `Del ${page} av ${pages}`,
    own: 'Dina åtgärder',
    escalated: 'Försenade åtgärder som eskalerats till dig',
    committeeDates: 'Nämndernas datum',
    ownNote: ({ due, daysLeft, afterSnooze }) => {
      const when =
        due === null
          ? 'saknar slutdatum'
          : daysLeft > 1
            ? `om ${daysLeft} dagar`
            : daysLeft === 1
              ? 'i morgon'
              : daysLeft === 0
                ? 'i dag'
                : '';
      return [afterSnooze ? 'pausen är slut' : '', when].filter((part) => part !== '').join(', ');
    },
    escalatedNote: ({ committee, owner }) =>
      `${committee}, ${owner === null ? 'ingen ansvarig angiven' : `ansvarig ${owner}`}, inte klar efter slutdatumet`,
    responseDueNote: ({ committee, due, daysLeft }) =>
      `${committee} ska svara senast ${due}${whenSuffix(daysLeft)}`,
    boardFeedbackNote: ({ committee, due, daysLeft }) =>
      `${committee} ska återrapportera till kommunstyrelsen senast ${due}${whenSuffix(daysLeft)}`,
  },
  reach: {
    title: 'Ägare som boten inte når',
    none: 'Boten når alla ägare till öppna åtgärder.',
    count: (owners, actions) =>
      `${owners === 1 ? '1 ägare' : `${owners} ägare`} med ` +
      `${actions === 1 ? '1 öppen åtgärd' : `${actions} öppna åtgärder`} får inga påminnelser.`,
    owner: ({ owner, refs, why }) => `${owner} (${refs}): ${why}`,
    noTeamsUser: 'ingen Teams-användare som boten har träffat har den e-postadressen',
    graphRefused: (code) =>
      code === 'GraphForbidden'
        ? 'installationen via Microsoft Graph nekades: boten saknar behörighet. En administratör i Entra ID ger botens ' +
          'identitet programbehörigheterna TeamsAppInstallation.ReadWriteForUser.All och User.Read.All i Microsoft Graph'
        : 'installationen via Microsoft Graph nekades: ingen användare i kommunens katalog har den e-postadressen. ' +
          'Rätta ägarens adress',
    chatInactive: (since, code) =>
      `chatten med boten fungerar inte sedan ${since}` + (code === null ? '' : ` (${code})`),
    whatToDo:
      'Be dem installera appen i Teams eller skriva till boten en gång. Den som driftar boten kan också låta den ' +
      'installera appen åt dem via Microsoft Graph: slå på Graph-installationen i botens inställningar och ge botens ' +
      'identitet behörigheterna TeamsAppInstallation.ReadWriteForUser.All och User.Read.All.',
    notAllowed: 'Listan över ägare som boten inte når är för administratörer och samordnare.',
  },
  followUp: {
    noteSaved: (ref) => `Sparat: kommentaren till ${ref}. Statusen är oförändrad.`,
    evidenceSaved: (ref, what) => `Sparat: underlaget ${what} till ${ref}.`,
    evidenceMissing: (ref) =>
      `Det saknas en länk. Skriv till exempel \`${ref} underlag https://kommun.se/protokoll.pdf protokoll\`, eller skicka en fil med texten \`${ref} underlag\` här i vår chatt.`,
    evidenceLinkMissing: (ref) =>
      `Skriv en https-länk i fältet för underlaget till ${ref}, till exempel https://kommun.se/protokoll.pdf. Inget har sparats.`,
    auditorReadsOnly: (ref) =>
      `Revisorer läser åtgärder men ändrar dem aldrig, så ${ref} har inte ändrats. Kommentarer och underlag lämnas av ansvarig eller nämndens samordnare.`,
    recommendationNotFound: (ref) =>
      `Jag hittar ingen rekommendation ${ref}. Referensen står på rekommendationens kort och i granskningsunderlaget.`,
    verdictSaved: (ref, verdict) => `Sparat: bedömningen ${verdict} för ${ref}.`,
    onlyAuditors: () =>
      'Bara revisorer lämnar bedömningar av rekommendationer, så inget har sparats. Nämndens åtgärder rapporterar du med till exempel `A-17 klar`.',
    verdictStale: (ref) =>
      `En annan bedömning av ${ref} sparades medan kortet var öppet; här är det aktuella.`,
    verdictConflict: (ref) =>
      `Någon annan sparade en bedömning av ${ref} samtidigt, så din sparades inte. Här är det aktuella kortet.`,
    onlyReviewers: () =>
      'Listan över vad som väntar på granskning är för revisorer, ordförande och administratörer. `mina åtgärder` visar dina åtgärder.',
    reviewPackNotAllowed: () =>
      'Underlaget för uppföljande granskning är för revisorer, ordförande och administratörer. `mina åtgärder` visar dina åtgärder.',
    toReviewHeading: (count) => `**Att granska (${count})**`,
    toReviewNone: () => 'Inga rekommendationer väntar på granskning just nu.',
    toReviewReady: () => 'alla åtgärder är avslutade',
    toReviewChanged: (verdict, date) => `en åtgärd har ändrats efter bedömningen ${verdict} (${date})`,
    toReviewMore: (count) => `… och ${count} till.`,
    toReviewHint: (ref) => `Skriv \`visa ${ref}\` för att se en rekommendation och lämna en bedömning.`,
    onlyBoard: () =>
      'Styrelserapporten är för ordförande och administratörer. `sammanställning` visar läget för dina nämnder.',
    filePersonalOnly: () =>
      'Filer skickar jag bara i personlig chatt. Skriv samma kommando till mig där, så kommer filen.',
    filePersonalTitle: 'Filen kommer i personlig chatt',
    boardReportDescription: (asOf) => `Återrapportering till kommunstyrelsen, läget ${asOf}`,
    fileDeclined: () =>
      'Okej, jag skickar ingen fil. Inget har ändrats; skriv kommandot igen om du vill ha den.',
    fileUploadFailed: () =>
      'Filen kunde inte laddas upp till din OneDrive just nu. Inget har ändrats; skriv kommandot igen om en stund.',
    auditNotFound: (query, known, more) =>
      `Ingen granskning har diarienumret, id:t eller titeln "${query}". Jag jämför diarienumret utan hänsyn till ` +
      'versaler, mellanslag och bindestreck, och titeln utan hänsyn till versaler. Skriv `uppföljning` följt av ' +
      'diarienumret, id:t eller hela titeln, till exempel `uppföljning SON 2022-00030`.' +
      (known.length === 0
        ? ' Ingen granskning är importerad ännu.'
        : `\n\nGranskningar:\n${known.map((line) => `- ${line}`).join('\n')}` +
          (more > 0 ? `\n- … och ${more} till` : '')),
    fileAuditGone: () =>
      'Granskningen finns inte längre, så ingen fil har laddats upp. Skriv `uppföljning` och diarienumret igen om du vill ha underlaget.',
    reviewPackDescription: (title, asOf) => `Underlag för uppföljande granskning: ${title}, läget ${asOf}`,
    recommendationCard: {
      title: 'Rekommendation',
      audit: 'Granskning',
      committees: 'Nämnder',
      latestVerdict: 'Senaste bedömning',
      noVerdict: 'Ingen bedömning än',
      actions: 'Åtgärder',
      noActions: 'Inga åtgärder är registrerade.',
      evidence: 'Underlag',
      notes: 'Kommentarer',
      verdicts: 'Bedömningar',
      noVerdicts: 'Inga bedömningar än.',
      judge: 'Din bedömning',
      commentLabel: 'Kommentar till bedömningen',
      commentPlaceholder: 'Valfri kommentar',
      due: 'slutdatum',
    },
    evidenceLine: (what, description) => `Underlag: ${what}${description ? ` – ${description}` : ''}`,
    evidenceSavedMany: (ref, names) =>
      `Sparat: ${names.length} underlag till ${ref}: ${joinList(names, 'och')}.`,
    filesNotKept: (names, ref) =>
      names.length === 1
        ? `Den bifogade filen ${names.join('')} har inte sparats. Ska den bli underlag, skicka den igen med texten \`${ref ?? 'A-17'} underlag\`.`
        : `De bifogade filerna ${joinList(names, 'och')} har inte sparats. Ska de bli underlag, skicka dem igen med texten \`${ref ?? 'A-17'} underlag\`.`,
    auditAmbiguous: (query, matches) =>
      `${matches.length} granskningar passar "${query}", så jag har inte skickat någon fil. Skriv kommandot för den du vill ha:\n` +
      matches.map((line) => `- ${line}`).join('\n'),
    auditChoice: (title, diaryNumber, reportDate, id) =>
      `${title} (${diaryNumber ?? 'inget diarienummer'}, rapport ${reportDate}): \`uppföljning ${id}\``,
  },
  outbox: {
    title: (count) => (count === 0 ? 'Utkorgen' : `Utkorgen: oklar leverans (${count})`),
    intro:
      'Boten vet inte om de här meddelandena kom fram. Se efter i Teams hos mottagaren och välj Levererat (inget skickas) eller Skicka igen (skickas vid nästa påminnelsekörning, om det fortfarande är aktuellt).',
    empty: 'Inga meddelanden har oklar leverans. Utkorgen är i ordning.',
    delivered: 'Levererat',
    resend: 'Skicka igen',
    more: (count) => `… och ${count} till; de visas när de första är avgjorda.`,
    kinds: {
      reminder: 'Påminnelse',
      escalation: 'Eskalering',
      responseDue: 'Svar senast',
      boardFeedback: 'Återrapportering',
      digest: 'Veckosammanfattning',
    },
    detail: ({ id, when, why }) => `Id ${id}, senast ändrat ${when}: ${why}`,
    uncertainBecause: ({ code, interrupted, reason }) =>
      [interrupted ? null : code, reason].filter(Boolean).join(': ') || 'okänd orsak',
    settledDelivered: (what) => `Markerat som levererat: ${what}. Inget skickades.`,
    settledResend: (what) =>
      `${what} skickas igen vid nästa påminnelsekörning, om det fortfarande är aktuellt.`,
    alreadySettled: (what, state) =>
      `Någon annan har redan avgjort ${what}: ` +
      (state === 'delivered'
        ? 'det är markerat som levererat.'
        : state === 'resend'
          ? 'det skickas igen.'
          : 'det ska inte längre kontrolleras.') +
      ' Inget har ändrats nu; här är utkorgen som den är.',
    gone: () =>
      'Meddelandet finns inte längre i utkorgen, så inget har ändrats. Här är utkorgen som den är nu.',
    digestResend: (what) =>
      `${what} skickas inte om härifrån. Markera den som levererad; en ny veckosammanfattning postas med \`npm run cli -- digest\`.`,
  },
};
