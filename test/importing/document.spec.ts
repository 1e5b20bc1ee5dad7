import assert from 'node:assert/strict';
import { commitmentOf } from '../../src/importing/commitments';
import { extractDraft, type DocumentDraft } from '../../src/importing/document';
import { sentencesOf, toBlocks } from '../../src/importing/documentBlocks';
import { committeesIn } from '../../src/importing/documentFacts';
import { ImportError } from '../../src/importing/errors';
import { validateImportDocument } from '../../src/importing/structured';
import { findDeadline } from '../../src/domain/deadlines';

const TODAY = '2026-03-02';

/** The actions of a draft as [recommendation (1-based), text start, phrase, due, owner, role]. */
function actionsOf(
  draft: DocumentDraft,
): [number, string, string | null, string | null, string | null, string | null][] {
  return draft.details.actions.map((a) => [
    a.recommendation + 1,
    a.text.slice(0, 40),
    a.phrase,
    a.due,
    a.owner,
    a.role,
  ]);
}

describe('extractDraft: shapes of response documents', () => {
  it('reads a recommendation in bold answered under "Nämndens svar:" with Åtgärd, Ansvarig and Tidplan lines', () => {
    const text = [
      'Socialnämnden',
      'Datum: 2022-05-16',
      'Dnr SN 2022/123',
      '',
      '# Svar på revisionsrapport – Granskning av barnkonventionen',
      '',
      'Stadsrevisionen har granskat hur Socialnämnden arbetar med barnkonventionen. Stadsrevisionen emotser svar från Socialnämnden med planerade åtgärder senast 2022-05-31.',
      '',
      '**Rekommendation 1: Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras.**',
      '',
      'Nämndens svar: Nämnden delar revisorernas bedömning.',
      '',
      'Åtgärd: En rutin för barnkonsekvensanalyser tas fram.',
      'Ansvarig: Anna.Andersson@malmo.se',
      'Tidplan: innan årets slut',
      '',
      '**Rekommendation 2: Utbilda personalen i barnrätt.**',
      '',
      'Nämndens svar: Utbildning för alla handläggare genomförs under våren 2023. Förvaltningschefen ansvarar för utbildningen. Därefter görs en uppföljning inom kort.',
      '',
      '**Rekommendation 3: Följ upp arbetet årligen.**',
      '',
      'Nämndens svar: Nämnden anser att nuvarande uppföljning är tillräcklig och vidtar inga ytterligare åtgärder.',
    ].join('\n');
    const draft = extractDraft('svar.md', text, { today: TODAY });
    const audit = draft.document.audits[0];
    assert.equal(audit?.title, 'Granskning av barnkonventionen');
    assert.equal(audit?.auditor, 'Stadsrevisionen');
    assert.equal(audit?.diaryNumber, 'SN 2022/123');
    assert.equal(draft.details.documentDate, '2022-05-16');
    assert.deepEqual(audit?.responseDue, [{ committee: 'Socialnämnden', due: '2022-05-31' }]);
    assert.deepEqual(
      audit?.recommendations.map((r) => r.text),
      [
        'Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras.',
        'Utbilda personalen i barnrätt.',
        'Följ upp arbetet årligen.',
      ],
    );
    assert.deepEqual(actionsOf(draft), [
      [
        1,
        'En rutin för barnkonsekvensanalyser tas ',
        'innan årets slut',
        '2022-12-31',
        'anna.andersson@malmo.se',
        null,
      ],
      [
        2,
        'Utbildning för alla handläggare genomför',
        'under våren 2023',
        '2023-05-31',
        null,
        'Förvaltningschefen',
      ],
      [2, 'Därefter görs en uppföljning inom kort. ', 'inom kort', null, null, 'Förvaltningschefen'],
    ]);
    // Without an e-mail, the role stays with the action's text.
    assert.match(audit?.recommendations[1]?.actions[0]?.text ?? '', /\(ansvarig: Förvaltningschefen\)$/);
    assert.ok(
      draft.warnings.some((w) => w.startsWith('Åtgärd 3 ') && w.includes('"inom kort" ger inget datum')),
    );
    assert.equal(draft.confidence.diaryNumber, 0.9);
    assert.equal(draft.confidence.responseDue, 0.85);
  });

  it('reads a table of recommendations, actions, responsible and deadlines', () => {
    const text = [
      '# Svar på granskning av löneprocessen',
      '',
      'Personalnämnden',
      'Datum 2024-02-01',
      '',
      'Revisorerna har genom KPMG granskat löneprocessen. Nämnden besvarar rekommendationerna i tabellen nedan.',
      '',
      '| Rekommendation | Åtgärd | Ansvarig | Tidplan |',
      '|---|---|---|---|',
      '| Inför kontroller av manuella löneändringar | Stickprovskontroller införs månadsvis | lonechef@kommun.se | senast i april 2024 |',
      '| | Rutinen dokumenteras | HR-chef | under våren 2024 |',
      '| Se över behörigheter i lönesystemet | Behörighetsöversyn | Systemförvaltare | inom kort |',
    ].join('\n');
    const draft = extractDraft('svar.md', text, { today: TODAY });
    assert.equal(draft.document.audits[0]?.auditor, 'KPMG');
    assert.equal(draft.document.audits[0]?.recommendations.length, 2);
    assert.deepEqual(actionsOf(draft), [
      [
        1,
        'Stickprovskontroller införs månadsvis',
        'senast i april 2024',
        '2024-04-30',
        'lonechef@kommun.se',
        null,
      ],
      [1, 'Rutinen dokumenteras (ansvarig: HR-chef)', 'under våren 2024', '2024-05-31', null, 'HR-chef'],
      [2, 'Behörighetsöversyn (ansvarig: Systemförv', 'inom kort', null, null, 'Systemförvaltare'],
    ]);
  });

  it('reads headings "Rekommendation 1" / "Nämndens svar" and the list after "Nämnden kommer att:"', () => {
    const text = [
      'Malmö stad',
      'Tekniska nämnden',
      '2024-09-12',
      '',
      '# Yttrande över revisionsrapport om underhåll av gator',
      '',
      'Stadsrevisionen i Malmö stad har granskat tekniska nämndens underhåll av gator och broar.',
      '',
      '### Rekommendation 1',
      '',
      'Upprätta en långsiktig underhållsplan för broar.',
      '',
      '### Nämndens svar',
      '',
      'Nämnden instämmer. Nämnden kommer att:',
      '',
      '- ta fram en underhållsplan för broar (klar i juni 2025)',
      '- inventera samtliga broar under hösten 2024',
      '',
      'Ansvarig: gatuchef Per Persson, per.persson@malmo.se',
      '',
      '### Rekommendation 2',
      '',
      'Säkerställ att besiktningar dokumenteras.',
      '',
      '### Nämndens svar',
      '',
      'Besiktningsprotokollen har sedan januari 2024 förts digitalt. Nämnden bedömer att inga ytterligare åtgärder behövs.',
    ].join('\n');
    const draft = extractDraft('yttrande.md', text, { today: TODAY });
    assert.equal(draft.details.respondingCommittee, 'Tekniska nämnden');
    assert.equal(draft.details.municipality, 'Malmö stad');
    assert.equal(draft.details.documentDate, '2024-09-12');
    assert.equal(draft.document.audits[0]?.title, 'Underhåll av gator');
    assert.equal(draft.document.audits[0]?.recommendations.length, 2);
    assert.deepEqual(actionsOf(draft), [
      [
        1,
        'ta fram en underhållsplan för broar (kla',
        'i juni 2025',
        '2025-06-30',
        'per.persson@malmo.se',
        null,
      ],
      [
        1,
        'inventera samtliga broar under hösten 20',
        'under hösten 2024',
        '2024-11-30',
        'per.persson@malmo.se',
        null,
      ],
    ]);
  });

  it('reads recommendations in italics answered without a label', () => {
    const text = [
      '# Svar på granskning av intern kontroll',
      '',
      'Barn- och utbildningsnämnden, 2023-11-20',
      '',
      'EY har på uppdrag av kommunens revisorer granskat nämndens interna kontroll.',
      '',
      '*Nämnden bör säkerställa att riskanalysen dokumenteras och följs upp under året.*',
      '',
      'Förvaltningen kommer att dokumentera riskanalysen i en mall som tas fram under december 2023.',
      '',
      '*Nämnden bör utveckla uppföljningen av kontrollmoment som visar brister i granskningen.*',
      '',
      'Uppföljningen utvecklas inom ramen för nästa års internkontrollplan, som beslutas i januari 2024.',
    ].join('\n');
    const draft = extractDraft('svar.md', text, { today: TODAY });
    assert.equal(draft.document.audits[0]?.auditor, 'EY');
    assert.equal(draft.details.answersEachRecommendation, true);
    assert.deepEqual(
      actionsOf(draft).map(([r, , phrase, due]) => [r, phrase, due]),
      [
        [1, 'under december 2023', '2023-12-31'],
        [2, 'i januari 2024', '2024-01-31'],
      ],
    );
  });

  it('reads hard-wrapped plain text with recommendations in a sentence, answered as a whole', () => {
    const text = [
      'KULTURNÄMNDEN                                   Datum 2021-10-05',
      '                                                Dnr KN 2021/77',
      '',
      'Svar på revisorernas granskning av bidragshanteringen',
      '',
      'Revisorerna har med hjälp av KPMG granskat kulturnämndens hantering av',
      'föreningsbidrag. Revisorerna rekommenderar nämnden att förbättra',
      'kontrollen av redovisningar och att tydliggöra bedömningsgrunderna.',
      '',
      'Nämndens svar',
      '',
      'Nämnden delar revisorernas bedömning. En ny rutin för kontroll av',
      'redovisningar kommer att införas från och med 1 januari 2022.',
      'Bedömningsgrunderna ses över och ska beslutas av nämnden senast i',
      'mars 2022. Kulturchefen ansvarar för att åtgärderna genomförs.',
    ].join('\n');
    const draft = extractDraft('svar.txt', text, { today: TODAY });
    const audit = draft.document.audits[0];
    assert.equal(audit?.title, 'Granskning av bidragshanteringen');
    assert.equal(audit?.diaryNumber, 'KN 2021/77');
    assert.equal(draft.details.documentDate, '2021-10-05');
    assert.equal(draft.details.respondingCommittee, 'Kulturnämnden');
    assert.deepEqual(
      audit?.recommendations.map((r) => r.text),
      ['Förbättra kontrollen av redovisningar', 'Tydliggöra bedömningsgrunderna'],
    );
    assert.deepEqual(
      actionsOf(draft).map(([r, , phrase, due, , role]) => [r, phrase, due, role]),
      [
        // A start date is not a deadline: kept as written, not dated, flagged.
        [1, 'från och med 1 januari 2022', null, 'Kulturchefen'],
        [2, 'senast i mars 2022', '2022-03-31', 'Kulturchefen'],
      ],
    );
    assert.ok(draft.warnings.some((w) => w.includes('svarar inte rekommendation för rekommendation')));
  });

  it('reads the list under a heading "Planerade åtgärder", dates without "senast", and who is responsible', () => {
    const text = [
      '# Yttrande över granskning av intern kontroll i socialnämnden',
      '',
      'Socialnämnden',
      'Sammanträdesdatum 2024-05-20',
      '',
      'Revisorerna har granskat socialnämndens interna kontroll och rekommenderar nämnden att revidera delegationsordningen och att utbilda cheferna i intern kontroll.',
      '',
      '## Planerade åtgärder',
      '',
      '- Revidera delegationsordningen (klart december 2024)',
      '- Utbildning för chefer i intern kontroll, hösten 2024',
      '- Se över attestreglerna',
      '',
      'Socialchefen ansvarar för åtgärderna.',
    ].join('\n');
    const draft = extractDraft('yttrande.md', text, { today: TODAY });
    assert.equal(draft.details.documentDate, '2024-05-20');
    assert.deepEqual(
      draft.document.audits[0]?.recommendations.map((r) => r.text),
      ['Revidera delegationsordningen', 'Utbilda cheferna i intern kontroll'],
    );
    assert.deepEqual(
      draft.details.actions.map((a) => [
        a.recommendation + 1,
        a.text.split(' (')[0],
        a.phrase,
        a.due,
        a.role,
      ]),
      [
        [1, 'Revidera delegationsordningen', 'december 2024', '2024-12-31', 'Socialchefen'],
        [1, 'Se över attestreglerna', null, null, 'Socialchefen'],
        [
          2,
          'Utbildning för chefer i intern kontroll, hösten 2024',
          'hösten 2024',
          '2024-11-30',
          'Socialchefen',
        ],
      ],
    );
  });

  it('reads recommendations listed, then restated as numbered headings with their answers', () => {
    const text = [
      'Stockholm den 3 mars 2023',
      '',
      '# Svar på revisionsrapporten "Granskning av upphandling"',
      '',
      'Revisorerna har genom Deloitte granskat kommunstyrelsens upphandlingsverksamhet. Rapporten innehåller följande rekommendationer:',
      '',
      '1. Säkerställ att avtalstroheten följs upp systematiskt.',
      '2. Ta fram en upphandlingspolicy med tydliga riktlinjer för direktupphandling.',
      '3. Stärk den interna kontrollen av direktupphandlingar.',
      '',
      'Revisorerna önskar svar från kommunstyrelsen senast 2023-04-30.',
      '',
      '### 1. Säkerställ att avtalstroheten följs upp systematiskt',
      '',
      'Kommunstyrelsen instämmer. En modell för uppföljning av avtalstrohet införs under andra halvåret 2023. Upphandlingschefen ansvarar.',
      '',
      '### 2. Ta fram en upphandlingspolicy',
      '',
      'Ett förslag till ny policy ska beslutas av kommunfullmäktige i juni 2023.',
      '',
      '### 3. Stärk den interna kontrollen av direktupphandlingar',
      '',
      'Direktupphandlingar ingår redan i internkontrollplanen. Kommunstyrelsen bedömer att ingen ytterligare åtgärd behövs.',
    ].join('\n');
    const draft = extractDraft('svar.md', text, { today: TODAY });
    const audit = draft.document.audits[0];
    assert.equal(audit?.title, 'Granskning av upphandling');
    assert.equal(audit?.auditor, 'Deloitte');
    assert.equal(draft.details.documentDate, '2023-03-03');
    assert.deepEqual(audit?.responseDue, [{ committee: 'Kommunstyrelsen', due: '2023-04-30' }]);
    assert.equal(audit?.recommendations.length, 3);
    assert.equal(draft.details.answersEachRecommendation, true);
    assert.deepEqual(
      draft.details.actions.map((a) => [a.recommendation + 1, a.phrase, a.due, a.role]),
      [
        [1, 'under andra halvåret 2023', '2023-12-31', 'Upphandlingschefen'],
        [2, 'i juni 2023', '2023-06-30', null],
      ],
    );
  });

  it('ties the rows of an action table without a recommendation column to the recommendations they resemble', () => {
    const text = [
      '# Svar på granskning av avtalsuppföljning',
      '',
      'Servicenämnden, 2024-03-01',
      '',
      'Revisorerna har genom EY granskat avtalsuppföljningen och rekommenderar nämnden att införa en avtalsdatabas och att följa upp leverantörernas prestationer.',
      '',
      '## Åtgärdsplan',
      '',
      '| Åtgärd | Ansvarig | Klart |',
      '|---|---|---|',
      // The schema refuses "ö" in an address, so that one stays text instead of failing the whole draft.
      '| Upphandla en avtalsdatabas | inköpschef@kommun.se | oktober 2024 |',
      '| Årlig uppföljning av leverantörernas prestationer | avtal@kommun.se | december 2024 |',
    ].join('\n');
    const draft = extractDraft('svar.md', text, { today: TODAY });
    assert.deepEqual(
      draft.details.actions.map((a) => [a.recommendation + 1, a.phrase, a.due, a.owner, a.role]),
      [
        [1, 'oktober 2024', '2024-10-31', null, 'inköpschef@kommun.se'],
        [2, 'december 2024', '2024-12-31', 'avtal@kommun.se', null],
      ],
    );
  });

  it('reads text with page breaks and control characters from a PDF export', () => {
    const text =
      'Svar på granskning av arkivet\f\nRevisorerna rekommenderar\u0007 Kulturnämnden att ordna arkivet.\f\nNämnden kommer att ordna arkivet under 2027.';
    const draft = extractDraft('svar.txt', text, { today: TODAY });
    assert.deepEqual(
      draft.details.actions.map((a) => [a.text, a.due]),
      [['Nämnden kommer att ordna arkivet under 2027.', '2027-12-31']],
    );
  });

  it('validates a draft with the import schema: a broken one is an ImportError naming the file', () => {
    assert.throws(
      () => validateImportDocument('svar.txt', { audits: [] }),
      (error: unknown) => error instanceof ImportError && error.message.startsWith('svar.txt: audits: '),
    );
  });

  it('uses the given document date for phrases without a year, and says when it had to assume one', () => {
    const text = [
      'Svar på granskning av städning',
      '',
      'Revisorerna rekommenderar Fastighetsnämnden att se över städrutinerna.',
      '',
      'Nämnden kommer att se över rutinerna innan sommaren.',
    ].join('\n');
    const assumed = extractDraft('svar.txt', text, { today: '2025-08-15' });
    assert.equal(assumed.details.documentDate, '2025-08-15');
    assert.equal(assumed.details.actions[0]?.due, '2026-05-31');
    assert.ok(assumed.warnings.some((w) => w.startsWith('Svaret har inget eget datum')));
    const given = extractDraft('svar.txt', text, { today: '2025-08-15', documentDate: '2025-02-01' });
    assert.equal(given.details.actions[0]?.due, '2025-05-31');
    assert.equal(given.details.documentDateConfidence, 1);
    assert.ok(!given.warnings.some((w) => w.startsWith('Svaret har inget eget datum')));
  });

  it('refuses a document that commits to nothing, with a message that says so', () => {
    const text = [
      'Yttrande över granskning av IT-säkerhet',
      '',
      'Revisorerna rekommenderar nämnden att stärka informationssäkerheten.',
      '',
      'Nämnden tackar för granskningen och delar revisorernas bedömning. Nämnden anser att arbetet fungerar väl och skulle kunna utvecklas på sikt.',
    ].join('\n');
    assert.throws(
      () => extractDraft('yttrande.txt', text, { today: TODAY }),
      (error: unknown) =>
        error instanceof ImportError &&
        error.message.startsWith('yttrande.txt: hittade inga åtgärder i dokumentet') &&
        !error.message.includes('\n'),
    );
  });
});

