import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type {
  TabAction,
  TabAuditDetail,
  TabAuditHeader,
  TabCounts,
  TabDashboard,
  TabOverdueAction,
  TabTrendMonth,
} from '../src/tab/apiTypes';
import { ApiError, downloadReport, downloadReviewPack, getJson } from './api';
import { STATUS_CLASS, STATUS_FIELD, StackedBar, TrendChart } from './charts';
import type { Host } from './teams';
import { formatShare, STATUS_ORDER, TEXTS, verdictLabel, type Lang } from './texts';

/** What every view needs: the host, the language and its texts. */
export interface ViewProps {
  host: Host;
  lang: Lang;
}

/** A table that scrolls sideways on a narrow screen, and can be scrolled with the keyboard. */
function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** Per committee: a stacked bar beside a table with the same numbers. */
export function CommitteesView({ data, lang }: ViewProps & { data: TabDashboard }) {
  const t = TEXTS[lang];
  const max = Math.max(0, ...data.committees.map((row) => row.total));
  return (
    <section aria-labelledby="committees-heading">
      <ViewHeading id="committees-heading" text={t.committees} />
      {data.committees.length === 0 ? (
        <p class="note">{t.noActions}</p>
      ) : (
        <div class="pair">
          <div class="chart">
            <Legend lang={lang} />
            <ul class="bars" aria-hidden="true">
              {data.committees.map((row) => (
                <li key={row.committee}>
                  <span class="bar-name">
                    {row.committee} ({row.total})
                  </span>
                  <StackedBar counts={row} max={max} />
                </li>
              ))}
            </ul>
            <p class="note small">{t.chartNote}</p>
          </div>
          <Scroll label={t.countsCaption}>
            <CountsTable rows={data.committees} totals={data.totals} lang={lang} caption={t.countsCaption} />
          </Scroll>
        </div>
      )}
    </section>
  );
}

/** A view's heading; it takes focus when the view opens, so keyboard and screen reader users land on the view. */
function ViewHeading({ id, text }: { id: string; text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {text}
    </h2>
  );
}

function Legend({ lang }: { lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <ul class="legend" aria-hidden="true">
      {STATUS_ORDER.map((status) => (
        <li key={status}>
          <span class={`swatch seg-${STATUS_CLASS[status]}`} />
          {t.status[status]}
        </li>
      ))}
    </ul>
  );
}

/** Counts per status, one row per committee (or audit), with the total last. */
export function CountsTable({
  rows,
  totals,
  lang,
  caption,
}: {
  rows: readonly TabCounts[];
  totals: TabCounts | null;
  lang: Lang;
  caption: string;
}) {
  const t = TEXTS[lang];
  const row = (counts: TabCounts, name: string, key: string) => (
    <tr key={key}>
      <th scope="row">{name}</th>
      {STATUS_ORDER.map((status) => (
        <td key={status} class="num">
          {counts[STATUS_FIELD[status]]}
        </td>
      ))}
      <td class="num">{counts.total}</td>
      <td class="num">{formatShare(counts.shareDone, lang)}</td>
    </tr>
  );
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.committee}</th>
          {STATUS_ORDER.map((status) => (
            <th scope="col" key={status} class="num">
              {t.status[status]}
            </th>
          ))}
          <th scope="col" class="num">
            {t.total}
          </th>
          <th scope="col" class="num">
            {t.shareDone}
          </th>
        </tr>
      </thead>
      <tbody>{rows.map((counts) => row(counts, counts.committee, counts.committee))}</tbody>
      {totals ? <tfoot>{row(totals, t.totals, 'totals')}</tfoot> : null}
    </table>
  );
}

/** The Teams deep link that opens the bot's chat with `visa A-17` typed in. */
export function chatLink(botAppId: string, reference: string, lang: Lang): string {
  const message = encodeURIComponent(`${TEXTS[lang].showCommand} ${reference}`);
  return `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}&message=${message}`;
}

