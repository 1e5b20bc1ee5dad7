import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TabDashboard } from '../src/tab/apiTypes';
import { ApiError, chosenCommittees, committeeQuery, getJson } from './api';
import { applyHost, connect, type Host, type Theme } from './teams';
import { TEXTS, type Lang } from './texts';
import { AuditDetailView, AuditsView, CommitteesView, OverdueView, ReportView, TrendView } from './views';

type View = 'committees' | 'overdue' | 'audits' | 'trend' | 'report';

/** The dashboard: the views of the follow-up for the person signed in to Teams (or the demo user, locally). */
function App({ host }: { host: Host }) {
  const lang: Lang = host.lang;
  const t = TEXTS[lang];
  const [theme, setTheme] = useState<Theme>(host.theme);
  const [data, setData] = useState<TabDashboard | null>(null);
  const [error, setError] = useState<number | null>(null);
  const [view, setView] = useState<View>('committees');
  const [auditId, setAuditId] = useState<string | null>(null);
  const committees = chosenCommittees();
  const query = committeeQuery(committees);

  const load = () => {
    setError(null);
    getJson<TabDashboard>(host, `dashboard${query}`).then(
      (body) => {
        setData(body);
        document.getElementById('app')?.setAttribute('aria-busy', 'false');
        // A hook for tests and the benchmark: the first complete render of the data.
        performance.mark('dashboard-rendered');
      },
      (e: unknown) => setError(e instanceof ApiError ? e.status : 0),
    );
  };
  useEffect(load, []);
  useEffect(() => host.onThemeChange(setTheme), []);
  useEffect(() => applyHost(theme, lang), [theme]);

  const openAudit = (id: string) => {
    setAuditId(id);
    setView('audits');
  };
  const views: [View, string][] = [
    ['committees', t.committees],
    ['overdue', `${t.overdue}${data ? ` (${data.overdue.length})` : ''}`],
    ['audits', t.audits],
    ['trend', t.trend],
    ...(data?.viewer.mayDownload ? ([['report', t.downloads]] as [View, string][]) : []),
  ];

  return (
    <>
      <header>
        <h1>{t.title}</h1>
        {data ? <p class="as-of">{t.asOf(data.asOf)}</p> : null}
      </header>
      {data?.viewer.localMode ? <p class="note banner">{t.localMode}</p> : null}
      {data && !data.viewer.knownEmail && data.viewer.scope !== 'all' ? (
        <p class="note banner">{t.unknownEmail}</p>
      ) : null}
      {data?.selectedCommittees ? <p class="note">{t.selected(data.selectedCommittees.join(', '))}</p> : null}
      <nav aria-label={t.views}>
        <ul>
          {views.map(([key, label]) => (
            <li key={key}>
              <button
                type="button"
                aria-current={view === key ? 'page' : undefined}
                onClick={() => {
                  setView(key);
                  setAuditId(null);
                }}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {error !== null ? (
        <div role="alert" class="error">
          <h2>{t.errorTitle}</h2>
          <p>{t.errors[error] ?? t.errors.other}</p>
          <button type="button" onClick={load}>
            {t.retry}
          </button>
        </div>
      ) : data === null ? (
        <p class="note">{t.loading}</p>
      ) : view === 'committees' ? (
        <CommitteesView data={data} host={host} lang={lang} />
      ) : view === 'overdue' ? (
        <OverdueView data={data} host={host} lang={lang} openAudit={openAudit} />
      ) : view === 'audits' && auditId !== null ? (
        <AuditDetailView
          host={host}
          lang={lang}
          auditId={auditId}
          committeeQuery={query}
          botAppId={data.botAppId}
          mayDownloadReviewPack={data.viewer.mayDownloadReviewPack}
          back={() => setAuditId(null)}
        />
      ) : view === 'audits' ? (
        <AuditsView data={data} host={host} lang={lang} openAudit={openAudit} />
      ) : view === 'trend' ? (
        <TrendView months={data.trend} lang={lang} />
      ) : (
        <ReportView host={host} lang={lang} committees={committees} />
      )}
    </>
  );
}

void connect().then((host) => {
  applyHost(host.theme, host.lang);
  const root = document.getElementById('app');
  if (root) render(<App host={host} />, root);
});
