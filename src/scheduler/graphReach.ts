/**
 * Reaching an owner the bot has never met by installing the app for them through Microsoft Graph, during the
 * reminder pass (`GRAPH_INSTALL_ENABLED`, off by default; docs/graph-install.md).
 *
 * When the installer answers 201, Teams sends the bot the personal install activity, and the bot links the person
 * (their e-mail, their chat) as for any install. This module then waits for that link in storage, so the reminder
 * goes out in the same pass; if it does not come in time, the rows stay pending for the next pass, which finds the
 * person linked. Nothing is sent before the chat is stored, so nothing can be sent twice.
 *
 * Installs go one at a time until one has succeeded: a tenant whose admin has not granted the permission costs one
 * 403, not one per owner (the installer remembers the 403 and asks Graph nothing more for a while). After that they
 * run side by side, paced by the installer under Graph's limit.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Logger } from 'pino';
import { GRAPH_REFUSAL_CODES, type GraphRefusalCode } from '../domain/reach';
import type { ConversationRepository } from '../storage';
import type { GraphInstaller, GraphInstallOutcome } from '../teams/graphInstall';

/** What became of reaching one owner through Graph. */
export type GraphReachResult =
  /** The app was installed and the bot has stored the person's chat: send now. */
  | { kind: 'linked'; aadObjectId: string }
  /** The app was installed already (409), but the bot never got the install: try the person by object id. */
  | { kind: 'installedBefore'; aadObjectId: string }
  /** Not now (throttled, Graph unreachable, the install activity not here yet): leave the rows for a later pass. */
  | { kind: 'later'; reason: string; code: string; retryAfterMs: number | null }
  /** Never, until someone acts: dead-letter the rows. */
  | { kind: 'refused'; reason: string; code: GraphRefusalCode };

/** Options for {@link GraphReach}. */
export interface GraphReachOptions {
  /** The installer, signing with the bot's identity. */
  installer: Pick<GraphInstaller, 'installForUser'>;
  /** The tenant the bot's identity belongs to (`MicrosoftAppTenantId`): the only one it can install in. */
  tenantId: string;
  /** Where the bot stores the chat of a person whose install it got. */
  conversations: Pick<ConversationRepository, 'findPersonalConversation'>;
  log: Logger;
  /** How often storage is read while waiting for the install activity. Default: 1 000 ms. */
  linkPollMs?: number;
  /** How long to wait for the install activity before leaving the owner to the next pass. Default: 30 000 ms. */
  linkTimeoutMs?: number;
}

/** Installs the app for owners the bot cannot reach, and waits for the bot to link them; see the module comment. */
export class GraphReach {
  private readonly tenantId: string;
  private succeeded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: GraphReachOptions) {
    this.tenantId = options.tenantId.toLowerCase();
  }

  /** True for the tenant of the bot's identity: Graph installs elsewhere are not the bot's to make. */
  serves(tenantId: string): boolean {
    return tenantId.toLowerCase() === this.tenantId;
  }

  /**
   * Installs the app for the owner with this e-mail and, when Graph installed it, waits for the bot to store their
   * chat. Throws only the signal's reason when stopped.
   */
  async reach(tenantId: string, email: string, signal: AbortSignal): Promise<GraphReachResult> {
    const outcome = await this.install(email, signal);
    switch (outcome.kind) {
      case 'installed':
        return this.waitForLink(tenantId, outcome.userId, signal);
      case 'alreadyInstalled':
        return { kind: 'installedBefore', aadObjectId: outcome.userId };
      case 'userNotFound':
        return {
          kind: 'refused',
          code: GRAPH_REFUSAL_CODES.userNotFound,
          reason:
            'Microsoft Graph hittar ingen användare med ägarens e-postadress; appen installerades inte.',
        };
      case 'permissionMissing':
        if (outcome.firstReport) {
          // Once per process, not per owner: the admin has one thing to fix.
          this.options.log.error({ permission: outcome.permission }, outcome.message);
        }
        return { kind: 'refused', code: GRAPH_REFUSAL_CODES.forbidden, reason: outcome.message };
      case 'throttled':
        return {
          kind: 'later',
          code: 'GraphThrottled',
          reason: 'Microsoft Graph bad boten vänta (429); appen installeras i en senare körning.',
          retryAfterMs: outcome.retryAfterMs,
        };
      case 'failed':
        return {
          kind: 'later',
          code: 'GraphFailed',
          reason: `Appen kunde inte installeras via Microsoft Graph just nu: ${outcome.message}`,
          retryAfterMs: null,
        };
    }
  }

  /** One install at a time until one has gone through; then side by side (the installer paces them). */
  private install(email: string, signal: AbortSignal): Promise<GraphInstallOutcome> {
    const run = async (): Promise<GraphInstallOutcome> => {
      const outcome = await this.options.installer.installForUser(email, { signal });
      if (outcome.kind === 'installed' || outcome.kind === 'alreadyInstalled') this.succeeded = true;
      return outcome;
    };
    if (this.succeeded) return run();
    const turn = this.queue.then(run);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Waits until the bot has stored the person's chat (the install activity arrived), or gives up for this pass. */
  private async waitForLink(
    tenantId: string,
    aadObjectId: string,
    signal: AbortSignal,
  ): Promise<GraphReachResult> {
    const pollMs = this.options.linkPollMs ?? 1_000;
    const deadline = Date.now() + (this.options.linkTimeoutMs ?? 30_000);
    for (;;) {
      const chat = await this.options.conversations.findPersonalConversation(tenantId, aadObjectId);
      if (chat) return { kind: 'linked', aadObjectId };
      const left = deadline - Date.now();
      if (left <= 0) break;
      // Real time, whatever clock the pass runs on: Teams delivers the install activity when it does.
      await sleepFor(Math.min(pollMs, left), undefined, { signal });
    }
    return {
      kind: 'later',
      code: 'GraphInstallPending',
      reason:
        'Appen installerades via Microsoft Graph, men boten har ännu inte fått installationen från Teams; ' +
        'påminnelsen skickas i nästa körning.',
      retryAfterMs: null,
    };
  }
}
