import { Relay, type RelayEvents } from '@plenary/relay';
import type { DocumentStore } from '@plenary/storage';
import fp from 'fastify-plugin';
import type { ServerConfig } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's configuration. */
    config: ServerConfig;
    /** Where plans are stored. */
    store: DocumentStore;
    /** The rooms of open plans. */
    relay: Relay;
  }
}

/** What the services plugin is given. */
export interface ServicesOptions {
  config: ServerConfig;
  store: DocumentStore;
  relayEvents?: RelayEvents;
}

/**
 * The shared services every route uses. On close the relay writes open plans back
 * before the store is closed, so a restart loses nothing.
 */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, { config, store, relayEvents }) => {
    const relay = new Relay({
      persistence: store,
      logger: app.log,
      events: relayEvents,
      options: {
        maxFrameBytes: config.maxFrameBytes,
        compactAfterUpdates: config.compactAfterUpdates,
      },
    });
    app.decorate('config', config);
    app.decorate('store', store);
    app.decorate('relay', relay);
    app.addHook('onClose', async () => {
      await relay.close();
      await store.close();
    });
  },
  { name: 'plenary-services' },
);
