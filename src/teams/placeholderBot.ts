import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { MemoryStorage } from 'botbuilder';
import type { BotApp } from './adapter';

/** The reply of the placeholder bot, which the server runs when it is given no bot (the harness's own tests). */
export const PLACEHOLDER_REPLY = 'Revisionsuppföljning är igång. Skriv hjälp.';

/** A bot that answers every message with {@link PLACEHOLDER_REPLY}: the server with no bot of ours in it. */
export function createPlaceholderBot(
  adapter: TeamsAdapter,
  config: { microsoftAppId: string | null },
): BotApp {
  const app = new Application({
    adapter,
    botAppId: config.microsoftAppId ?? '',
    // The placeholder keeps no conversation state worth persisting.
    storage: new MemoryStorage(),
  });
  app.message(/^/, async (context) => {
    await context.sendActivity(PLACEHOLDER_REPLY);
  });
  return app;
}
