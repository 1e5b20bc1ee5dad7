import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AuditRepository } from '../../src/storage/auditRepository';
import { runCliForTest, runNpmCli, useCliStorage } from '../helpers/cli';
import { newTenantId } from '../helpers/ids';

const EXAMPLE = join(__dirname, '..', 'fixtures', 'contract-example.json');
const MISTYPED = '22222222-2222-4222-8222-22222222222X';

describe('cli: --tenant and the flags of every command', () => {
  const storage = useCliStorage();

  const auditsOf = (tenant: string) =>
    new AuditRepository(storage.tables.audits).listAudits(tenant.toLowerCase());

  describe('--tenant', () => {
    it('refuses a malformed tenant id in every command, with exit status 1, writing nothing', async () => {
      const refusal = `Fel: --tenant "${MISTYPED}" är inget klient-id (tenant id); ange ett GUID som 72f988bf-86f1-41af-91ab-2d7cd011db47. Inget har ändrats.`;
      for (const argv of [
        ['import', EXAMPLE],
        ['report'],
        ['export', 'public', '--out', join(__dirname, 'never-written')],
        ['role', 'add', 'anna@kommun.se', 'chair'],
      ]) {
        const run = await runCliForTest([...argv, '--tenant', MISTYPED], storage);
        assert.equal(run.code, 1, argv.join(' '));
        assert.equal(run.err, refusal, argv.join(' '));
        assert.equal(run.out, '', argv.join(' '));
      }
      assert.deepEqual(await auditsOf(MISTYPED), []);
      assert.deepEqual(await auditsOf(storage.tenantId), []);
    });

    it('refuses a tenant outside ALLOWED_TENANT_IDS and names the allowed one; accepts the allowed one in any case', async () => {
      const other = newTenantId();
      const refused = await runCliForTest(['import', EXAMPLE, '--tenant', other], {
        ...storage,
        allowedTenantIds: [storage.tenantId],
      });
      assert.equal(refused.code, 1);
      assert.equal(
        refused.err,
        `Fel: --tenant ${other}: klienten finns inte i ALLOWED_TENANT_IDS, och boten tar inte emot den; ange ` +
          `klienten där (${storage.tenantId}). Inget har ändrats.`,
      );
      assert.deepEqual(await auditsOf(other), []);

      const allowed = await runCliForTest(['import', EXAMPLE, '--tenant', storage.tenantId.toUpperCase()], {
        connectionString: storage.connectionString,
        tenantId: other,
        allowedTenantIds: [storage.tenantId],
      });
      assert.equal(allowed.code, 0, allowed.err);
      assert.equal((await auditsOf(storage.tenantId)).length, 1);
    });

    it('refuses an empty --tenant= instead of falling back to the default tenant', async () => {
      const run = await runCliForTest(['import', EXAMPLE, '--tenant='], storage);
      assert.equal(run.code, 1);
      assert.equal(run.err, 'Fel: Flaggan --tenant saknar värde; ange klientens id.');
      assert.deepEqual(await auditsOf(storage.tenantId), []);
    });

    it('is checked against ALLOWED_TENANT_IDS when run as `npm run cli`', async function () {
      this.timeout(60_000);
      const other = newTenantId();
      const failed = await runNpmCli(['import', EXAMPLE, '--tenant', other], {
        connectionString: storage.connectionString,
        allowedTenantId: storage.tenantId,
      });
      assert.equal(failed.code, 1);
      assert.equal(failed.out, '');
      assert.match(failed.err, /klienten finns inte i ALLOWED_TENANT_IDS/);
      assert.deepEqual(await auditsOf(other), []);
    });
  });

  describe('flag errors are Swedish, name the flag and give the usage', () => {
    const cases: Array<{ argv: string[]; err: string }> = [
      {
        argv: ['import', EXAMPLE, '--tenant'],
        err:
          'Fel: Flaggan --tenant saknar värde. Användning: npm run cli -- ' +
          'import <fil> [--json] [--yes] [--date ÅÅÅÅ-MM-DD]',
      },
      {
        argv: ['report', '--bogus'],
        err:
          'Fel: Okänd flagga --bogus. Användning: npm run cli -- ' +
          'report [--format md,html,csv,xlsx] [--as-of ÅÅÅÅ-MM-DD] [--out FIL] [--lang sv|en]',
      },
      {
        argv: ['import', EXAMPLE, '--json=ja'],
        err:
          'Fel: Flaggan --json tar inget värde (skriv bara --json). Användning: npm run cli -- ' +
          'import <fil> [--json] [--yes] [--date ÅÅÅÅ-MM-DD]',
      },
      {
        argv: ['review', 'SON 2022-00030', '--out', '--format', 'md'],
        err:
          'Fel: Flaggan --out saknar värde ("--format" ser ut som en flagga; skriv --out=--format om det är ' +
          'värdet). Användning: npm run cli -- review <diarienummer eller gransknings-id> [--format md,html,xlsx] ' +
          '[--out FIL] [--lang sv|en]',
      },
      {
        argv: ['outbox', 'list', '-x'],
        err:
          'Fel: Okänd flagga -x. Användning: npm run cli -- ' +
          'outbox list [--days <n>] | outbox settle <id> delivered|resend',
      },
    ];
    for (const { argv, err } of cases) {
      it(argv.map((arg) => (arg === EXAMPLE ? 'v.json' : arg)).join(' '), async () => {
        const run = await runCliForTest(argv, storage);
        assert.equal(run.code, 1);
        assert.equal(run.err, err);
        assert.equal(run.out, '');
        assert.deepEqual(await auditsOf(storage.tenantId), []);
      });
    }
  });
});
