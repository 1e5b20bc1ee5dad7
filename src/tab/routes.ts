/**
 * The tab on the bot's own server: the page under `/tab/` and its JSON API under `/tab/api/`. Every API request
 * names its caller by a Teams SSO token (tokens.ts), or in local mode by nothing (then it is the Agents
 * Playground's demo user). Storage is read only once the caller is known, and each view shows what chat would show
 * that person (dashboard.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import { civilDateAt } from '../domain/dates';
import { inScope, mayHaveBoardReport, mayHaveReviewPack, summaryScope } from '../domain/access';
import { committeeKey } from '../domain/committees';
import type { VerdictEvent } from '../domain/types';
import {
  buildBoardReport,
  buildReviewPack,
  isReportFormat,
  isReviewFormat,
  renderReport,
  readReportInput,
  readReviewPackInput,
  renderReviewPack,
  reportSourcesOf,
  type ReportFormat,
} from '../reports';
import {
  ActionRepository,
  AuditRepository,
  ChangeMarkers,
  NotFoundError,
  RoleRepository,
  StorageError,
  UserRepository,
  type Tables,
} from '../storage';
import type { TabDashboard, TabErrorBody } from './apiTypes';
import { readTabAsset, TAB_PAGES, TAB_SECURITY_HEADERS } from './assets';
import { CompressedFiles, encodeBody, matchesETag } from './compression';
import { PLAYGROUND_DEMO_USER, resolveTabCaller, type TabCaller, type TabCallerSources } from './caller';
import {
  buildAuditDetail,
  buildDashboard,
  committeeChoices,
  dashboardScope,
  mayDownloadReport,
  type DashboardInput,
} from './dashboard';
import { TabApiError } from './errors';
import { TenantSnapshots } from './snapshots';
import { TabTokenVerifier } from './tokens';

/** The settings the tab needs, by the names of the server's configuration. */
export interface TabSettings {
  readonly localMode: boolean;
  /** In local mode, the tenant the demo user belongs to (the Playground's, or the only allowed one). */
  readonly defaultTenantId: string | null;
  readonly allowedTenantIds: readonly string[];
  readonly adminAadIds: readonly string[];
  readonly timeZone: string;
  readonly tabAppClientId: string | null;
  readonly tabJwksUrl: string;
  /** The bot's app id, for deep links into its chat. */
  readonly microsoftAppId: string | null;
}

/** What {@link registerTabRoutes} is given. */
export interface TabRouteDeps {
  readonly settings: TabSettings;
  /**
   * Opens the tables; called on the first request that gets past authentication (the server starts, and answers
   * /healthz, while storage is down), again after a failure.
   */
  readonly tables: () => Promise<Tables>;
  readonly log: Logger;
  /** The directory the page was built into. */
  readonly assetsDir: string;
  /** The clock that decides what is overdue. Default: the system clock. */
  readonly now?: () => Date;
  /**
   * How long a tenant's cached data is used while its change marker stays put, in milliseconds (snapshots.ts).
   * Default: 300,000 (5 minutes).
   */
  readonly snapshotMaxAgeMs?: number;
}

/** Most committees a channel tab may pick, and the longest name accepted. */
const MAX_COMMITTEES = 50;
const MAX_COMMITTEE_LENGTH = 200;

const REPORT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const REVIEW_TYPES: Record<'md' | 'html' | 'xlsx', string> = {
  md: REPORT_TYPES.md,
  html: REPORT_TYPES.html,
  xlsx: REPORT_TYPES.xlsx,
};

