/**
 * The bot's words in English, for users whose Teams client is set to English. Typed as the same {@link Catalogue}
 * as the Swedish, so a missing English text fails the build.
 */
import type { DomainProblem } from '../domain/problems';
import type { Status } from '../domain/types';
import type { Catalogue } from './catalogue';
import { joinList, SHOWN_COMMITTEES } from './sv';

const EN_VERDICTS: Catalogue['verdicts'] = {
  Åtgärdad: 'Implemented',
  'Delvis åtgärdad': 'Partly implemented',
  'Ej åtgärdad': 'Not implemented',
  'Inte längre aktuell': 'No longer relevant',
};

const EN_ROLES: Catalogue['roles'] = {
  admin: 'admin',
  chair: 'chair',
  coordinator: 'coordinator',
  auditor: 'auditor',
};

const EN_STATUS: Catalogue['status'] = {
  Planerad: 'Planned',
  Pågår: 'In progress',
  Genomförd: 'Done',
  Försenad: 'Overdue',
  Avbruten: 'Cancelled',
};

function lowerStatus(status: Status): string {
  return EN_STATUS[status].toLowerCase();
}

function enProblem(problem: DomainProblem): string {
  switch (problem.kind) {
    case 'notADate':
      return `"${problem.text}" is not a date; write it as YYYY-MM-DD, for example 2026-03-31.`;
    case 'dateNotInCalendar':
      return `${problem.date} is not in the calendar. Write a date that exists, as YYYY-MM-DD.`;
    case 'notACalendarDate':
      return `${problem.date} is not a date.`;
    case 'unknownTimeZone':
      return `Unknown time zone: ${problem.timeZone}`;
    case 'invalidLocalTime':
      return `${problem.date} ${problem.time} is not a valid time in ${problem.timeZone}.`;
    case 'noWorkingDay':
      return `There is no working day within a year after ${problem.date}; check the break in the reminder policy.`;
    case 'notAReference':
      return `"${problem.text}" is not an action reference; write one like A-17.`;
    case 'sameStatus':
      return `${problem.ref} is already ${EN_STATUS[problem.status]}; nothing was changed.`;
    case 'cancelNeedsReason':
      return `Please give a reason for cancelling ${problem.ref}.`;
    case 'reopenNeedsReason':
      return `${problem.ref} is ${lowerStatus(problem.status)}; please give a reason for reopening it.`;
    case 'closedNoNewDate':
      return `${problem.ref} is ${lowerStatus(problem.status)}; reopen it before you change its date.`;
    case 'sameDeadline':
      return `${problem.ref} already has the due date ${problem.date}.`;
    case 'deadlineInPast':
      return `${problem.date} has passed; a new due date for ${problem.ref} can be today (${problem.today}) at the earliest. Nothing was changed.`;
    case 'emptyActionText':
      return "The action's text must not be empty.";
    case 'actionTextTooLong':
      return `The action's text is ${problem.length} characters long; at most ${problem.max} fit.`;
    case 'commentTooLong':
      return `The comment is ${problem.length} characters long; at most ${problem.max} characters fit.`;
    case 'snoozeNotAfterToday':
      return `The pause for ${problem.ref} must last until a date after today (${problem.today}).`;
    case 'snoozeTooLong':
      return `${problem.ref} can be paused for at most a year, and until ${problem.until} is ${problem.days} days. If more time is needed, set a new due date.`;
    case 'reasonTooLong':
      return `The reason is ${problem.length} characters long; at most ${problem.max} fit.`;
    case 'closedNoSnooze':
      return `${problem.ref} is ${lowerStatus(problem.status)}; it has no reminders to pause.`;
    case 'invalidPolicy': {
      // The schema's own issue texts are Swedish: English names only the fields to check.
      const fields = problem.issues.map((issue) => issue.field || 'the policy as a whole');
      return `The reminder policy is not valid; check ${[...new Set(fields)].join(', ')}.`;
    }
    case 'storedPolicyInvalid':
      return `${enProblem(problem.problem)} Run "policy reset" or change the field with "policy set".`;
    case 'storedPolicyNotObject':
      return 'The stored reminder policy is not an object; run "policy reset".';
    case 'settingNotJson':
      return `The setting ${problem.key} cannot be saved as JSON.`;
    case 'settingWithoutJson':
      return `The setting ${problem.key} has no value that can be saved as JSON.`;
    case 'unknownRole':
      return `Unknown role ${problem.given}; choose one of ${problem.roles.join(', ')}.`;
    case 'coordinatorNeedsCommittee':
      return 'A coordinator needs a committee: name it after the role, for example `role add anna.andersson@kommun.se coordinator Social Services Committee`.';
    case 'roleHasNoCommittee':
      return `The role ${problem.role} covers the whole organisation and has no committee: leave the committee out.`;
    case 'roleNotHeld':
      return `Nothing was changed: ${problem.principal} does not have the role ${problem.role}${problem.committee === null ? '' : ` for ${problem.committee}`}.`;
    case 'badPrincipal':
      return `Give the person as an e-mail address or an Entra object id, not ${problem.given}.`;
    case 'principalTooLong':
      return `The person is given in ${problem.length} characters; an e-mail address or object id has at most ${problem.max}.`;
    case 'committeeTooLong':
      return `The committee's name is ${problem.length} characters long; at most ${problem.max} fit.`;
    case 'unknownCommittee': {
      if (problem.known.length === 0) {
        return `No audit names the committee "${problem.given}", and no audit has been imported yet; import the audit first.`;
      }
      const more = problem.known.length - SHOWN_COMMITTEES;
      return `No audit names the committee "${problem.given}". Known committees: ${problem.known.slice(0, SHOWN_COMMITTEES).join(', ')}${more > 0 ? ` and ${more} more` : ''}.`;
    }
    case 'notARecommendationReference':
      return `"${problem.text}" is not a recommendation reference; write one like R-3.`;
    case 'emptyNote':
      return `Write the note for ${problem.ref} after the word note.`;
    case 'evidenceNotAUrl':
      return `"${problem.given}" is not a link; evidence is an https link, for example https://example.org/minutes.pdf.`;
    case 'evidenceNotHttps':
      return `Links with ${problem.scheme} are not accepted as evidence; only https links.`;
    case 'evidenceWithCredentials':
      return 'The link contains a user name or password; remove them before adding it as evidence.';
    case 'evidenceUrlTooLong':
      return `The link is ${problem.length} characters long; at most ${problem.max} fit.`;
    case 'evidenceBadFile':
      return `The file cannot be added as evidence (${problem.field} is missing or not valid).`;
    case 'tooMuchEvidence':
      return `${problem.ref} already has ${problem.max} items of evidence; remove one before adding more.`;
    case 'unknownEvidence':
      return `${problem.ref} has no evidence number ${problem.item}.`;
    case 'unknownVerdict':
      return `Unknown verdict ${problem.given}; choose one of ${problem.verdicts.map((v) => EN_VERDICTS[v]).join(', ')}.`;
    case 'recommendationRefTaken':
      return `${problem.ref} already belongs to another recommendation; remove "ref" at "${problem.text}" or choose a free number.`;
    case 'evidenceAlreadyAttached':
      return `${problem.ref} already has the evidence ${joinList(problem.names, 'and')}, so nothing was saved. Send only what is new.`;
    case 'tooMuchEvidenceAtOnce':
      return `${problem.ref} has ${problem.live} items of evidence and can have at most ${problem.max}, so the ${problem.adding} new ones do not fit. Nothing was saved; remove some evidence or send fewer.`;
    case 'noConversationId':
      return 'The conversation reference has no conversation id.';
    case 'foreignConversation':
      return `The conversation ${problem.conversationId} belongs to another tenant.`;
    case 'unknownConversationType':
      return `Unknown conversation type ${problem.given}; expected one of ${problem.types.join(', ')}.`;
    case 'badServiceUrl':
      return `The serviceUrl must be an absolute http(s) address, not ${problem.given}.`;
    case 'badCardData':
      return `The card's data is not valid (${problem.field}). Write \`my actions\` for current cards.`;
  }
}

