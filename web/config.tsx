import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { TabCommitteeChoice } from '../src/tab/apiTypes';
import { ApiError, committeeQuery, getJson } from './api';
import { applyHost, connect, type Host } from './teams';
import { TEXTS } from './texts';

/**
 * The channel tab's configuration page: the committees the tab shows. Saving sets the tab's address to the page
 * with the chosen committees in its query; the server narrows to them and never beyond what the viewer may see.
 */
function Config({ host }: { host: Host }) {
  const t = TEXTS[host.lang];
  const [choices, setChoices] = useState<string[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<number | null>(null);

  useEffect(() => {
    getJson<TabCommitteeChoice>(host, 'committees').then(
      (body) => {
        setChoices(body.committees);
        document.getElementById('app')?.setAttribute('aria-busy', 'false');
      },
      (e: unknown) => setError(e instanceof ApiError ? e.status : 0),
    );
  }, []);

  useEffect(() => {
    const config = host.teams?.pages.config;
    if (!config) return;
    config.registerOnSaveHandler((save) => {
      const contentUrl = `${window.location.origin}/tab/${committeeQuery(chosen)}`;
      config
        .setConfig({
          contentUrl,
          websiteUrl: contentUrl,
          entityId: 'uppfoljning',
          suggestedDisplayName: t.tabName,
        })
        .then(
          () => save.notifySuccess(),
          (e: unknown) => save.notifyFailure(e instanceof Error ? e.message : String(e)),
        );
    });
    // Every choice is valid: none ticked means every committee the viewer may see.
    config.setValidityState(true);
  }, [chosen]);

  const toggle = (name: string, on: boolean) =>
    setChosen((current) => (on ? [...current, name] : current.filter((c) => c !== name)));

  return (
    <>
      <h1>{t.configTitle}</h1>
      <p>{t.configHelp}</p>
      {error !== null ? (
        <p role="alert">{t.errors[error] ?? t.errors.other}</p>
      ) : choices === null ? (
        <p class="note">{t.loading}</p>
      ) : choices.length === 0 ? (
        <p class="note">{t.noActions}</p>
      ) : (
        <fieldset class="choices">
          <legend>{t.configLegend}</legend>
          {choices.map((name, index) => (
            <div class="check" key={name}>
              <input
                type="checkbox"
                id={`committee-${index}`}
                checked={chosen.includes(name)}
                onChange={(event) => toggle(name, (event.currentTarget as HTMLInputElement).checked)}
              />
              <label for={`committee-${index}`}>{name}</label>
            </div>
          ))}
        </fieldset>
      )}
      <p class="note">{t.configSaved}</p>
    </>
  );
}

void connect().then((host) => {
  applyHost(host.theme, host.lang);
  const root = document.getElementById('app');
  if (root) render(<Config host={host} />, root);
});