/** Registers `/tab/`, its files and `/tab/api/…` on the server. */
export function registerTabRoutes(server: Server, deps: TabRouteDeps): void {
  const { settings, tables, log } = deps;
  const now = deps.now ?? (() => new Date());
  const verifier =
    settings.tabAppClientId === null
      ? null
      : new TabTokenVerifier({
          clientId: settings.tabAppClientId,
          jwksUrl: settings.tabJwksUrl,
          allowedTenantIds: settings.allowedTenantIds,
        });
  let opening: Promise<Repositories> | null = null;
  const repositories = (): Promise<Repositories> => {
    opening ??= tables().then(
      (opened) => ({
        tables: opened,
        sources: {
          users: new UserRepository(opened.users),
          roles: new RoleRepository(opened.roles, opened.users),
          adminAadIds: settings.adminAadIds,
        },
        actions: new ActionRepository(opened.actions),
        audits: new AuditRepository(opened.audits),
        markers: new ChangeMarkers(opened),
      }),
      (error: unknown) => {
        opening = null;
        throw error;
      },
    );
    return opening;
  };

  /** Who asks: checked fully before anything else happens, and before storage is read. */
  const callerOf = async (headers: IncomingHttpHeaders): Promise<{ caller: TabCaller; local: boolean }> => {
    const authorization = headers.authorization;
    if (settings.localMode && authorization === undefined) {
      if (settings.defaultTenantId === null) {
        throw new TabApiError('notConfigured', 'Lokalt läge utan en enda klient: ange ALLOWED_TENANT_IDS.');
      }
      const identity = {
        tenantId: settings.defaultTenantId,
        aadObjectId: PLAYGROUND_DEMO_USER.aadObjectId,
        name: PLAYGROUND_DEMO_USER.name,
        isGuest: false,
      };
      const { sources } = await repositories();
      return { caller: await resolveTabCaller(identity, sources, PLAYGROUND_DEMO_USER.email), local: true };
    }
    if (verifier === null) {
      throw new TabApiError('notConfigured', 'Fliken är inte konfigurerad: TAB_APP_CLIENT_ID saknas.');
    }
    const identity = await verifier.verify(authorization);
    const { sources } = await repositories();
    return { caller: await resolveTabCaller(identity, sources), local: false };
  };

  /** Reads a tenant's data for the views: what {@link snapshots} keeps, and reads again when it changed. */
  const readInput = async (tenantId: string): Promise<DashboardInput> => {
    const { actions, audits, sources } = await repositories();
    // Only status, deadline and evidence events, in one query: the created events (one per action) are half the
    // history and say nothing the actions do not.
    const [auditList, actionList, events, recommendations, verdicts] = await Promise.all([
      audits.listAudits(tenantId),
      actions.listActions(tenantId),
      actions.listTenantHistory(tenantId, { kinds: ['status', 'deadline', 'evidence', 'evidenceRemoved'] }),
      audits.recommendations.listRecommendations(tenantId),
      audits.recommendations.listVerdicts(tenantId),
    ]);
    return {
      audits: auditList,
      actions: actionList,
      history: events.filter((event) => event.kind === 'status' || event.kind === 'deadline'),
      recommendations,
      verdicts,
      evidence: events.filter((event) => event.kind === 'evidence' || event.kind === 'evidenceRemoved'),
      people: await verdictAuthors(sources.users, tenantId, verdicts),
    };
  };

  // One copy of each tenant's data per process, checked against the tenant's change marker on every request.
  const snapshots = new TenantSnapshots<DashboardInput>({
    marker: async (tenantId) => (await repositories()).markers.getChangeMarker(tenantId),
    read: readInput,
    maxAgeMs: deps.snapshotMaxAgeMs,
    onRebuild: (tenantId, ms) =>
      log.debug({ tenantId, ms: Math.round(ms) }, 'Flikens API läste om klientens data'),
  });

  const options = (req: Request) => ({
    asOf: civilDateAt(now(), settings.timeZone),
    timeZone: settings.timeZone,
    committees: committeesOf(req),
  });

  /** Runs an API handler: its errors become one JSON answer, and every answer carries the tab's headers. */
  const api =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      setHeaders(res, { 'Cache-Control': 'no-store' });
      try {
        await handler(req, res);
      } catch (error) {
        if (error instanceof TabApiError) {
          if (error.status === 401 || error.status === 403 || error.status === 503) {
            log.warn({ code: error.code, reason: reasonOf(error) }, 'Flikens API avvisade en begäran');
          }
          await sendJson(req, res, error.status, { error: error.message });
        } else if (error instanceof StorageError) {
          log.warn(
            { err: { name: error.name, message: error.message } },
            'Flikens API: lagringen svarade inte',
          );
          await sendJson(req, res, 503, { error: 'Lagringen svarar inte just nu. Försök igen om en stund.' });
        } else {
          log.error({ err: describe(error) }, 'Flikens API misslyckades');
          await sendJson(req, res, 500, { error: 'Något gick fel. Försök igen.' });
        }
      }
    };

  server.get(
    '/tab/api/dashboard',
    api(async (req, res) => {
      const { caller, local } = await callerOf(req.headers);
      const input = await snapshots.getSnapshot(caller.tenantId);
      const body: TabDashboard = {
        ...buildDashboard(input, caller, options(req)),
        viewer: {
          name: caller.name,
          scope: dashboardScope(caller).kind,
          mayDownload: mayDownloadReport(caller),
          mayDownloadReviewPack: mayHaveReviewPack(caller),
          localMode: local,
          knownEmail: caller.email !== null,
        },
        botAppId: settings.microsoftAppId,
      };
      await sendJson(req, res, 200, body);
    }),
  );

  server.get(
    '/tab/api/committees',
    api(async (req, res) => {
      const { caller } = await callerOf(req.headers);
      await sendJson(req, res, 200, {
        committees: committeeChoices(await snapshots.getSnapshot(caller.tenantId), caller),
      });
    }),
  );

  server.get(
    '/tab/api/audits/:id',
    api(async (req, res) => {
      const id = String(req.params['id'] ?? '');
      // Checked before the caller is known costs nothing to read; audit ids are short keys.
      if (id.length === 0 || id.length > 200) throw new TabApiError('badRequest', 'Ogiltigt gransknings-id.');
      const { caller } = await callerOf(req.headers);
      const detail = buildAuditDetail(await snapshots.getSnapshot(caller.tenantId), caller, id, options(req));
      // The same answer for an audit that does not exist and one the person may not see: ids are not probed.
      if (detail === null)
        throw new TabApiError('notFound', 'Granskningen finns inte eller är inte din att se.');
      await sendJson(req, res, 200, detail);
    }),
  );

  server.get(
    '/tab/api/report',
    api(async (req, res) => {
      const format = new URL(req.url ?? '/', 'http://tab').searchParams.get('format') ?? 'html';
      if (!isReportFormat(format))
        throw new TabApiError('badRequest', 'Okänt format; välj md, html, csv eller xlsx.');
      const language = languageOf(req);
      const { caller } = await callerOf(req.headers);
      // Who may have the report as a file is chat's rule for `rapport`: the chair and admins.
      if (!mayHaveBoardReport(caller)) {
        throw new TabApiError('forbidden', 'Rapporten till styrelsen är för ordförande och administratörer.');
      }
      const scope = summaryScope(caller);
      const { asOf, committees } = options(req);
      const input = await readReportInput(reportSourcesOf((await repositories()).tables), caller.tenantId);
      const chosen = committees ? new Set(committees.map(committeeKey)) : null;
      const scoped = input.actions.filter(
        (action) => inScope(scope, action) && (!chosen || chosen.has(committeeKey(action.committee))),
      );
      const report = buildBoardReport(input.audits, scoped, input.history, asOf, {
        unreachableOwners: input.unreachableOwners,
        recommendations: input.recommendations,
        people: input.people,
        timeZone: settings.timeZone,
        language,
      });
      sendFile(
        res,
        `aterrapportering-${asOf}.${format}`,
        REPORT_TYPES[format],
        await renderReport(report, format),
      );
    }),
  );

  server.get(
    '/tab/api/audits/:id/review',
    api(async (req, res) => {
      const id = String(req.params['id'] ?? '');
      if (id.length === 0 || id.length > 200) throw new TabApiError('badRequest', 'Ogiltigt gransknings-id.');
      const params = new URL(req.url ?? '/', 'http://tab').searchParams;
      const format = params.get('format') ?? 'html';
      if (!isReviewFormat(format))
        throw new TabApiError('badRequest', 'Okänt format; välj md, html eller xlsx.');
      const lang = languageOf(req);
      const { caller } = await callerOf(req.headers);
      // Chat's rule for `uppföljning`: auditors, the chair and admins, who see every audit of the tenant.
      if (!mayHaveReviewPack(caller)) {
        throw new TabApiError(
          'forbidden',
          'Underlaget för uppföljande granskning är för revisorer, ordförande och administratörer.',
        );
      }
      const known = await snapshots.getSnapshot(caller.tenantId);
      const audit = known.audits.find((candidate) => candidate.id === id);
      // An audit the committees never answered (no actions) has a pack too: that is what the auditors look for.
      if (!audit) throw new TabApiError('notFound', 'Granskningen finns inte.');
      const { asOf } = options(req);
      const input = await readReviewPackInput(await repositories(), caller.tenantId, audit);
      const pack = buildReviewPack(input, asOf, { language: lang, timeZone: settings.timeZone });
      const name = `uppfoljning-${(audit.diaryNumber ?? audit.id).slice(0, 80)}-${asOf}.${format}`;
      sendFile(res, name, REVIEW_TYPES[format], await renderReviewPack(pack, format));
    }),
  );

  // Any other address under /tab/api/ is an API miss, not a page: say so in JSON.
  server.get(
    '/tab/api/*',
    api(async () => {
      throw new TabApiError('notFound', 'Okänd adress i flikens API.');
    }),
  );

  server.get('/tab', async (_req, res) => {
    setHeaders(res, { Location: '/tab/' });
    res.writeHead(301);
    res.end();
  });

  const compressedFiles = new CompressedFiles();
  server.get('/tab/*', async (req, res) => {
    const name = String(req.params['*'] ?? '') || TAB_PAGES.index;
    setHeaders(res, {});
    try {
      const asset = await readTabAsset(deps.assetsDir, name);
      if (asset === null) {
        const missingPage = name === TAB_PAGES.index || name === TAB_PAGES.config;
        setHeaders(res, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.writeHead(missingPage ? 503 : 404);
        res.end(missingPage ? 'Fliken är inte byggd. Kör "npm run build".' : 'Finns inte.');
        return;
      }
      setHeaders(res, {
        'Content-Type': asset.contentType,
        'Cache-Control': 'no-cache',
        ETag: asset.etag,
        Vary: 'Accept-Encoding',
      });
      if (matchesETag(req.headers['if-none-match'], asset.etag)) {
        res.writeHead(304);
        res.end();
        return;
      }
      const { bytes, encoding } = await compressedFiles.encode(
        asset.etag,
        asset.body,
        req.headers['accept-encoding'],
      );
      if (encoding !== null) res.setHeader('Content-Encoding', encoding);
      res.writeHead(200);
      res.end(bytes);
    } catch (error) {
      log.error({ err: describe(error) }, 'Flikens sida kunde inte läsas');
      res.writeHead(500);
      res.end();
    }
  });
}