/** The overdue actions, longest overdue first, filterable by committee, owner and audit. */
export function OverdueView({
  data,
  host,
  lang,
  openAudit,
}: ViewProps & { data: TabDashboard; openAudit: (id: string) => void }) {
  const t = TEXTS[lang];
  const [committee, setCommittee] = useState('');
  const [owner, setOwner] = useState('');
  const [audit, setAudit] = useState('');
  const options = useMemo(() => filterOptions(data.overdue), [data.overdue]);
  const shown = data.overdue.filter(
    (action) =>
      (committee === '' || action.committee === committee) &&
      (owner === '' || (action.owner ?? '') === owner) &&
      (audit === '' || action.auditId === audit),
  );
  const select = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    choices: [string, string][],
  ) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => set((event.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">{t.all}</option>
        {choices.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby="overdue-heading">
      <ViewHeading id="overdue-heading" text={t.overdue} />
      {data.overdue.length === 0 ? (
        <p class="note">{t.noOverdue}</p>
      ) : (
        <>
          <fieldset class="filters">
            <legend>{t.filter}</legend>
            {select('filter-committee', t.committee, committee, setCommittee, options.committees)}
            {select('filter-owner', t.owner, owner, setOwner, options.owners(t.noOwner))}
            {select('filter-audit', t.audit, audit, setAudit, options.audits)}
          </fieldset>
          <p class="note" role="status">
            {t.overdueCount(shown.length, data.overdue.length)}
          </p>
          <Scroll label={t.overdue}>
            <table>
              <caption class="visually-hidden">{t.overdue}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.action}</th>
                  <th scope="col">{t.text}</th>
                  <th scope="col">{t.committee}</th>
                  <th scope="col">{t.owner}</th>
                  <th scope="col">{t.audit}</th>
                  <th scope="col">{t.due}</th>
                  <th scope="col" class="num">
                    {t.daysOverdue}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((action) => (
                  <tr key={action.ref}>
                    <th scope="row">
                      <ActionReference
                        reference={action.reference}
                        botAppId={data.botAppId}
                        host={host}
                        lang={lang}
                      />
                    </th>
                    <td>{action.text}</td>
                    <td>{action.committee}</td>
                    <td>{action.owner ?? t.noOwner}</td>
                    <td>
                      <button type="button" class="link" onClick={() => openAudit(action.auditId)}>
                        {action.auditTitle}
                      </button>
                    </td>
                    <td class="date">{action.due}</td>
                    <td class="num">{action.daysOverdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </>
      )}
    </section>
  );
}

function filterOptions(overdue: readonly TabOverdueAction[]) {
  const collator = new Intl.Collator('sv');
  const sorted = (pairs: Map<string, string>): [string, string][] =>
    [...pairs].sort((a, b) => collator.compare(a[1], b[1]));
  const committees = new Map(overdue.map((a) => [a.committee, a.committee]));
  const audits = new Map(overdue.map((a) => [a.auditId, a.auditTitle]));
  const owners = new Set(overdue.map((a) => a.owner ?? ''));
  return {
    committees: sorted(committees),
    audits: sorted(audits),
    owners: (none: string) => sorted(new Map([...owners].map((o) => [o, o === '' ? none : o]))),
  };
}

/** An action's reference: a deep link into the bot's chat (`visa A-17`) when the bot's app id is known. */
function ActionReference({
  reference,
  botAppId,
  host,
  lang,
}: {
  reference: string;
  botAppId: string | null;
  host: Host;
  lang: Lang;
}) {
  if (botAppId === null) return <span class="ref">{reference}</span>;
  const href = chatLink(botAppId, reference, lang);
  return (
    <a
      class="ref"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={TEXTS[lang].openInChat(reference)}
      onClick={(event) => {
        // Inside Teams a link cannot leave the tab's frame; Teams opens the chat itself.
        if (host.inTeams) {
          event.preventDefault();
          host.openLink(href);
        }
      }}
    >
      {reference}
    </a>
  );
}

/** The audits with their counts; each opens its recommendations and actions. */
export function AuditsView({
  data,
  lang,
  openAudit,
}: ViewProps & { data: TabDashboard; openAudit: (id: string) => void }) {
  const t = TEXTS[lang];
  return (
    <section aria-labelledby="audits-heading">
      <ViewHeading id="audits-heading" text={t.audits} />
      {data.audits.length === 0 ? (
        <p class="note">{t.noActions}</p>
      ) : (
        <ul class="cards">
          {data.audits.map((audit) => (
            <li key={audit.id} class="card">
              <h3>
                <button type="button" class="link" onClick={() => openAudit(audit.id)}>
                  {audit.title}
                </button>
              </h3>
              <AuditFacts audit={audit} lang={lang} />
              <p class="counts">
                {STATUS_ORDER.filter((s) => audit.counts[STATUS_FIELD[s]] > 0).map((status) => (
                  <span key={status} class={`pill pill-${STATUS_CLASS[status]}`}>
                    {t.status[status]}: {audit.counts[STATUS_FIELD[status]]}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AuditFacts({ audit, lang }: { audit: TabAuditHeader; lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <dl class="facts">
      {audit.diaryNumber ? (
        <>
          <dt>{t.diaryNumber}</dt>
          <dd>{audit.diaryNumber}</dd>
        </>
      ) : null}
      {audit.reportDate ? (
        <>
          <dt>{t.reportDate}</dt>
          <dd class="date">{audit.reportDate}</dd>
        </>
      ) : null}
      <dt>{t.committees}</dt>
      <dd>{audit.committees.join(', ')}</dd>
      <dt>{t.recommendations}</dt>
      <dd>{audit.recommendationCount}</dd>
    </dl>
  );
}

/** One audit: per recommendation its verdicts, evidence and actions. Loaded when opened. */
export function AuditDetailView({
  host,
  lang,
  auditId,
  committeeQuery,
  back,
  botAppId,
  mayDownloadReviewPack,
}: ViewProps & {
  auditId: string;
  committeeQuery: string;
  back: () => void;
  botAppId: string | null;
  mayDownloadReviewPack: boolean;
}) {
  const t = TEXTS[lang];
  const [detail, setDetail] = useState<TabAuditDetail | null>(null);
  const [error, setError] = useState<number | null>(null);
  useEffect(() => {
    getJson<TabAuditDetail>(host, `audits/${encodeURIComponent(auditId)}${committeeQuery}`).then(
      setDetail,
      (e: unknown) => setError(e instanceof ApiError ? e.status : 0),
    );
  }, [auditId]);
  return (
    <section aria-labelledby="audit-heading" aria-busy={detail === null && error === null}>
      <button type="button" class="link back" onClick={back}>
        ← {t.back}
      </button>
      {error !== null ? (
        <p role="alert">{t.errors[error] ?? t.errors.other}</p>
      ) : detail === null ? (
        <p class="note">{t.loading}</p>
      ) : (
        <>
          <ViewHeading id="audit-heading" text={detail.audit.title} />
          <AuditFacts audit={detail.audit} lang={lang} />
          {mayDownloadReviewPack && detail.audit.counts.total > 0 ? (
            <ReviewPackDownloads host={host} lang={lang} auditId={detail.audit.id} />
          ) : null}
          {detail.recommendations.map((rec, index) => (
            <section key={rec.id} class="card" aria-labelledby={`rec-${index}`}>
              <h3 id={`rec-${index}`}>
                {t.recommendation} {rec.ref ?? index + 1}
              </h3>
              <p>{rec.text}</p>
              {rec.verdicts?.length ? (
                <>
                  <h4>{t.verdicts}</h4>
                  <ul>
                    {rec.verdicts.map((verdict, i) => (
                      <li key={i}>
                        <span class="date">{verdict.date}</span>:{' '}
                        <strong>{verdictLabel(verdict.verdict, lang)}</strong>, {t.verdictBy(verdict.by)}
                        {verdict.comment ? ` – ${verdict.comment}` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {rec.evidence?.length ? <EvidenceList items={rec.evidence} lang={lang} /> : null}
              {rec.actions.length === 0 ? (
                <p class="note">{t.noActionsForRecommendation}</p>
              ) : (
                <ActionsTable
                  actions={rec.actions}
                  lang={lang}
                  host={host}
                  botAppId={botAppId}
                  caption={`${t.recommendation} ${rec.ref ?? index + 1}`}
                />
              )}
            </section>
          ))}
        </>
      )}
    </section>
  );
}

/**
 * Evidence as links and file names. A link is shown only when it is https (checked again here, whatever the API
 * sends), opens in a new window, and gives the site neither this page nor its address; a file is shown by name.
 */
function EvidenceList({ items, lang }: { items: NonNullable<TabAction['evidence']>; lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <>
      <h4>{t.evidence}</h4>
      <ul class="evidence">
        {items.map((item, i) => {
          const url = safeLink(item.url);
          if (url !== null) {
            return (
              <li key={i}>
                <a href={url} target="_blank" rel="noopener noreferrer">
                  {item.description ?? url}
                </a>
              </li>
            );
          }
          // A file by its name; a link that is not https as text only.
          return (
            <li key={i}>
              {item.name !== null
                ? `${item.name} (${t.file})${item.description ? ` – ${item.description}` : ''}`
                : (item.description ?? item.url ?? '')}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The address when it is an absolute https URL, else null (no `javascript:`, `data:` or relative links). */
export function safeLink(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function ActionsTable({
  actions,
  lang,
  host,
  botAppId,
  caption,
}: {
  actions: readonly TabAction[];
  lang: Lang;
  host: Host;
  botAppId: string | null;
  caption: string;
}) {
  const t = TEXTS[lang];
  return (
    <Scroll label={caption}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.action}</th>
            <th scope="col">{t.text}</th>
            <th scope="col">{t.committee}</th>
            <th scope="col">{t.owner}</th>
            <th scope="col">Status</th>
            <th scope="col">{t.due}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action.ref}>
              <th scope="row">
                <ActionReference reference={action.reference} botAppId={botAppId} host={host} lang={lang} />
              </th>
              <td>
                {action.text}
                {action.evidence?.length ? <EvidenceList items={action.evidence} lang={lang} /> : null}
              </td>
              <td>{action.committee}</td>
              <td>{action.owner ?? t.noOwner}</td>
              <td>
                <span class={`pill pill-${STATUS_CLASS[action.status]}`}>{t.status[action.status]}</span>
              </td>
              <td class="date">{action.due ?? `${action.duePhrase || t.noDate}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

/** Closed and newly overdue actions per month, chart beside table. */
export function TrendView({ months, lang }: { months: readonly TabTrendMonth[]; lang: Lang }) {
  const t = TEXTS[lang];
  return (
    <section aria-labelledby="trend-heading">
      <ViewHeading id="trend-heading" text={t.trend} />
      <div class="pair">
        <div class="chart">
          <ul class="legend" aria-hidden="true">
            <li>
              <span class="swatch trend-closed" />
              {t.closed}
            </li>
            <li>
              <span class="swatch trend-overdue" />
              {t.becameOverdue}
            </li>
          </ul>
          <TrendChart months={months} />
          <p class="note small">{t.chartNote}</p>
        </div>
        <Scroll label={t.trendCaption}>
          <table>
            <caption>{t.trendCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.month}</th>
                <th scope="col" class="num">
                  {t.closed}
                </th>
                <th scope="col" class="num">
                  {t.becameOverdue}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month}>
                  <th scope="row" class="date">
                    {month.month}
                  </th>
                  <td class="num">{month.closed}</td>
                  <td class="num">{month.becameOverdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </div>
    </section>
  );
}

/** An audit's follow-up review pack in its three formats, as chat's `uppföljning` makes it. */
function ReviewPackDownloads({ host, lang, auditId }: ViewProps & { auditId: string }) {
  const t = TEXTS[lang];
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const fetchPack = (format: string) => {
    setState('busy');
    downloadReviewPack(host, auditId, format, lang).then(
      () => setState('idle'),
      () => setState('failed'),
    );
  };
  return (
    <section class="review-pack" aria-labelledby="review-pack-heading">
      <h3 id="review-pack-heading">{t.reviewPackTitle}</h3>
      <p>{t.reviewPackText}</p>
      <ul class="downloads">
        {['xlsx', 'html', 'md'].map((format) => (
          <li key={format}>
            <button type="button" disabled={state === 'busy'} onClick={() => fetchPack(format)}>
              {t.download(format.toUpperCase())}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" class="note">
        {state === 'busy' ? t.reviewPackDownloading : state === 'failed' ? t.reviewPackFailed : ''}
      </p>
    </section>
  );
}

/** The board report in its four formats, through the same code as `cli report`. */
export function ReportView({ host, lang, committees }: ViewProps & { committees: readonly string[] }) {
  const t = TEXTS[lang];
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const fetchReport = (format: string) => {
    setState('busy');
    downloadReport(host, format, committees, lang).then(
      () => setState('idle'),
      () => setState('failed'),
    );
  };
  return (
    <section aria-labelledby="report-heading">
      <ViewHeading id="report-heading" text={t.reportTitle} />
      <p>{t.reportText}</p>
      <ul class="downloads">
        {['xlsx', 'html', 'csv', 'md'].map((format) => (
          <li key={format}>
            <button type="button" disabled={state === 'busy'} onClick={() => fetchReport(format)}>
              {t.download(format.toUpperCase())}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" class="note">
        {state === 'busy' ? t.downloading : state === 'failed' ? t.downloadFailed : ''}
      </p>
    </section>
  );
}
