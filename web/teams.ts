import { langOf, type Lang } from './texts';

/** The three Teams themes; the page's colours follow them through CSS variables (tab.css). */
export type Theme = 'default' | 'dark' | 'contrast';

/** Outside Teams `app.initialize()` may never settle; after this long the page runs on its own (local mode). */
const INIT_TIMEOUT_MS = 2_000;

type TeamsJs = typeof import('@microsoft/teams-js');

/** Where the page runs and what it may ask of its host. */
export interface Host {
  /** Inside Teams, with SSO; false in an ordinary browser (local mode). */
  readonly inTeams: boolean;
  readonly lang: Lang;
  readonly theme: Theme;
  /** The SSO token for the API; null outside Teams, where the server's local mode needs none. */
  getToken(): Promise<string | null>;
  onThemeChange(handler: (theme: Theme) => void): void;
  /** Opens a link (a Teams deep link) the way the host can: Teams navigates itself, a browser opens a window. */
  openLink(url: string): void;
  /** The Teams library, for the configuration page; null outside Teams. */
  readonly teams: TeamsJs | null;
}

/** Turns a Teams theme name (or the `theme` query parameter outside Teams) into one of the page's themes. */
export function themeOf(name: string | null | undefined): Theme {
  if (name === 'dark') return 'dark';
  if (name === 'contrast') return 'contrast';
  return 'default';
}

/**
 * Connects to Teams when the page is framed (web, desktop) or in a mobile webview; otherwise, or when Teams does
 * not answer in time, runs outside Teams, where `?lang=en` and `?theme=dark|contrast` stand in for Teams' settings.
 * The Teams library is loaded only when it may be needed, which keeps the page light in a browser.
 */
export async function connect(): Promise<Host> {
  const params = new URLSearchParams(window.location.search);
  if (window.self !== window.top || 'nativeInterface' in window) {
    try {
      const teams = await import('@microsoft/teams-js');
      await withTimeout(teams.app.initialize(), INIT_TIMEOUT_MS);
      const context = await withTimeout(teams.app.getContext(), INIT_TIMEOUT_MS);
      return {
        inTeams: true,
        lang: langOf(context.app.locale),
        theme: themeOf(context.app.theme),
        getToken: () => teams.authentication.getAuthToken(),
        onThemeChange: (handler) =>
          teams.app.registerOnThemeChangeHandler((theme) => handler(themeOf(theme))),
        openLink: (url) => void teams.app.openLink(url).catch(() => window.open(url, '_blank', 'noopener')),
        teams,
      };
    } catch {
      // Framed by something that is not Teams (or Teams did not answer): the page still works, in local mode.
    }
  }
  return {
    inTeams: false,
    lang: langOf(params.get('lang')),
    theme: themeOf(params.get('theme')),
    getToken: async () => null,
    onThemeChange: () => undefined,
    openLink: (url) => void window.open(url, '_blank', 'noopener'),
    teams: null,
  };
}

/** Applies a theme and a language to the document. */
export function applyHost(theme: Theme, lang: Lang): void {
  document.documentElement.dataset['theme'] = theme;
  document.documentElement.lang = lang;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
