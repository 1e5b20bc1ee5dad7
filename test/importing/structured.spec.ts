import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError } from '../../src/importing/errors';
import {
  MAX_ACTIONS_PER_FILE,
  MAX_AUDITS_PER_FILE,
  parseImportFile,
  type ImportDocument,
} from '../../src/importing/structured';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

const SON = 'Sociala omsorgsnämnden';

/** The docs/import-format.md example as the parser must return it: defaults filled in. */
const CONTRACT_EXAMPLE: ImportDocument = {
  audits: [
    {
      title: 'Granskning av barnkonventionen',
      auditor: 'Stadsrevisionen',
      reportDate: '2021-12-01',
      diaryNumber: 'SON 2022-00030',
      committees: [SON],
      responseDue: [{ committee: SON, due: '2022-05-31' }],
      boardFeedback: [],
      recommendations: [
        {
          text: 'Säkerställ att barnkonsekvensanalyser genomförs och dokumenteras',
          committees: [SON],
          actions: [
            {
              text: 'Rutin för egenkontroll tas fram',
              owner: 'anna.andersson@kommun.se',
              committee: SON,
              due: 'innan årets slut',
              documentDate: '2022-05-16',
              evidence: [],
            },
          ],
        },
      ],
    },
  ],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A fresh, valid file as a plain object, for a test to break one thing in. */
function validFile(): JsonObject {
  return JSON.parse(fixture('contract-example.json')) as JsonObject;
}

// Typed views into validFile(), so a test reads as the path the error will name.
function audit(file: JsonObject, index = 0): JsonObject {
  return (file.audits as JsonObject[])[index];
}
function recommendation(file: JsonObject, index = 0): JsonObject {
  return (audit(file).recommendations as JsonObject[])[index];
}
function action(file: JsonObject, index = 0): JsonObject {
  return (recommendation(file).actions as JsonObject[])[index];
}

function parseJson(file: JsonObject, name = 'test.json'): ImportDocument {
  return parseImportFile(name, JSON.stringify(file, null, 2));
}

/** 1-based line of the only line of `text` containing `marker`. */
function lineContaining(text: string, marker: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, index) => (line.includes(marker) ? [index + 1] : []));
  assert.equal(hits.length, 1, `marker ${marker} should occur on exactly one line`);
  return hits[0];
}

/** Asserts that `run` throws an ImportError with the given fields and a one-line message; returns it. */
interface ExpectedImportError {
  file?: string;
  line?: number | null;
  path?: string;
  field?: string;
  expected?: string;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
}

function expectImportError(run: () => unknown, expected: ExpectedImportError): ImportError {
  let caught: unknown;
  assert.throws(run, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof ImportError, `expected an ImportError, got ${String(caught)}`);
  assert.equal(caught.name, 'ImportError');
  assert.doesNotMatch(caught.message, /[\r\n]/, 'the message must be one line');
  for (const [key, value] of Object.entries(expected)) {
    const actual: unknown = caught[key as keyof ImportError];
    if (value instanceof RegExp) assert.match(String(actual), value, key);
    else assert.deepEqual(actual, value, key);
  }
  return caught;
}