/** The repositories the tab reads, on one set of tables. */
interface Repositories {
  tables: Tables;
  sources: TabCallerSources;
  actions: ActionRepository;
  audits: AuditRepository;
  markers: ChangeMarkers;
}

/**
 * Sends a file to download. The name goes into Content-Disposition twice: as plain ASCII (letters without their
 * accents, anything else but digits, `.` and `-` as `-`) for every client, and in full as RFC 6266's `filename*`.
 */
function sendFile(res: Response, name: string, contentType: string, body: string | Uint8Array): void {
  const safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}.-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, 120);
  const ascii = safe
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9.-]/gi, '-');
  setHeaders(res, {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`,
  });
  res.writeHead(200);
  res.end(body);
}

/**
 * Names for those who recorded verdicts: chat stores their object id, which the users table turns into a name or
 * e-mail (an import stores an e-mail, kept as it is). Auditors are few, so this is a handful of point reads.
 */
async function verdictAuthors(
  users: TabCallerSources['users'],
  tenantId: string,
  verdicts: readonly VerdictEvent[],
): Promise<Map<string, string>> {
  const ids = [...new Set(verdicts.map((verdict) => verdict.by))].filter((by) => !by.includes('@'));
  const named = await Promise.all(
    ids.map(async (id) => {
      try {
        const user = await users.getUser(tenantId, id);
        return [id, user.name ?? user.email ?? id] as const;
      } catch (error) {
        if (
          error instanceof NotFoundError ||
          (error instanceof StorageError && error.code === 'InvalidKey')
        ) {
          return [id, id] as const;
        }
        throw error;
      }
    }),
  );
  return new Map(named);
}

/** A channel tab's chosen committees, `?committee=A&committee=B`; null when none are chosen. */
function committeesOf(req: Request): string[] | null {
  const names = new URL(req.url ?? '/', 'http://tab').searchParams
    .getAll('committee')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return null;
  if (names.length > MAX_COMMITTEES || names.some((name) => name.length > MAX_COMMITTEE_LENGTH)) {
    throw new TabApiError(
      'badRequest',
      `Högst ${MAX_COMMITTEES} nämnder, med namn på högst ${MAX_COMMITTEE_LENGTH} tecken.`,
    );
  }
  return names;
}

function setHeaders(res: Response, extra: Record<string, string>): void {
  for (const [name, value] of Object.entries({ ...TAB_SECURITY_HEADERS, ...extra }))
    res.setHeader(name, value);
}

/** Sends a JSON answer, compressed when the client accepts it (see compression.ts). */
async function sendJson(
  req: Request,
  res: Response,
  status: number,
  body: object | TabErrorBody,
): Promise<void> {
  const { bytes, encoding } = await encodeBody(JSON.stringify(body), req.headers['accept-encoding']);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Vary', 'Accept-Encoding');
  if (encoding !== null) res.setHeader('Content-Encoding', encoding);
  res.writeHead(status);
  res.end(bytes);
}

function reasonOf(error: TabApiError): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message.slice(0, 200) : error.code;
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/** The language a download asks for with `?lang=sv|en`; Swedish by default. */
function languageOf(req: Request): 'sv' | 'en' {
  const lang = new URL(req.url ?? '/', 'http://tab').searchParams.get('lang') ?? 'sv';
  if (lang !== 'sv' && lang !== 'en') throw new TabApiError('badRequest', 'Okänt språk; välj sv eller en.');
  return lang;
}
