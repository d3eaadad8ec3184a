import fp from 'fastify-plugin';
import { TokenVault } from './TokenVault.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Makes, hashes and seals access tokens with the key kept in DATA_DIR. */
    vault: TokenVault;
  }
}

/** Opens the token vault of the configured data directory. */
export const vaultPlugin = fp(
  async (app) => {
    app.decorate('vault', TokenVault.open(app.config.dataDir));
  },
  { name: 'plenary-vault', dependencies: ['plenary-services'] },
);
