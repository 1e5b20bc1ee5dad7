/*
 * Preloaded (`--require`) into the Azurite process the benchmark measures against.
 *
 * Azurite 3.35 keeps its tables in LokiJS with autosave every 5 s while anything changed: it writes the whole
 * database to disk, and for the benchmark's 89,000 action rows that holds Azurite's only thread for a few hundred
 * milliseconds. Every turn the bot runs writes something (the activity it remembers), so every five seconds one turn,
 * the bot's or the floor's, whichever is waiting then, took a stall that Azure Table Storage never has. This file
 * moves the autosave to once an hour; Azurite still saves when it stops, and the copy it works on is thrown away.
 * Nothing else of Azurite changes: it answers every request exactly as it ships.
 */
import { azuriteLoki } from './azuriteLoki';

interface LokiPrototype {
  configureOptions(this: unknown, options?: Record<string, unknown>, initialConfig?: boolean): void;
}

const AUTOSAVE_INTERVAL_MS = 60 * 60_000;

const Loki = azuriteLoki() as { prototype: LokiPrototype };
const configureOptions = Loki.prototype.configureOptions;

Loki.prototype.configureOptions = function (options, initialConfig) {
  const later = options?.['autosave'] ? { ...options, autosaveInterval: AUTOSAVE_INTERVAL_MS } : options;
  configureOptions.call(this, later, initialConfig);
};
