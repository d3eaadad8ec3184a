import type { ServerConfig } from './config.ts';

/**
 * The address to print for people to open: PUBLIC_URL, else the machine's venue address
 * (a link on `localhost` works on this computer only), else localhost.
 */
export function reachableBase(
  config: Pick<ServerConfig, 'publicUrl' | 'lanAddress'>,
  port: number,
): string {
  if (config.publicUrl) return config.publicUrl;
  return `http://${config.lanAddress ?? 'localhost'}:${port}`;
}

/** What the server prints once it listens: where to open it, the demo plan, where data is. */
export function startupMessage(
  config: Pick<ServerConfig, 'publicUrl' | 'lanAddress' | 'scaleOut' | 'dataDir'>,
  port: number,
  others: { demoPath: string | null; lanAddresses: string[] },
): string {
  const base = reachableBase(config, port);
  const lines = [
    '',
    `Plenary is running. Open ${base} in a browser.`,
    ...(others.demoPath
      ? [`Demo plan (facilitator link, keep it private): ${base}${others.demoPath}`]
      : []),
    ...(config.publicUrl
      ? []
      : others.lanAddresses
          .filter((ip) => ip !== config.lanAddress)
          .map((ip) => `Also on another network of this machine: http://${ip}:${port}`)),
    ...(config.publicUrl || config.lanAddress
      ? []
      : [
          'This machine has no network address: only this computer can open Plenary. Connect it to the venue network and restart.',
        ]),
    config.scaleOut
      ? 'Plans are kept in PostgreSQL (DATABASE_URL); processes meet through Redis (REDIS_URL).'
      : `Data is kept in ${config.dataDir}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