describe('commitmentOf: what commits and what does not', () => {
  const rows: [string, string, boolean][] = [
    ['future', 'Inventeringen kommer att göras under hösten 2021.', true],
    ['future with subject between', 'På sikt kommer det systematiska kvalitetsarbetet att utvecklas.', true],
    ['future without att', 'Uppföljning kommer ske i maj 2024.', true],
    ['modal with a passive', 'I handlingsplanen framgår att mål ska formuleras för arbetet.', true],
    ['intent', 'Förvaltningen avser att utveckla enhetliga mål.', true],
    ['estimate', 'Arbetet beräknas vara slutfört innan sommaren.', true],
    ['planned', 'Ett möte för att starta upp SSPF är inplanerat.', true],
    ['present with a deadline', 'Nämnden arbetar under 2026 med att ta fram indikatorer.', true],
    ['passive of change', 'Rutinen revideras.', true],
    ['prediction', 'Det kommer bli ännu vassare på att redovisa skillnader.', false],
    ['hypothetical', 'På sikt skulle ett gemensamt arbetssätt kunna diskuteras.', false],
    ['opinion', 'Nämnden anser att arbetet bör fortgå i befintliga forum.', false],
    ['need', 'Analys och utvärdering av resultat behöver utvecklas.', false],
    ['negated', 'Nämnden kommer inte att vidta fler åtgärder.', false],
    ['purpose', 'För att styrningen ska fungera optimalt krävs ett helhetstänk.', false],
    ['quoted norm', 'Enligt överenskommelsen ska brister hanteras av cheferna.', false],
    ['past', 'Kommunchefen har tillsatt en styrgrupp under 2026.', false],
    ['about the audit', 'Rapporten lämnar rekommendationer om vilka åtgärder som kommer att vidtas.', false],
    ['a routine', 'Avvikelser lyfts kontinuerligt på mötena.', false],
    ['a purpose for a rule', 'Rutinen ska öka kunskapen om varandras verksamhet.', false],
    [
      'future after an adverbial',
      'Kommunen kommer även i fortsättningen följa lagarna för krisberedskap.',
      true,
    ],
    ['future after "bland annat"', 'Kommunen kommer bland annat göra fler kontroller.', true],
    ['future after "också"', 'Kommunen kommer också se till att dokumenten är uppdaterade.', true],
    [
      'a hedge in a subordinate clause',
      'Vi kommer att göra kontroller av det som skulle ha betalats ut.',
      true,
    ],
    ['a hedge in the main clause', 'Vi skulle kunna göra fler kontroller.', false],
    ['a report owed to the board', 'Till dess ska kommunstyrelsen varje kvartal få en rapport.', true],
    [
      "the committee's own plan",
      'Enligt planen ska verksamheten kunna påbörja inflyttning i januari 2027.',
      true,
    ],
    ['a plan of others quoted', 'Enligt avtalet ska leverantören påbörja arbetet i januari 2027.', false],
    ['to the reader', 'Här kan du se hur förskolan planeras se ut.', false],
    [
      'a hedged step with a goal and a date ahead',
      'Upphandlingen kan starta efter sommaren med målet att börja bygga under våren 2027.',
      true,
    ],
    [
      'a hedged step with a goal and no date',
      'Upphandlingen kan starta med målet att förbättra kvaliteten.',
      false,
    ],
    ['a planned start', 'Om allt går enligt nuvarande planer blir det byggstart våren 2027.', true],
  ];
  for (const [name, sentence, commits] of rows) {
    it(`${commits ? 'commits' : 'does not commit'}: ${name}`, () => {
      const deadline = findDeadline(sentence, '2026-01-15');
      assert.equal(commitmentOf(sentence, deadline, '2026-01-15') !== null, commits, sentence);
    });
  }

  it('reads a goal with a date ahead after a hedged step as an intent, less sure than one said outright', () => {
    const sentence = 'Upphandlingen kan starta efter sommaren med målet att börja bygga under våren 2027.';
    assert.deepEqual(commitmentOf(sentence, findDeadline(sentence, '2026-01-15'), '2026-01-15'), {
      strength: 0.7,
      reason: 'intent',
    });
  });
});