/** "is due 2026-03-31, in 14 days." or "is overdue: the due date 2026-03-31 passed 8 days ago." */
function dueSentence(due: string, daysLeft: number): string {
  if (daysLeft > 1) return `is due ${due}, in ${daysLeft} days.`;
  if (daysLeft === 1) return `is due tomorrow, ${due}.`;
  if (daysLeft === 0) return `is due today, ${due}.`;
  return `is overdue: the due date ${due} passed ${days(-daysLeft)} ago.`;
}

function whenSuffix(daysLeft: number): string {
  if (daysLeft > 1) return ` (in ${daysLeft} days)`;
  if (daysLeft === 1) return ' (tomorrow)';
  if (daysLeft === 0) return ' (today)';
  return ` (${days(-daysLeft)} ago)`;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

/** Every text in English. */
export const en: Catalogue = {
  status: EN_STATUS,
  roles: EN_ROLES,
  verdicts: EN_VERDICTS,
  chat: {
    unknown: (mentionedRef) =>
      mentionedRef === null
        ? "I didn't quite get that. Try `my actions`, `A-17 done sent the minutes` or `overdue`. `help` lists everything I can do."
        : `I see you wrote about ${mentionedRef}, but not what you want to do. Try \`${mentionedRef} done [comment]\`, \`${mentionedRef} in progress\` or \`show ${mentionedRef}\`. I change nothing when it says "not done" or when one message names several actions.`,
    invalid: (problem, detail, ref, maxLength) => {
      const example = ref ?? 'A-17';
      switch (problem) {
        case 'badDate':
          return `${detail ? `I can't use "${detail}" as a date.` : "I can't use that date."} Write a date that exists in the calendar as YYYY-MM-DD, for example \`${example} new date 2026-03-31 reason\`. I never guess a date.`;
        case 'missingDate':
          return `The date is missing. Write for example \`${example} new date 2026-03-31 reason\`.`;
        case 'badSnoozeDate':
          return `${detail ? `I can't use "${detail}" as a date.` : "I can't use that date."} Write a date that exists in the calendar as YYYY-MM-DD, for example \`snooze ${example} until 2026-08-15 reason\`. I never guess a date.`;
        case 'missingSnoozeDate':
          return `The date is missing. Write for example \`snooze ${example} until 2026-08-15 reason\`.`;
        case 'missingRoleVerb':
          return 'This is how you give or take back a role: `role add anna.andersson@kommun.se coordinator Social Services Committee` (admin, chair and auditor without a committee) and `role remove anna.andersson@kommun.se coordinator Social Services Committee`.';
        case 'badReference':
          return `${detail ? `"${detail}" is` : 'That is'} not an action reference. A reference looks like A-17 and is on every card; \`my actions\` lists yours.`;
        case 'badRole':
          return `${detail ? `"${detail}" is not a role I know.` : 'The role is missing.'} Choose admin, chair, coordinator or auditor, for example \`role add anna.andersson@kommun.se coordinator Social Services Committee\`.`;
        case 'missingPrincipal':
          return `${detail ? `"${detail}" is neither an e-mail address nor an object id.` : 'Who the role is for is missing.'} Write for example \`role add anna.andersson@kommun.se chair\`.`;
        case 'missingNote':
          return `The note is missing. Write for example \`${example} note the procurement is delayed\`.`;
        case 'missingDiaryNumber':
          return 'The diary number is missing. Write for example `follow-up SON 2022-00030`.';
        case 'tooLong':
          return `That message is too long${detail ? ` (${detail} characters)` : ''}; I read at most ${maxLength} characters. Send the command in a shorter message, for example \`A-17 done short comment\`.`;
      }
    },
    noActions: () => 'You have no open actions right now. 🎉',
    saved: (ref, statusLabel) => `Saved: ${ref} is now ${statusLabel}.`,
    dateChanged: (ref, date) => `Saved: ${ref} has a new due date, ${date}.`,
    notFound: (ref) =>
      `I can't find an action ${ref}. Check the reference on the card; \`my actions\` lists yours.`,
    gone: () =>
      'What you asked for no longer exists, so nothing was changed. `my actions` lists your actions.',
    severalActions: (refs) =>
      `Your message names several actions (${refs.join(', ')}), and I take one at a time, so nothing was changed. Write one message per action, for example \`${refs[0] ?? 'A-17'} done\`.`,
    thanks: () => "You're welcome! Write `help` to see what I can do.",
    notAllowed: (ref) =>
      `You don't have access to ${ref}. Its owner, the committee's coordinator and admins do; ask one of them if something needs changing.`,
    staleCard: (ref) => `Someone changed ${ref} while the card was open; here is the current one.`,
    conflict: (ref) =>
      `Someone else changed ${ref} at the same moment, so your change was not saved. Here is the current card; make the change again if it is still needed.`,
    confirmMatch: (ref, text, statusLabel) =>
      `Do you mean ${ref} "${text}"? Should it be set to ${statusLabel}?`,
    noMatch: () =>
      "I couldn't find one of your open actions that fits. Write the reference, for example `A-17 done`; `my actions` lists yours.",
    nothingChanged: () => 'OK, nothing was changed.',
    unknownButton: () =>
      "I don't recognise that button; the card may be from an older version. Write `my actions` for current cards.",
    shown: (ref) => `${ref} is shown in a new message.`,
    storageDown: () =>
      "I can't reach the storage right now. Please try again in a moment; nothing has been saved.",
    storageTimeout: () =>
      'The storage did not answer in time. If you changed something, it may still have been saved: check with `show A-17` (with the right number) before you try again.',
    unexpected: () =>
      "Something went wrong on my side. Please try again in a moment; if it happens again, contact the bot's admin.",
    alreadyHandled: () => 'I have already received that. Write `my actions` for current cards.',
    tenantNotAllowed: () => 'This bot is not open to your organisation.',
    unknownUser: () =>
      "I can't tell who you are (your account has no Entra id), so I can't show or change anything.",
    welcomePersonal: () =>
      "Hi! I follow up the auditors' recommendations: I remind you of your actions and take your progress reports. Write `my actions` to see yours or `help` for everything I can do.",
    welcomeTeam: () =>
      "Hi everyone! I follow up the auditors' recommendations. Type @ and my name, then the command, for example `overdue`. An admin can write `digest here` to get the weekly digest in this channel.",
    digestChannelSet: () => 'All set: the weekly digest will be posted in this channel from now on.',
    digestOnlyInChannel: () =>
      '`digest here` works only in a team channel. Write it in the channel that should get the digest.',
    roleAdded: (principal, role, committee) =>
      `${principal} now has the role ${EN_ROLES[role]}${committee ? ` for ${committee}` : ''}.`,
    roleRemoved: (principal, role, committee) =>
      `${principal} no longer has the role ${EN_ROLES[role]}${committee ? ` for ${committee}` : ''}.`,
    onlyAdmin: () => 'Only an admin can do that.',
    readOnly: () =>
      "Your permissions don't allow that. Chairs, coordinators and admins see more; `my actions` lists your own.",
    snoozed: (ref, until) => `Reminders for ${ref} are paused up to and including ${until}.`,
    trimmed: (shown, total) =>
      `Showing ${shown} of ${total}; the rest doesn't fit in one message. \`overdue\` and \`my actions\` give shorter lists.`,
    importNotAllowed: () =>
      'Only admins and coordinators can import audit reports and responses. Nothing was saved.',
    importOtherCommittee: (committees, own) =>
      `You can import only for committees you coordinate (${own}), and the draft also concerns ${committees}. Correct the committees in the draft or ask an admin to import it. Nothing was saved.`,
    importAddressRefused: (fileName, host, reason) =>
      `I won't fetch ${fileName}: ${
        {
          scheme: 'I only fetch files over https',
          credentials: 'the address contains a user name or password',
          ipLiteral: `the address is an IP address (${host}), not a SharePoint or OneDrive address`,
          host: `${host} is not a SharePoint or OneDrive address I fetch files from`,
          internalAddress: `${host} points to an internal address`,
        }[reason]
      }. Attach the file directly in our chat and I'll fetch it from SharePoint. Nothing was saved.`,
    importTooComplex: (fileName) =>
      `The document is too large or too complicated to read: I gave up on ${fileName}. Split it up or save it as a ` +
      'simpler .docx or .txt and send it again. Nothing was saved.',
    importBadFile: (fileName) =>
      `I can't read ${fileName}. Send the committee's response as .docx, .txt or .md. Nothing was saved.`,
    importDownloadFailed: (fileName) =>
      `I couldn't fetch ${fileName}. Try sending the file again in a moment. Nothing was saved.`,
    importTooLarge: (fileName, maxMegabytes) =>
      `${fileName} is too large; I read files of at most ${maxMegabytes} MB. Nothing was saved.`,
    importNoDraft: (detail) => `I couldn't make a draft from the file (${detail}). Nothing was saved.`,
    importDraftTooLarge: () =>
      'The draft is too large for a card in Teams. Ask an admin to import the file from the command line. Nothing was saved.',
    importInvalid: (detail) =>
      `The draft can't be saved (${detail}). Correct the field and press Save again. Nothing was saved.`,
    importCancelled: () => 'OK, the import is cancelled. Nothing was saved.',
  },
  commands: {
    role: {
      usage: 'role add anna.andersson@kommun.se coordinator Social Services Committee',
      description:
        'give someone the role admin, chair, coordinator (with a committee) or auditor; `role remove …` takes it back',
    },
    snooze: {
      usage: 'snooze A-17 until 2026-08-15 [reason]',
      description: "pause an action's reminders up to and including a date",
    },
    newDate: {
      usage: 'A-17 new date 2026-03-31 [reason]',
      description: 'move the due date, with a reason',
      menu: {
        title: 'A-17 new date YYYY-MM-DD',
        description: 'Ask for a new deadline for an action, with a reason after the date',
      },
    },
    done: {
      usage: 'A-17 done [comment]',
      description: 'mark an action as done, with a comment if you like',
      menu: { title: 'A-17 done', description: 'Report an action as done, optionally followed by a comment' },
    },
    inProgress: {
      usage: 'A-17 in progress [comment]',
      description: 'report that work is under way',
      menu: {
        title: 'A-17 in progress',
        description: 'Report that work on an action is in progress, optionally followed by a comment',
      },
    },
    show: {
      usage: 'show A-17',
      description: 'one action with its full history',
      menu: {
        title: 'show A-17',
        description: 'Show one action with its full history (type the action’s reference instead of A-17)',
      },
    },
    digestHere: {
      usage: 'digest here',
      description: "the week's digest in this channel",
      menu: { title: 'digest here', description: 'Post the weekly digest in this channel from now on' },
    },
    overdue: {
      usage: 'overdue',
      description: 'actions past their due date',
      menu: { title: 'overdue', description: 'Show the overdue actions you are allowed to see' },
    },
    myActions: {
      usage: 'my actions',
      description: 'your open actions',
      menu: { title: 'my actions', description: 'Show your open actions' },
    },
    summary: {
      usage: 'summary',
      description: 'status by committee, for the board',
      menu: {
        title: 'summary',
        description: 'Show the status of all actions, for the municipal executive board',
      },
    },
    help: {
      usage: 'help',
      description: 'everything I can do',
      menu: { title: 'help', description: 'Show what the bot can do and how to write to it' },
    },
    unreachable: {
      usage: 'unreachable',
      description: 'owners the bot cannot reach, and why',
    },
    note: {
      usage: 'A-17 note <text>',
      description: 'a note on how the work is going, without changing the status',
      menu: {
        title: 'A-17 note <text>',
        description: 'Say how the work on an action is going; the status does not change',
      },
    },
    evidence: {
      usage: 'A-17 evidence <https link> [description]',
      description: 'attach evidence: an https link, or a file you send with the text `A-17 evidence`',
      menu: {
        title: 'A-17 evidence <https link>',
        description: 'Add evidence to an action: an https link, or send a file with the text A-17 evidence',
      },
    },
    showRecommendation: {
      usage: 'show R-3',
      description: 'a recommendation with its actions, evidence and verdicts',
    },
    verdict: {
      usage: 'R-3 partly implemented [comment]',
      description:
        "the auditors' verdict: implemented, partly implemented, not implemented or no longer relevant",
    },
    toReview: {
      usage: 'to review',
      description: "recommendations waiting for the auditors' verdict",
      menu: {
        title: 'to review',
        description: "Show recommendations waiting for the auditors' verdict (auditors, chair, admins)",
      },
    },
    outbox: {
      usage: 'outbox',
      description: 'messages the bot is not sure arrived, with buttons to settle them',
    },
    boardReportFile: {
      usage: 'report',
      description: 'the board report as a file here in our chat',
    },
    reviewPackFile: {
      usage: 'follow-up SON 2022-00030',
      description: 'the follow-up review pack of an audit, as a file here in our chat',
    },
  },
  help: {
    heading: '**What you can write to me**',
    teamOnly: 'in a channel',
    adminOnly: 'for admins',
    auditorOnly: 'for auditors',
    reviewersOnly: 'for auditors, the chair and admins',
    boardOnly: 'for the chair and admins',
    coordinatorsOnly: 'for admins, and for coordinators about their committees',
    footer:
      'The reference is on every card, for example A-17; a17 works too. You can use your own words, such as "finished A-17: minutes sent". Write dates as YYYY-MM-DD. Svenska går också bra.',
  },
  lists: {
    myActionsTitle: 'My open actions',
    overdueTitle: (count) => `Overdue actions (${count})`,
    nothingOverdue: 'Nothing is overdue. 🎉',
    byCommandLine: 'Command line',
    byBot: 'The bot',
    created: 'Created',
    statusChange: 'Status',
    dateChange: 'New date',
    note: 'Note',
    evidenceAdded: 'Evidence added',
    evidenceRemoved: 'Evidence removed',
  },
  cards: {
    action: {
      audit: 'Audit',
      recommendation: 'Recommendation',
      action: 'Action',
      committee: 'Committee',
      owner: 'Owner',
      due: 'Due date',
      original: 'Original',
      lastComment: 'Latest comment',
      commentPlaceholder: 'Comment (optional)',
      newDate: 'New date',
      newDateLabel: 'New due date',
      reasonLabel: 'Reason',
      reasonPlaceholder: 'Why is the date moving?',
      newDateMissing: 'Pick a date.',
      reasonMissing: 'Say why the date is moving.',
      saveDate: 'Save new date',
      addEvidence: 'Evidence',
      evidenceUrlLabel: 'Link to the evidence (https)',
      evidenceUrlPlaceholder: 'https://example.org/minutes.pdf',
      evidenceUrlMissing: 'Enter an https link.',
      evidenceDescriptionLabel: 'Description',
      evidenceDescriptionPlaceholder: 'For example: minutes of the committee meeting (optional)',
      saveEvidence: 'Save evidence',
      history: 'History',
    },
    list: { show: 'Show' },
    summary: {
      title: 'Summary by committee',
      asOf: 'As of',
      committee: 'Committee',
      total: 'Total',
      shareDone: 'Share done',
      allCommittees: 'All committees',
      noRows: 'There are no actions yet.',
    },
    history: {
      title: 'History',
      originalDue: 'Original due date',
      currentDue: 'Current due date',
      noEvents: 'No history yet.',
    },
    confirm: { newStatus: 'New status', comment: 'Comment', yes: 'Yes', no: 'No' },
    welcome: {
      title: "Hi! I follow up the auditors' recommendations.",
      intro:
        "I remind you of the actions committees promised after the auditors' reviews, take your progress reports and show what is overdue. Write in your own words or use the commands below.",
      commandsHeading: 'What you can write',
      referenceHint: 'Every action has a reference such as A-17, in any case.',
      cardsHint: 'On the cards you can also report with the buttons.',
      teamHint: 'In a channel: type @ and my name first, then the command.',
    },
    noOwner: 'No owner set',
    dateMissing: 'No date – set a date',
    noDate: 'no date',
    days: (count) => (count === 1 ? '1 day' : `${count} days`),
    moved: (count) => (count === 1 ? 'moved once' : `moved ${count} times`),
    more: (count) => `… and ${count} more`,
    moreRows: (count) => `… and ${count} more committees`,
    earlierEvents: (count) => `… ${count} earlier events not shown`,
  },
  drafts: {
    draft: {
      heading: 'Import draft',
      title: 'Audit title',
      diaryNumber: 'Diary number',
      auditor: 'Auditor',
      reportDate: 'Report date',
      datePlaceholder: 'YYYY-MM-DD',
      committees: 'Committees (one per line)',
      required: 'This field is needed',
      warnings: 'To check',
      save: 'Save',
      cancel: 'Cancel',
    },
    imported: { heading: 'The import is saved' },
    intro: (fileName) =>
      `Read from ${fileName}. Correct the audit's details and press Save; nothing is saved until then.`,
    counts: (recommendations, actions) =>
      `${recommendations} ${recommendations === 1 ? 'recommendation' : 'recommendations'}, ${actions} ${actions === 1 ? 'action' : 'actions'}`,
    confidence: (percent, level) =>
      level === 'high'
        ? `confidence high (${percent})`
        : level === 'medium'
          ? `confidence medium (${percent})`
          : `confidence low (${percent}) – check`,
    created: (count) => `${count} new ${count === 1 ? 'action was' : 'actions were'} saved:`,
    nothingNew: 'Nothing new was saved: the audit and all its actions were there already.',
    existing: (count) =>
      `${count} ${count === 1 ? 'action was' : 'actions were'} there already and did not change.`,
    moreWarnings: (count) => `… and ${count} more`,
  },
  problem: enProblem,
  // The English texts are for chat only (the command line speaks Swedish): one wording serves.
  chatProblem: enProblem,
  reminders: {
    owner: ({ ref, due, daysLeft, afterSnooze }) => {
      if (due === null) {
        return (
          `Reminder: ${ref} has no due date. Set one with the New date button on the card, or write ` +
          `"${ref} new date YYYY-MM-DD".`
        );
      }
      const ended = afterSnooze ? `The pause for ${ref} is over. ` : '';
      const pause = `Answer with the buttons on the card, or write "snooze ${ref} until YYYY-MM-DD" to pause the reminders.`;
      return `${ended}Reminder: ${ref} ${dueSentence(due, daysLeft)} ${pause}`;
    },
    escalation: ({ ref, due, daysLeft, committee, owner }) =>
      `Escalation: ${ref} (${committee}, ${owner === null ? 'no owner set' : `owner ${owner}`}) ` +
      `${dueSentence(due, daysLeft)} The action is still not done.`,
    responseDue: ({ committee, title, due, daysLeft }) =>
      `Reminder: ${committee} is to respond to the audit "${title}" by ${due}${whenSuffix(daysLeft)}.`,
    boardFeedback: ({ committee, title, due, daysLeft }) =>
      `Reminder: ${committee} is to report back to the municipal executive board on the audit "${title}" ` +
      `by ${due}${whenSuffix(daysLeft)}.`,
  },
  digest: {
    heading: (week, from, to) => `**Weekly digest, week ${week}** (${from} – ${to})`,
    summary: 'Weekly digest',
    noOwner: 'no owner',
    moreLines: (count) => `… and ${count} more lines`,
    newActions: 'New actions',
    noNewActions: 'No new actions.',
    done: 'Done',
    noneDone: 'No actions were completed.',
    dueWithin: (count) => `Due within ${count} days`,
    noneDueSoon: 'No actions are due in the next two weeks.',
    overdueByCommittee: 'Overdue by committee',
    noneOverdue: 'No actions are overdue.',
    overdueLine: (due, count) => `due ${due}, ${days(count)} ago`,
    dueOn: (due) => `due ${due}`,
    deadlineChanges: 'Changed due dates',
    noDate: 'no date',
    noDeadlineChanges: 'No due dates were moved.',
    notes: 'Latest notes',
    noNotes: 'No new notes this week.',
    toReview: 'Ready for review',
    noneToReview: 'No recommendations are waiting for the auditors’ review.',
    unreachable: 'Could not be reached',
    deliveryUncertain: 'unclear whether the reminder arrived; please check',
    deliveryFailed: 'the reminder could not be delivered',
    deliveryCause: ({ code, interrupted }) =>
      interrupted ? 'the send was cut off before Teams answered' : code ? `Teams answered ${code}` : null,
    allDelivered: 'All reminders arrived.',
  },
  reminderBatch: {
    summary: ({ count, overdue, exampleRef, page, pages }) =>
      `You have ${count} reminders today` +
      (overdue > 0 ? `, ${overdue} of them about overdue actions` : '') +
      (pages > 1 ? ` (part ${page} of ${pages})` : '') +
      '.' +
      (exampleRef === null
        ? ''
        : ` Open an action with Show on the card, or write for example "show ${exampleRef}".`),
    title: (today) => `Reminders ${today}`,
    page: (page, pages) => `Part ${page} of ${pages}`,
    own: 'Your actions',
    escalated: 'Overdue actions escalated to you',
    committeeDates: "Committees' dates",
    ownNote: ({ due, daysLeft, afterSnooze }) => {
      const when =
        due === null
          ? 'no due date'
          : daysLeft > 1
            ? `in ${daysLeft} days`
            : daysLeft === 1
              ? 'tomorrow'
              : daysLeft === 0
                ? 'today'
                : '';
      return [afterSnooze ? 'the pause is over' : '', when].filter((part) => part !== '').join(', ');
    },
    escalatedNote: ({ committee, owner }) =>
      `${committee}, ${owner === null ? 'no owner set' : `owner ${owner}`}, not done after the due date`,
    responseDueNote: ({ committee, due, daysLeft }) =>
      `${committee} is to respond by ${due}${whenSuffix(daysLeft)}`,
    boardFeedbackNote: ({ committee, due, daysLeft }) =>
      `${committee} is to report back to the municipal executive board by ${due}${whenSuffix(daysLeft)}`,
  },
  reach: {
    title: 'Owners the bot cannot reach',
    none: 'The bot reaches every owner of an open action.',
    count: (owners, actions) =>
      `${owners === 1 ? '1 owner' : `${owners} owners`} with ` +
      `${actions === 1 ? '1 open action' : `${actions} open actions`} ${owners === 1 ? 'gets' : 'get'} no reminders.`,
    owner: ({ owner, refs, why }) => `${owner} (${refs}): ${why}`,
    noTeamsUser: 'no Teams user the bot has met has this e-mail address',
    graphRefused: (code) =>
      code === 'GraphForbidden'
        ? 'Graph install refused: the bot lacks a permission. An Entra ID admin grants the bot’s identity the ' +
          'application permissions TeamsAppInstallation.ReadWriteForUser.All and User.Read.All in Microsoft Graph'
        : 'Graph install refused: no user in the organisation’s directory has this e-mail address. Correct the ' +
          'owner’s address',
    chatInactive: (since, code) =>
      `the chat with the bot has not worked since ${since}` + (code === null ? '' : ` (${code})`),
    whatToDo:
      'Ask them to install the app in Teams or to write to the bot once. Whoever runs the bot can also let it ' +
      'install the app for them through Microsoft Graph: turn Graph installation on in the bot’s settings and give ' +
      'the bot’s identity the permissions TeamsAppInstallation.ReadWriteForUser.All and User.Read.All.',
    notAllowed: 'The list of owners the bot cannot reach is for admins and coordinators.',
  },
  followUp: {
    noteSaved: (ref) => `Saved: the note on ${ref}. The status is unchanged.`,
    evidenceSaved: (ref, what) => `Saved: the evidence ${what} on ${ref}.`,
    evidenceMissing: (ref) =>
      `The link is missing. Write for example \`${ref} evidence https://kommun.se/minutes.pdf minutes\`, or send a file with the text \`${ref} evidence\` here in our chat.`,
    evidenceLinkMissing: (ref) =>
      `Enter an https link in the evidence field for ${ref}, for example https://example.org/minutes.pdf. Nothing was saved.`,
    auditorReadsOnly: (ref) =>
      `Auditors read actions but never change them, so ${ref} is unchanged. Notes and evidence come from the owner or the committee's coordinator.`,
    recommendationNotFound: (ref) =>
      `I can't find a recommendation ${ref}. The reference is on the recommendation's card and in the review pack.`,
    verdictSaved: (ref, verdict) => `Saved: the verdict ${verdict} on ${ref}.`,
    onlyAuditors: () =>
      "Only auditors give verdicts on recommendations, so nothing was saved. Report on the committee's actions with, for example, `A-17 done`.",
    verdictStale: (ref) =>
      `Another verdict on ${ref} was saved while the card was open; here is the current one.`,
    verdictConflict: (ref) =>
      `Someone else saved a verdict on ${ref} at the same time, so yours was not saved. Here is the current card.`,
    onlyReviewers: () =>
      'The list of what waits for review is for auditors, the chair and admins. `my actions` shows your actions.',
    reviewPackNotAllowed: () =>
      'The follow-up review pack is for auditors, the chair and admins. `my actions` shows your actions.',
    toReviewHeading: (count) => `**To review (${count})**`,
    toReviewNone: () => 'No recommendations are waiting for review right now.',
    toReviewReady: () => 'every action is closed',
    toReviewChanged: (verdict, date) => `an action changed after the verdict ${verdict} (${date})`,
    toReviewMore: (count) => `… and ${count} more.`,
    toReviewHint: (ref) => `Write \`show ${ref}\` to see a recommendation and give a verdict.`,
    onlyBoard: () =>
      'The board report is for the chair and admins. `summary` shows where your committees stand.',
    filePersonalOnly: () =>
      'I send files in personal chat only. Write the same command to me there and the file will come.',
    filePersonalTitle: 'The file comes in personal chat',
    boardReportDescription: (asOf) => `Status report to the municipal executive board, as of ${asOf}`,
    fileDeclined: () => "OK, I won't send the file. Nothing changed; write the command again if you want it.",
    fileUploadFailed: () =>
      "The file couldn't be uploaded to your OneDrive right now. Nothing changed; write the command again in a while.",
    auditNotFound: (query, known, more) =>
      `No audit has the diary number, id or title "${query}". I compare the diary number ignoring case, spaces and ` +
      'dashes, and the title ignoring case. Write `follow-up` and the diary number, id or whole title, for example ' +
      '`follow-up SON 2022-00030`.' +
      (known.length === 0
        ? ' No audit has been imported yet.'
        : `\n\nAudits:\n${known.map((line) => `- ${line}`).join('\n')}` +
          (more > 0 ? `\n- … and ${more} more` : '')),
    fileAuditGone: () =>
      'The audit no longer exists, so no file was uploaded. Write `follow-up` and the diary number again if you want the pack.',
    reviewPackDescription: (title, asOf) => `Follow-up review pack: ${title}, as of ${asOf}`,
    recommendationCard: {
      title: 'Recommendation',
      audit: 'Audit',
      committees: 'Committees',
      latestVerdict: 'Latest verdict',
      noVerdict: 'No verdict yet',
      actions: 'Actions',
      noActions: 'No actions are registered.',
      evidence: 'Evidence',
      notes: 'Notes',
      verdicts: 'Verdicts',
      noVerdicts: 'No verdicts yet.',
      judge: 'Your verdict',
      commentLabel: 'Comment on the verdict',
      commentPlaceholder: 'Optional comment',
      due: 'due',
    },
    evidenceLine: (what, description) => `Evidence: ${what}${description ? ` – ${description}` : ''}`,
    evidenceSavedMany: (ref, names) =>
      `Saved: ${names.length} items of evidence on ${ref}: ${joinList(names, 'and')}.`,
    filesNotKept: (names, ref) =>
      names.length === 1
        ? `The attached file ${names.join('')} was not saved. To keep it as evidence, send it again with the text \`${ref ?? 'A-17'} evidence\`.`
        : `The attached files ${joinList(names, 'and')} were not saved. To keep them as evidence, send them again with the text \`${ref ?? 'A-17'} evidence\`.`,
    auditAmbiguous: (query, matches) =>
      `${matches.length} audits match "${query}", so I sent no file. Write the command for the one you want:\n` +
      matches.map((line) => `- ${line}`).join('\n'),
    auditChoice: (title, diaryNumber, reportDate, id) =>
      `${title} (${diaryNumber ?? 'no diary number'}, report ${reportDate}): \`follow-up ${id}\``,
  },
  outbox: {
    title: (count) => (count === 0 ? 'Outbox' : `Outbox: delivery uncertain (${count})`),
    intro:
      'The bot does not know whether these messages arrived. Check in Teams with the recipient and choose Delivered (nothing is sent) or Send again (sent by the next reminder run, if still due).',
    empty: 'No message has an uncertain delivery. The outbox is in order.',
    delivered: 'Delivered',
    resend: 'Send again',
    more: (count) => `… and ${count} more; they show once the first are settled.`,
    kinds: {
      reminder: 'Reminder',
      escalation: 'Escalation',
      responseDue: 'Response due',
      boardFeedback: 'Board feedback',
      digest: 'Weekly digest',
    },
    detail: ({ id, when, why }) => `Id ${id}, last changed ${when}: ${why}`,
    uncertainBecause: ({ code, interrupted }) =>
      interrupted
        ? 'the send was cut off before Teams answered; check in Teams whether it arrived'
        : code
          ? `Teams answered ${code}, which does not say whether it arrived; check in Teams`
          : 'unknown cause; check in Teams whether it arrived',
    settledDelivered: (what) => `Marked as delivered: ${what}. Nothing was sent.`,
    settledResend: (what) => `${what} will be sent again by the next reminder run, if it is still due.`,
    alreadySettled: (what, state) =>
      `Someone else has already settled ${what}: ` +
      (state === 'delivered'
        ? 'it is marked as delivered.'
        : state === 'resend'
          ? 'it will be sent again.'
          : 'it no longer needs checking.') +
      ' Nothing was changed now; here is the outbox as it is.',
    gone: () =>
      'The message is no longer in the outbox, so nothing was changed. Here is the outbox as it is now.',
    digestResend: (what) =>
      `${what} is not sent again from here. Mark it as delivered; a new weekly digest is posted with \`npm run cli -- digest\`.`,
  },
};
