/**
 * Where the bot may send its token. botbuilder posts the bot's access token to whatever `serviceUrl` a stored
 * conversation reference holds (reliability.md, "serviceUrl"); a reference rewritten to another host would hand the
 * token to that host. So every proactive send checks the host first.
 */

/** Teams' Bot Connector: `smba.trafficmanager.net` and its regional forms (`<region>.smba.trafficmanager.net`). */
export const TEAMS_SERVICE_HOSTS: readonly string[] = ['smba.trafficmanager.net'];

/** Hosts of a local connector (Agents Playground, Bot Framework Emulator, tests): loopback only. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Which serviceUrls proactive sends may go to. */
export interface ServiceUrlPolicy {
  /**
   * Local mode (no app id): no token is sent, so only a loopback connector makes sense; Teams hosts are refused
   * since they would answer 401 anyway. Outside local mode only https to {@link allowedHosts}.
   */
  localMode: boolean;
  /** Hosts allowed outside local mode, each also with any subdomain. Default: {@link TEAMS_SERVICE_HOSTS}. */
  allowedHosts?: readonly string[];
}

/**
 * Why a serviceUrl is refused, or null when the bot may send to it.
 * @example serviceUrlProblem('https://smba.trafficmanager.net/emea/', { localMode: false }) // null
 * @example serviceUrlProblem('https://evil.example/', { localMode: false }) // 'host evil.example är inte tillåten'
 */
export function serviceUrlProblem(serviceUrl: string, policy: ServiceUrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return `${JSON.stringify(serviceUrl)} är ingen adress`;
  }
  if (url.username !== '' || url.password !== '') return 'adressen får inte innehålla inloggningsuppgifter';
  const host = url.hostname.toLowerCase();
  if (policy.localMode) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `protokollet ${url.protocol} är inte tillåtet`;
    return LOOPBACK_HOSTS.has(host)
      ? null
      : `i lokalt läge skickar boten bara till den egna datorn, inte ${host}`;
  }
  if (url.protocol !== 'https:') return `bara https är tillåtet, inte ${url.protocol}`;
  const allowed = policy.allowedHosts ?? TEAMS_SERVICE_HOSTS;
  const ok = allowed.some((entry) => {
    const wanted = entry.toLowerCase();
    return host === wanted || host.endsWith(`.${wanted}`);
  });
  return ok ? null : `host ${host} är inte tillåten`;
}