describe('document blocks, sentences and committees', () => {
  it('joins a paragraph cut by a page break and keeps letterhead lines apart', () => {
    const blocks = toBlocks(
      'Ulf Olsson\nKommunstyrelsens ordförande\n\nRutinen ska öka kunskapen om varandras verksamhet. Kopplat till\n\nrutinen finns en samverkansprocess.',
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.text]),
      [
        ['heading', 'Ulf Olsson'],
        ['heading', 'Kommunstyrelsens ordförande'],
        [
          'paragraph',
          'Rutinen ska öka kunskapen om varandras verksamhet. Kopplat till rutinen finns en samverkansprocess.',
        ],
      ],
    );
  });

  it('tells bold, italic, list items and table rows apart', () => {
    const blocks = toBlocks(
      '**Svar:** Ja.\n\n**Rekommendationen i fetstil.**\n\n- *Kursiv punkt.*\n\n| a | b |',
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.emphasis, b.text]),
      [
        ['paragraph', null, 'Svar: Ja.'],
        ['paragraph', 'bold', 'Rekommendationen i fetstil.'],
        ['item', 'italic', 'Kursiv punkt.'],
        ['row', null, 'a | b'],
      ],
    );
  });

  it('splits sentences but not after abbreviations', () => {
    assert.deepEqual(sentencesOf('I gruppen ingår bl.a. chefer. Arbetet t.ex. SIP pågår. Klart 2024.'), [
      'I gruppen ingår bl.a. chefer.',
      'Arbetet t.ex. SIP pågår.',
      'Klart 2024.',
    ]);
  });

  it('finds committee names in their written forms', () => {
    assert.deepEqual(
      committeesIn(
        'Kommunstyrelsen, Individ- och familjeomsorgsnämnden Sociala omsorgsnämnden, tekniska nämndens, KULTURNÄMNDEN, ' +
          'Miljö-, bygg- och hälsoskyddsnämnden och familjeomsorgs-nämnden; inte nämnderna, samma nämnd eller styrelsen.',
      ),
      [
        'Kommunstyrelsen',
        'Individ- och familjeomsorgsnämnden',
        'Sociala omsorgsnämnden',
        'Tekniska nämnden',
        'Kulturnämnden',
        'Miljö-, bygg- och hälsoskyddsnämnden',
        'Familjeomsorgsnämnden',
      ],
    );
  });
});
