/**
 * Issues a new facilitator link for a plan whose link was lost:
 *
 *   npm run facilitator-link -- <planId>
 *
 * It uses the same DATA_DIR (and PUBLIC_URL, LAN_ADDRESS and PORT for the printed address) as the
 * server, and works while the server runs (SQLite in WAL mode takes both).
 */
import { isPlanId } from '@plenary/model';
import { openStorage } from '@plenary/storage';
import { inviteUrl, issueInvite } from '../access/invites.ts';
import { TokenVault } from '../access/TokenVault.ts';
import { loadConfig } from '../config.ts';
import { reachableBase } from '../startupMessage.ts';

async function main(planId: string | undefined): Promise<number> {
  if (!planId || !isPlanId(planId)) {
    console.error(
      'Usage: npm run facilitator-link -- <planId>   (the id is the part after /plans/ in a link)',
    );
    return 2;
  }
  const config = loadConfig();
  const storage = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.scaleOut?.databaseUrl,
  });
  try {
    const plan = await storage.documents.getPlan(planId);
    if (!plan) {
      console.error(`No plan has the id "${planId}" in ${config.dataDir}.`);
      return 1;
    }
    const vault = TokenVault.open(config.dataDir);
    const { token } = await issueInvite(storage.access, vault, {
      planId,
      role: 'facilitator',
      groupId: null,
      expiresAt: null,
      createdBy: null,
    });
    const base = reachableBase(config, config.port);
    console.log(`New facilitator link for "${plan.title}" (keep it private):`);
    console.log(inviteUrl(base, planId, token));
    return 0;
  } finally {
    await storage.close();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Could not issue a link:', error);
    process.exit(1);
  },
);
