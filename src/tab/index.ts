// The public surface of the tab's server side: every name other folders may use, one by one (style.md, habit 11).
export { registerTabRoutes } from './routes';
export type { TabRouteDeps, TabSettings } from './routes';
export { defaultTabAssetsDir, FRAME_ANCESTORS, TAB_CSP, TAB_PAGES } from './assets';
export { TabTokenVerifier, TAB_SCOPE } from './tokens';
export type { TabIdentity, TabTokenVerifierOptions } from './tokens';
export { PLAYGROUND_DEMO_USER, resolveTabCaller } from './caller';
export type { TabCaller } from './caller';
export {
  buildAuditDetail,
  buildDashboard,
  committeeChoices,
  dashboardScope,
  mayDownloadReport,
} from './dashboard';
export type { DashboardInput, DashboardOptions } from './dashboard';
export { trendByMonth, TREND_MONTHS } from './trend';
export { TabApiError } from './errors';
export type { TabApiErrorCode } from './errors';
export type * from './apiTypes';
