import { planWritePolicy, Relay, type RelayExtension } from '@plenary/relay';
import type {
  AccessStore,
  CommentStore,
  DecisionLog,
  DocumentStore,
  RoundStore,
  Storage,
  VersionStore,
} from '@plenary/storage';
import fp from 'fastify-plugin';
import type { ServerConfig } from '../config.ts';
import type { RedisFanOut } from '../scaleOut/RedisFanOut.ts';
import { SectionEdits } from '../sections/SectionEdits.ts';
import { SuggestionDecisions } from '../suggestions/SuggestionDecisions.ts';
import { SuggestionRepair } from '../suggestions/SuggestionRepair.ts';
import { type SuggestionReview, suggestionReview } from '../suggestions/suggestionReview.ts';
import { AutoVersions } from '../versions/AutoVersions.ts';
import { RefusalCounter } from './refusalCounter.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's configuration. */
    config: ServerConfig;
    /** Where plans are stored. */
    store: DocumentStore;
    /** Where invite links, participants and sessions are stored. */
    access: AccessStore;
    /** The focal point's decisions on suggestions. */
    decisions: DecisionLog;
    /** Saved versions of the plans. */
    versions: VersionStore;
    /** Comment threads on the plans' text. */
    comments: CommentStore;
    /** Consensus rounds and their votes. */
    rounds: RoundStore;
    /** Saves the versions nobody asks for: after phase changes and stretches of editing. */
    autoVersions: AutoVersions;
    /** Carries decisions out on what a concurrent change left of decided suggestions. */
    suggestionRepair: SuggestionRepair;
    /** Refuses the changes of those who must suggest that are not their own suggestions. */
    suggestionReview: SuggestionReview;
    /** Makes the focal point's decisions on suggestions, logged first. */
    suggestionDecisions: SuggestionDecisions;
    /** Who last changed each section of the open plans. */
    sectionEdits: SectionEdits;
    /** The rooms of open plans. */
    relay: Relay;
    /** Refused frames and sockets, counted by reason. */
    relayRefusals: RefusalCounter;
    /** The link to the other processes serving the same plans, or null when alone. */
    fanOut: RedisFanOut | null;
  }
}

/** What the services plugin is given. */
export interface ServicesOptions {
  config: ServerConfig;
  /** Closed with the app: the services plugin owns it from here on. */
  storage: Storage;
  /** Run after the server's own extensions (tests and benchmarks listen in here). */
  relayExtensions?: readonly RelayExtension[];
}

/**
 * The shared services every route uses. On close the relay writes open plans back
 * before the storage is closed, so a restart loses nothing.
 */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, { config, storage, relayExtensions = [] }) => {
    // REDIS_URL: the processes serving the same plans hear each other through Redis.
    // Loaded only when configured: the Redis client is a few megabytes a lone server never uses.
    const fanOut = config.scaleOut
      ? new (await import('../scaleOut/RedisFanOut.ts')).RedisFanOut(
          config.scaleOut.redisUrl,
          app.log,
        )
      : null;
    const refusals = new RefusalCounter();
    const sectionEdits = new SectionEdits();
    const autoVersions = new AutoVersions({
      versions: storage.versions,
      documents: storage.documents,
      logger: app.log,
      intervalMinutes: config.autoVersionMinutes,
      ...(fanOut ? { claim: (key: string, ttlMs: number) => fanOut.claim(key, ttlMs) } : {}),
    });
    const suggestionRepair = new SuggestionRepair({
      decisions: storage.decisions,
      logger: app.log,
    });
    const review = suggestionReview(app.log);
    const relay = new Relay({
      persistence: storage.documents,
      logger: app.log,
      ...(fanOut ? { fanOut } : {}),
      // In the order their hooks run: who may change what, whether a change is only its
      // sender's suggestion, then the work done in reply and the counting.
      extensions: [
        planWritePolicy,
        review,
        suggestionRepair,
        sectionEdits,
        autoVersions,
        refusals,
        ...relayExtensions,
      ],
      options: {
        maxFrameBytes: config.maxFrameBytes,
        compactAfterUpdates: config.compactAfterUpdates,
        fairShare: config.fairShare,
      },
    });
    const suggestionDecisions = new SuggestionDecisions({
      plans: relay,
      decisions: storage.decisions,
      repair: suggestionRepair,
      logger: app.log,
    });
    app.decorate('config', config);
    app.decorate('store', storage.documents);
    app.decorate('access', storage.access);
    app.decorate('decisions', storage.decisions);
    app.decorate('versions', storage.versions);
    app.decorate('comments', storage.comments);
    app.decorate('rounds', storage.rounds);
    app.decorate('autoVersions', autoVersions);
    app.decorate('suggestionRepair', suggestionRepair);
    app.decorate('suggestionReview', review);
    app.decorate('suggestionDecisions', suggestionDecisions);
    app.decorate('sectionEdits', sectionEdits);
    app.decorate('relay', relay);
    app.decorate('relayRefusals', refusals);
    app.decorate('fanOut', fanOut);
    app.addHook('onClose', async () => {
      // The extensions finish their work around it (see `Relay#close`).
      await relay.close();
      await fanOut?.close();
      await storage.close();
    });
  },
  { name: 'plenary-services' },
);
