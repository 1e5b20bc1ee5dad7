import { stopTestAzurite } from './azurite';

/** Mocha root hooks: shared services started lazily by tests are stopped once, at the end of the run. */
export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopTestAzurite();
  },
};