describe('parseImportFile', () => {
  describe('valid files', () => {
    it('reads the docs/import-format.md example from JSON and from YAML to the same document', () => {
      const fromJson = parseImportFile('exempel.json', fixture('contract-example.json'));
      const fromYaml = parseImportFile('exempel.yaml', fixture('contract-example.yaml'));
      assert.deepEqual(fromJson, CONTRACT_EXAMPLE);
      assert.deepEqual(fromYaml, CONTRACT_EXAMPLE);
    });

    it('accepts .yml and upper-case extensions', () => {
      assert.deepEqual(parseImportFile('EXEMPEL.YML', fixture('contract-example.yaml')), CONTRACT_EXAMPLE);
      assert.deepEqual(
        parseImportFile('C:\\filer\\Exempel.Json', fixture('contract-example.json')),
        CONTRACT_EXAMPLE,
      );
    });

    it('fills defaults for omitted optional fields', () => {
      const file = validFile();
      delete audit(file).diaryNumber;
      delete audit(file).responseDue;
      delete action(file).owner;
      delete action(file).due;
      delete action(file).documentDate;
      const parsed = parseJson(file).audits[0];
      assert.equal(parsed.diaryNumber, null);
      assert.deepEqual(parsed.responseDue, []);
      assert.deepEqual(parsed.boardFeedback, []);
      assert.deepEqual(parsed.recommendations[0].actions[0], {
        text: 'Rutin för egenkontroll tas fram',
        owner: null,
        committee: SON,
        due: null,
        documentDate: null,
        evidence: [],
      });
    });

    it('reads explicit null as "no value" for optional fields', () => {
      const file = validFile();
      audit(file).diaryNumber = null;
      Object.assign(action(file), { owner: null, due: null, documentDate: null });
      const parsed = parseJson(file).audits[0];
      assert.equal(parsed.diaryNumber, null);
      assert.deepEqual(
        [parsed.recommendations[0].actions[0].owner, parsed.recommendations[0].actions[0].due],
        [null, null],
      );
      assert.equal(parsed.recommendations[0].actions[0].documentDate, null);
    });

    it('keeps boardFeedback when given', () => {
      const file = validFile();
      audit(file).boardFeedback = [{ committee: SON, due: '2023-01-31' }];
      assert.deepEqual(parseJson(file).audits[0].boardFeedback, [{ committee: SON, due: '2023-01-31' }]);
    });

    it('tolerates a byte-order mark', () => {
      assert.deepEqual(
        parseImportFile('bom.json', `\uFEFF${fixture('contract-example.json')}`),
        CONTRACT_EXAMPLE,
      );
    });
  });

  describe('a bad row in a long file', () => {
    /** An 80-line YAML file of six audits; the owner on line 40 is not an e-mail address. */
    function generatedYaml(): string {
      const lines = ['# Genererad testfil: 80 rader,', '# en felaktig rad (rad 40).', 'audits:'];
      for (let k = 0; k < 6; k++) {
        lines.push(
          `  - title: Granskning ${k}`,
          '    auditor: Stadsrevisionen',
          '    reportDate: 2021-12-01',
          '    committees: [Sociala omsorgsnämnden]',
          '    responseDue: [{ committee: Sociala omsorgsnämnden, due: 2022-05-31 }]',
          '    recommendations:',
          `      - text: Rekommendation ${k}`,
          '        committees: [Sociala omsorgsnämnden]',
          '        actions:',
          `          - text: Åtgärd ${k}`,
          `            owner: ${k === 2 ? 'anna.andersson' : `person${k}@kommun.se`}`,
          '            committee: Sociala omsorgsnämnden',
        );
        if (k < 5) lines.push('            due: 2022-12-31');
      }
      return `${lines.join('\n')}\n`;
    }

    it('names file, line 40, path and field in one line', () => {
      const text = generatedYaml();
      const lines = text.trimEnd().split('\n');
      assert.equal(lines.length, 80);
      assert.match(lines[39], /owner: anna\.andersson$/);

      expectImportError(() => parseImportFile('generated.yaml', text), {
        file: 'generated.yaml',
        line: 40,
        path: 'audits[2].recommendations[0].actions[0].owner',
        field: 'owner',
        expected: 'en e-postadress',
        message:
          'generated.yaml rad 40: audits[2].recommendations[0].actions[0].owner: förväntade en e-postadress, fick "anna.andersson"',
      });
    });

    it('gives the same line for the file as JSON', () => {
      const file = validFile();
      const actions = action(file);
      const many = Array.from({ length: 6 }, (_, k) => ({
        ...audit(file),
        title: `Granskning ${k}`,
        diaryNumber: `SON ${k}`,
        recommendations: [
          {
            ...recommendation(file),
            actions: [{ ...actions, owner: k === 2 ? 'anna.andersson' : `person${k}@kommun.se` }],
          },
        ],
      }));
      const text = JSON.stringify({ audits: many }, null, 2);
      expectImportError(() => parseImportFile('generated.json', text), {
        line: lineContaining(text, '"anna.andersson"'),
        path: 'audits[2].recommendations[0].actions[0].owner',
      });
    });

    it('reports the problem nearest the top first and counts the others', () => {
      const file = validFile();
      action(file).owner = 'inte-en-adress';
      audit(file).title = '';
      const text = JSON.stringify(file, null, 2);
      expectImportError(() => parseImportFile('t.json', text), {
        line: lineContaining(text, '"title"'),
        path: 'audits[0].title',
        message:
          /: audits\[0\]\.title: förväntade en titel som inte är tom, fick "" \(och 1 fel till i filen\)$/,
      });
    });
  });

  describe('types', () => {
    const cases: { name: string; change: (file: JsonObject) => void; path: string; got: string }[] = [
      {
        name: 'a number for a string',
        change: (f) => (audit(f).title = 42),
        path: 'audits[0].title',
        got: 'talet 42',
      },
      {
        name: 'null where a value is required',
        change: (f) => (audit(f).auditor = null),
        path: 'audits[0].auditor',
        got: 'null',
      },
      {
        name: 'a missing field',
        change: (f) => delete audit(f).reportDate,
        path: 'audits[0].reportDate',
        got: 'inget (fältet saknas)',
      },
      {
        name: 'an object for a list',
        change: (f) => (audit(f).committees = { a: SON }),
        path: 'audits[0].committees',
        got: 'ett objekt',
      },
      {
        name: 'a list for an object',
        change: (f) => (recommendation(f).actions = [[]]),
        path: 'audits[0].recommendations[0].actions[0]',
        got: 'en lista med 0 element',
      },
      {
        name: 'a boolean for an e-mail',
        change: (f) => (action(f).owner = true),
        path: 'audits[0].recommendations[0].actions[0].owner',
        got: 'true (ett sanningsvärde)',
      },
      {
        name: 'a string for the list of audits',
        change: (f) => (f.audits = 'alla'),
        path: 'audits',
        got: '"alla"',
      },
    ];
    for (const { name, change, path, got } of cases) {
      it(`refuses ${name}`, () => {
        const file = validFile();
        change(file);
        expectImportError(() => parseJson(file), {
          path,
          message: new RegExp(`: förväntade .+, fick ${escape(got)}$`),
        });
      });
    }

    it('refuses NaN (YAML .nan) for a string', () => {
      const text = fixture('contract-example.yaml').replace(
        'title: Granskning av barnkonventionen',
        'title: .nan',
      );
      expectImportError(() => parseImportFile('t.yaml', text), {
        line: 3,
        path: 'audits[0].title',
        field: 'title',
        expected: 'en titel',
        message: 't.yaml rad 3: audits[0].title: förväntade en titel, fick NaN',
      });
    });

    it('refuses an unquoted number where YAML text is expected', () => {
      const text = fixture('contract-example.yaml').replace(
        'diaryNumber: SON 2022-00030',
        'diaryNumber: 2022',
      );
      expectImportError(() => parseImportFile('t.yaml', text), { line: 6, path: 'audits[0].diaryNumber' });
    });

    it('refuses a file whose root is not an object', () => {
      expectImportError(() => parseImportFile('t.json', '[]'), {
        line: 1,
        path: '',
        message: /^t\.json rad 1: förväntade ett objekt/,
      });
    });

    it('refuses an empty file', () => {
      expectImportError(() => parseImportFile('t.yaml', ''), { line: 1, message: /fick null$/ });
    });
  });

  describe('unknown fields', () => {
    it('refuses a misspelt field and says which fields are allowed, with its line', () => {
      const text = fixture('contract-example.yaml').replace('owner:', 'ownr:');
      expectImportError(() => parseImportFile('t.yaml', text), {
        line: lineContaining(text, 'ownr:'),
        path: 'audits[0].recommendations[0].actions[0].ownr',
        field: 'ownr',
        message: /okänt fält "ownr"; tillåtna fält är text, owner, committee, due, documentDate, evidence$/,
      });
    });

    it('refuses an unknown field at the top', () => {
      const file = validFile();
      file.version = 2;
      const text = JSON.stringify(file, null, 2);
      expectImportError(() => parseImportFile('t.json', text), {
        path: 'version',
        line: lineContaining(text, '"version"'),
      });
    });
  });

  describe('strings', () => {
    it('trims and folds spaces in names', () => {
      const file = validFile();
      audit(file).title = '  Granskning   av  barnkonventionen \u00A0';
      assert.equal(parseJson(file).audits[0].title, 'Granskning av barnkonventionen');
    });

    it('normalises decomposed input (NFD) to NFC', () => {
      const file = validFile();
      const nfd = SON.normalize('NFD');
      assert.notEqual(nfd, SON);
      audit(file).committees = [nfd];
      audit(file).responseDue = [{ committee: nfd, due: '2022-05-31' }];
      recommendation(file).committees = [nfd];
      action(file).committee = SON; // composed here: must still match the decomposed names above
      action(file).text = 'Åtgärd för äldreomsorg'.normalize('NFD');
      const parsed = parseJson(file).audits[0];
      assert.deepEqual(parsed.committees, [SON]);
      assert.equal(parsed.recommendations[0].actions[0].text, 'Åtgärd för äldreomsorg');
      assert.equal(parsed.recommendations[0].actions[0].text, 'Åtgärd för äldreomsorg'.normalize('NFC'));
    });

    it('strips zero-width and bidi control characters', () => {
      const file = validFile();
      audit(file).title =
        '\u202EGransk\u200Bning\u2060 av\uFEFF barn\u200D\u200Ckonventionen\u2066\u2069\u202C';
      action(file).committee = `Sociala\u200B omsorgsnämnden`;
      const parsed = parseJson(file).audits[0];
      assert.equal(parsed.title, 'Granskning av barnkonventionen');
      assert.equal(parsed.recommendations[0].actions[0].committee, SON);
    });

    it("keeps ' verbatim (odata escapes it later)", () => {
      const file = validFile();
      audit(file).title = "Granskning av 'barnens' bästa";
      action(file).text = "Rutin för o'Neills egenkontroll";
      action(file).owner = "o'neill@kommun.se";
      const parsed = parseJson(file).audits[0];
      assert.equal(parsed.title, "Granskning av 'barnens' bästa");
      assert.equal(parsed.recommendations[0].actions[0].text, "Rutin för o'Neills egenkontroll");
      assert.equal(parsed.recommendations[0].actions[0].owner, "o'neill@kommun.se");
    });

    it('allows / \\ # ? in committee names', () => {
      const name = 'Kultur/fritid\\nämnd #2?';
      const file = validFile();
      audit(file).committees = [name];
      audit(file).responseDue = [{ committee: name, due: '2022-05-31' }];
      recommendation(file).committees = [name];
      action(file).committee = name;
      assert.equal(parseJson(file).audits[0].recommendations[0].actions[0].committee, name);
    });

    it('refuses control characters and keeps the message on one line', () => {
      const file = validFile();
      audit(file).title = 'Gransk\u0007ning';
      expectImportError(() => parseJson(file), {
        path: 'audits[0].title',
        expected: 'en text utan styrtecken',
        message: /audits\[0\]\.title: innehåller ett otillåtet styrtecken \(U\+0007\)$/,
      });
    });

    it('refuses a line break in a name but keeps one in a long text', () => {
      const broken = validFile();
      audit(broken).auditor = 'Stads\nrevisionen';
      expectImportError(() => parseJson(broken), { path: 'audits[0].auditor', message: /U\+000A/ });

      const text = fixture('contract-example.yaml').replace(
        '          - text: Rutin för egenkontroll tas fram',
        '          - text: |\n              Rutin för egenkontroll tas fram.\n              Den beslutas i nämnden.',
      );
      assert.equal(
        parseImportFile('t.yaml', text).audits[0].recommendations[0].actions[0].text,
        'Rutin för egenkontroll tas fram.\nDen beslutas i nämnden.',
      );
    });

    it('refuses a lone surrogate', () => {
      const file = validFile();
      const text = JSON.stringify(file, null, 2).replace('Stadsrevisionen', 'Stads\\ud800revisionen');
      expectImportError(() => parseImportFile('t.json', text), {
        path: 'audits[0].auditor',
        message: /U\+D800/,
      });
    });

    const required: { name: string; change: (file: JsonObject) => void; path: string }[] = [
      { name: 'title', change: (f) => (audit(f).title = '   '), path: 'audits[0].title' },
      { name: 'auditor', change: (f) => (audit(f).auditor = ''), path: 'audits[0].auditor' },
      {
        name: 'recommendation text',
        change: (f) => (recommendation(f).text = '\u200B'),
        path: 'audits[0].recommendations[0].text',
      },
      {
        name: 'action text',
        change: (f) => (action(f).text = ' \n '),
        path: 'audits[0].recommendations[0].actions[0].text',
      },
      {
        name: 'diaryNumber when given',
        change: (f) => (audit(f).diaryNumber = ''),
        path: 'audits[0].diaryNumber',
      },
      {
        name: 'due when given',
        change: (f) => (action(f).due = ' '),
        path: 'audits[0].recommendations[0].actions[0].due',
      },
    ];
    for (const { name, change, path } of required) {
      it(`refuses an empty ${name}`, () => {
        const file = validFile();
        change(file);
        expectImportError(() => parseJson(file), { path, message: /som inte är tom, fick / });
      });
    }

    const limits: {
      field: string;
      max: number;
      set: (file: JsonObject, value: string) => void;
      path: string;
    }[] = [
      { field: 'title', max: 500, set: (f, v) => (audit(f).title = v), path: 'audits[0].title' },
      { field: 'auditor', max: 200, set: (f, v) => (audit(f).auditor = v), path: 'audits[0].auditor' },
      {
        field: 'diaryNumber',
        max: 100,
        set: (f, v) => (audit(f).diaryNumber = v),
        path: 'audits[0].diaryNumber',
      },
      {
        field: 'recommendation text',
        max: 4000,
        set: (f, v) => (recommendation(f).text = v),
        path: 'audits[0].recommendations[0].text',
      },
      {
        field: 'action text',
        max: 4000,
        set: (f, v) => (action(f).text = v),
        path: 'audits[0].recommendations[0].actions[0].text',
      },
      {
        field: 'committee',
        max: 200,
        set: (f, v) => {
          audit(f).committees = [v];
          audit(f).responseDue = [];
          recommendation(f).committees = [v];
          action(f).committee = v;
        },
        path: 'audits[0].committees[0]',
      },
    ];
    for (const { field, max, set, path } of limits) {
      it(`takes ${max} characters of ${field} and refuses ${max + 1}`, () => {
        const atLimit = validFile();
        set(atLimit, 'x'.repeat(max));
        assert.doesNotThrow(() => parseJson(atLimit));
        const over = validFile();
        set(over, 'x'.repeat(max + 1));
        expectImportError(() => parseJson(over), {
          path,
          message: new RegExp(`på högst ${max} tecken, fick "x+"… \\(${max + 1} tecken\\)`),
        });
      });
    }
  });

  describe('owner', () => {
    it('refuses what is not an e-mail address', () => {
      for (const owner of ['anna.andersson', 'anna@', '@kommun.se', 'anna andersson@kommun.se', '']) {
        const file = validFile();
        action(file).owner = owner;
        expectImportError(() => parseJson(file), {
          path: 'audits[0].recommendations[0].actions[0].owner',
          field: 'owner',
          expected: 'en e-postadress',
        });
      }
    });

    it('lower-cases the address', () => {
      const file = validFile();
      action(file).owner = ' Anna.Andersson@Kommun.SE ';
      assert.equal(parseJson(file).audits[0].recommendations[0].actions[0].owner, 'anna.andersson@kommun.se');
    });
  });

  describe('dates', () => {
    const fields: { name: string; set: (file: JsonObject, value: string) => void; path: string }[] = [
      { name: 'reportDate', set: (f, v) => (audit(f).reportDate = v), path: 'audits[0].reportDate' },
      {
        name: 'responseDue[].due',
        set: (f, v) => (audit(f).responseDue = [{ committee: SON, due: v }]),
        path: 'audits[0].responseDue[0].due',
      },
      {
        name: 'boardFeedback[].due',
        set: (f, v) => (audit(f).boardFeedback = [{ committee: SON, due: v }]),
        path: 'audits[0].boardFeedback[0].due',
      },
      {
        name: 'documentDate',
        set: (f, v) => (action(f).documentDate = v),
        path: 'audits[0].recommendations[0].actions[0].documentDate',
      },
    ];
    for (const { name, set, path } of fields) {
      it(`${name}: takes 2024-02-29, refuses 2023-02-30 as not in the calendar`, () => {
        const leap = validFile();
        set(leap, '2024-02-29');
        assert.doesNotThrow(() => parseJson(leap));
        const bad = validFile();
        set(bad, '2023-02-30');
        expectImportError(() => parseJson(bad), {
          path,
          expected: 'ett datum som finns i kalendern',
          message: new RegExp(`${escape(path)}: 2023-02-30 finns inte i kalendern$`),
        });
      });

      it(`${name}: refuses other shapes than YYYY-MM-DD`, () => {
        for (const value of ['31/4', '2023-2-3', 'igår', '2023-02-03T10:00']) {
          const file = validFile();
          set(file, value);
          expectImportError(() => parseJson(file), {
            path,
            expected: 'ett datum ÅÅÅÅ-MM-DD',
            message: new RegExp(`förväntade ett datum ÅÅÅÅ-MM-DD, fick ${escape(JSON.stringify(value))}$`),
          });
        }
      });
    }

    it('keeps an action due phrase as written', () => {
      for (const due of ['innan årets slut', 'nästa fredag', '31/4', 'under hösten 2021', '2024-02-29']) {
        const file = validFile();
        action(file).due = due;
        assert.equal(parseJson(file).audits[0].recommendations[0].actions[0].due, due);
      }
    });

    it('refuses an action due that looks like an ISO date but is not in the calendar', () => {
      const file = validFile();
      action(file).due = '2023-02-30';
      expectImportError(() => parseJson(file), {
        path: 'audits[0].recommendations[0].actions[0].due',
        message: /due: 2023-02-30 finns inte i kalendern$/,
      });
    });

    it('refuses an action due that is a number', () => {
      const file = validFile();
      action(file).due = 20221231;
      expectImportError(() => parseJson(file), { field: 'due', message: /fick talet 20221231$/ });
    });
  });

  describe('structure and references', () => {
    it('needs at least one audit', () => {
      expectImportError(() => parseImportFile('t.json', '{ "audits": [] }'), {
        path: 'audits',
        line: 1,
        message: 't.json rad 1: audits: förväntade minst en granskning, fick en lista med 0 element',
      });
    });

    it('needs at least one recommendation and one committee', () => {
      const noRecommendations = validFile();
      audit(noRecommendations).recommendations = [];
      expectImportError(() => parseJson(noRecommendations), { path: 'audits[0].recommendations' });
      const noCommittees = validFile();
      recommendation(noCommittees).committees = [];
      expectImportError(() => parseJson(noCommittees), { path: 'audits[0].recommendations[0].committees' });
    });

    it("refuses an action whose committee is not one of its recommendation's", () => {
      const file = validFile();
      audit(file).committees = [SON, 'Kulturnämnden'];
      action(file).committee = 'Kulturnämnden';
      const text = JSON.stringify(file, null, 2);
      expectImportError(() => parseImportFile('t.json', text), {
        line: lineContaining(text, '"committee": "Kulturnämnden"'),
        path: 'audits[0].recommendations[0].actions[0].committee',
        message: /"Kulturnämnden" finns inte bland rekommendationens nämnder \(Sociala omsorgsnämnden\)$/,
      });
    });

    it("refuses a recommendation committee that is not among the audit's", () => {
      const file = validFile();
      recommendation(file).committees = [SON, 'Kulturnämnden'];
      expectImportError(() => parseJson(file), {
        path: 'audits[0].recommendations[0].committees[1]',
        message: /"Kulturnämnden" finns inte bland granskningens nämnder \(Sociala omsorgsnämnden\)$/,
      });
    });

    it("refuses responseDue and boardFeedback committees that are not among the audit's", () => {
      const response = validFile();
      audit(response).responseDue = [{ committee: 'Kulturnämnden', due: '2022-05-31' }];
      expectImportError(() => parseJson(response), { path: 'audits[0].responseDue[0].committee' });
      const feedback = validFile();
      audit(feedback).boardFeedback = [{ committee: 'Kulturnämnden', due: '2022-05-31' }];
      expectImportError(() => parseJson(feedback), { path: 'audits[0].boardFeedback[0].committee' });
    });

    it('refuses a committee named twice', () => {
      const file = validFile();
      audit(file).committees = [SON, ` ${SON}`];
      expectImportError(() => parseJson(file), {
        path: 'audits[0].committees[1]',
        message: /står två gånger i listan$/,
      });
    });

    it('refuses the same action twice under one recommendation, naming both', () => {
      const file = validFile();
      const first = action(file);
      recommendation(file).actions = [
        first,
        { ...first, text: 'En annan åtgärd' },
        { ...first, text: ` Rutin för  egenkontroll\u200B tas fram`.normalize('NFD') },
      ];
      expectImportError(() => parseJson(file), {
        path: 'audits[0].recommendations[0].actions[2].text',
        message: /actions\[2\]\.text: samma åtgärd som audits\[0\]\.recommendations\[0\]\.actions\[0\]$/,
      });
    });

    it('allows the same action text under two recommendations', () => {
      const file = validFile();
      audit(file).recommendations = [
        recommendation(file),
        { ...recommendation(file), text: 'Annan rekommendation' },
      ];
      assert.equal(parseJson(file).audits[0].recommendations.length, 2);
    });

    it('refuses the same audit twice in one file', () => {
      const file = validFile();
      file.audits = [audit(file), { ...audit(file), title: 'Annan titel' }];
      expectImportError(() => parseJson(file), {
        path: 'audits[1].diaryNumber',
        message: /samma granskning som audits\[0\] \(samma diarienummer\)$/,
      });
    });

    it(`refuses more than ${MAX_AUDITS_PER_FILE} audits`, () => {
      const file = validFile();
      const one = audit(file);
      file.audits = Array.from({ length: MAX_AUDITS_PER_FILE + 1 }, (_, k) => ({
        ...one,
        diaryNumber: `D ${k}`,
      }));
      expectImportError(() => parseJson(file), {
        path: 'audits',
        message: /förväntade högst 1000 granskningar per fil, fick en lista med 1001 element$/,
      });
      file.audits = (file.audits as Json[]).slice(0, MAX_AUDITS_PER_FILE);
      assert.equal(parseJson(file).audits.length, MAX_AUDITS_PER_FILE);
    });

    it(`refuses more than ${MAX_ACTIONS_PER_FILE} actions`, () => {
      const file = validFile();
      const one = action(file);
      const actions = (count: number) =>
        Array.from({ length: count }, (_, k) => ({ ...one, text: `Åtgärd ${k}` }));
      recommendation(file).actions = actions(MAX_ACTIONS_PER_FILE + 1);
      expectImportError(() => parseJson(file), { path: 'audits', message: /filen har 10001 åtgärder/ });
      recommendation(file).actions = actions(MAX_ACTIONS_PER_FILE);
      assert.equal(parseJson(file).audits[0].recommendations[0].actions.length, MAX_ACTIONS_PER_FILE);
    });
  });

  describe('syntax and file type', () => {
    it('reports a JSON trailing comma with its line', () => {
      const text = fixture('contract-example.json').replace(
        '"due": "innan årets slut",',
        '"due": "innan årets slut",,',
      );
      expectImportError(() => parseImportFile('t.json', text), {
        line: lineContaining(text, ',,'),
        path: '',
        expected: 'giltig JSON',
        message: new RegExp(`^t\\.json rad ${lineContaining(text, ',,')}: ogiltig JSON: `),
      });
    });

    it('reports a JSON error that V8 gives no position for, with its line', () => {
      const text = fixture('contract-example.json').replace('"innan årets slut"', 'tru');
      const error = expectImportError(() => parseImportFile('t.json', text), {
        line: lineContaining(text, 'tru,'),
        message: /ogiltig JSON: okänt värde "tru"/,
      });
      assert.ok(error.cause instanceof SyntaxError);
    });

    it('reports a JSON file that ends too early on its last line', () => {
      const text = fixture('contract-example.json').split('\n').slice(0, 10).join('\n');
      expectImportError(() => parseImportFile('t.json', text), {
        line: 10,
        message: /ogiltig JSON: filen tar slut/,
      });
    });

    it('reports an unclosed JSON string on its own line', () => {
      const text = fixture('contract-example.json').replace('"Stadsrevisionen",', '"Stadsrevisionen,');
      expectImportError(() => parseImportFile('t.json', text), {
        line: lineContaining(text, 'Stadsrevisionen'),
        message: /ogiltig JSON: radbrytning eller styrtecken inuti en sträng/,
      });
      const unterminated = '{\n  "audits": [\n    "oavslutad\n'.replace(/\n$/, '');
      expectImportError(() => parseImportFile('t.json', unterminated), {
        line: 3,
        message: /saknar avslutande citattecken/,
      });
    });

    it('refuses a key given twice in JSON, which JSON.parse would quietly accept', () => {
      const text = fixture('contract-example.json').replace(
        '"auditor": "Stadsrevisionen",',
        '"auditor": "Stadsrevisionen",\n      "auditor": "KPMG",',
      );
      expectImportError(() => parseImportFile('t.json', text), { line: lineContaining(text, 'KPMG') });
    });

    it('reports a YAML syntax error with its line', () => {
      const text = fixture('contract-example.yaml').replace(
        '        committees: [Sociala omsorgsnämnden]',
        '        committees: [Sociala omsorgsnämnden',
      );
      const error = expectImportError(() => parseImportFile('t.yaml', text), {
        expected: 'giltig YAML',
        message: /^t\.yaml rad \d+: ogiltig YAML: /,
      });
      // The unclosed bracket is on line 14; the parser notices it when the next line does not close it.
      assert.ok(error.line === 14 || error.line === 15, `line ${String(error.line)}`);
    });

    it('reports a YAML mapping error on its exact line', () => {
      const text = fixture('contract-example.yaml').replace(
        'due: innan årets slut',
        'due: innan: årets slut',
      );
      expectImportError(() => parseImportFile('t.yaml', text), {
        line: lineContaining(text, 'innan: årets'),
        path: '',
        field: '',
        message: /^t\.yaml rad 19: ogiltig YAML: /,
      });
    });

    it('reports a YAML key given twice with its line', () => {
      const text = fixture('contract-example.yaml').replace(
        '    auditor: Stadsrevisionen',
        '    auditor: Stadsrevisionen\n    auditor: KPMG',
      );
      expectImportError(() => parseImportFile('t.yaml', text), { line: lineContaining(text, 'KPMG') });
    });

    it('refuses other extensions, saying which are accepted', () => {
      for (const name of ['svar.txt', 'svar.docx', 'svar', 'yaml', 'svar.json.bak']) {
        expectImportError(() => parseImportFile(name, fixture('contract-example.json')), {
          file: name,
          line: null,
          message: /filen ska sluta på \.json, \.yaml, \.yml$/,
        });
      }
    });

    it('keeps a file name with a line break on one line', () => {
      expectImportError(() => parseImportFile('a\nb.txt', ''), { file: 'a\nb.txt', message: /^a b\.txt: / });
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
