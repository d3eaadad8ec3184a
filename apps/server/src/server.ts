import { openStorage } from '@plenary/storage';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { lanAddresses } from './lanAddresses.ts';
import { demoFacilitatorPath } from './plans/seedDemoPlan.ts';
import { startupMessage } from './startupMessage.ts';

/** Starts Plenary: opens storage, seeds a demo plan on first run, listens, prints where. */
async function main(): Promise<void> {
  const config = loadConfig();
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.scaleOut?.databaseUrl,
  });
  const app = await buildApp({ config, storage });
  const demo = await demoFacilitatorPath(app);
  const address = await app.listen({ host: config.host, port: config.port });
  const port = Number(new URL(address).port);
  process.stdout.write(
    startupMessage(config, port, { demoPath: demo, lanAddresses: lanAddresses() }),
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Plenary cannot start: ${error.message}`);
  else console.error('Plenary failed to start:', error);
  process.exit(1);
});
