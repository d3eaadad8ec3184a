import type {
  GroupState,
  Phase,
  PlanTemplateId,
  Role,
  SectionState,
  SectionStatus,
} from '@plenary/model';

/** A plan as the start page lists it. */
export interface PlanSummary {
  id: string;
  title: string;
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** A section as REST returns it: its state plus its position. */
export interface SectionResource extends SectionState {
  order: number;
}

/** A whole plan as `GET /api/plans/:id` and `POST /api/plans` return it. */
export interface PlanResource {
  id: string;
  title: string;
  url: string;
  phase: Phase;
  sections: SectionResource[];
  removedSections: SectionResource[];
  groups: GroupState[];
}

/** A new plan as `POST /api/plans` returns it: `url` is the facilitator's invite link. */
export interface CreatedPlan extends PlanResource {
  facilitatorToken: string;
}

/** What `POST /api/plans` takes. */
export interface NewPlan {
  title: string;
  template: PlanTemplateId;
}

/** Server limits the client needs to respect (`GET /api/config`). */
export interface ServerConfig {
  /** The largest websocket frame the server accepts, in bytes. */
  maxUpdateBytes: number;
  /** The largest outline file (.docx, .md) the server imports, in bytes. */
  maxImportBytes: number;
  /** Where the addresses in links and QR codes point, for explaining them. */
  links: {
    url: string;
    /** PUBLIC_URL, the machine's venue address (the page is on localhost), or the page's own. */
    source: 'public-url' | 'lan' | 'page';
    /** The page was opened at `localhost`, which no other device can open. */
    pageOnLoopback: boolean;
  };
}

/** A breakout group as an invite link names it. */
export interface InviteGroup {
  id: string;
  name: string;
  color: string;
}

/** What an invite link opens (`GET /api/plans/:id/join`, with the invite token). */
export interface InviteInfo {
  planTitle: string;
  role: Role;
  group: InviteGroup | null;
}

/** Joining with an invite: always a new participant, by the name they give. */
export interface JoinRequest {
  name: string;
}

/** The answer to joining (`POST /api/plans/:id/participants`). */
export interface JoinResponse {
  participant: { id: string; name: string; role: Role; groupId: string | null };
  sessionToken: string;
}

/** Who this device is in a plan (`GET /api/plans/:id/me`). */
export interface Me {
  participantId: string;
  name: string;
  role: Role;
  groupId: string | null;
  /** The invite link this person joined with. */
  inviteId: string;
  expiresAt: string | null;
}

/** An invite link as the Share panel lists it (`GET /api/plans/:id/invites`). */
export interface Invite {
  id: string;
  role: Role;
  groupId: string | null;
  /** The link again, for showing it once more; null when the server cannot show it. */
  url: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  participantCount: number;
  /** Whom a per-person link is for; null for a shared link. */
  personName: string | null;
}

/** Someone who joined the plan (`GET /api/plans/:id/participants`). */
export interface Participant {
  id: string;
  name: string;
  role: Role;
  groupId: string | null;
  inviteId: string;
  joinedAt: string;
  lastSeenAt: string;
  /** When the facilitator removed them, or null. */
  removedAt: string | null;
}

/** What `POST /api/plans/:id/invites` takes: member links need a group. */
export interface NewInvite {
  role: Role;
  groupId?: string;
  expiresAt?: string;
  /** Makes a per-person link for this person. */
  personName?: string;
}

/** A link just created (`POST /api/plans/:id/invites`). */
export interface CreatedInvite {
  id: string;
  token: string;
  url: string;
  role: Role;
  groupId: string | null;
  expiresAt: string | null;
  personName: string | null;
}

/** One change to a section (`PATCH /api/plans/:id/sections/:sectionId`). */
export type SectionChange =
  | { groupId: string | null }
  | { status: SectionStatus }
  | { title: string }
  | { index: number };

/** A change to a breakout group (`PATCH /api/plans/:id/groups/:groupId`). */
export interface GroupChange {
  name?: string;
  color?: string;
}

/** A change to what the projectors show (`PUT /api/plans/:id/presentation`). */
export interface PresentationChange {
  mode?: 'section' | 'follow';
  sectionId?: string | null;
  suggestions?: 'marked' | 'accepted';
  /** A member or observer link to show as a QR code on the projectors; null hides it. */
  joinOverlayInviteId?: string | null;
  /** Comment threads beside the projected text. */
  showComments?: boolean;
  /** A consensus round shown full screen, or null for the text. */
  roundId?: string | null;
}

/** Whose Yjs client wrote in the plan (`GET /api/plans/:id/attribution`). */
export interface Attribution {
  clientId: number;
  participantId: string | null;
  name: string | null;
  groupId: string | null;
}

/** Who last changed a section (`GET /api/plans/:id/section-edits`), however they did. */
export interface SectionEdit {
  sectionId: string;
  participantId: string;
  name: string | null;
  /** When (ISO 8601). */
  at: string;
}

/** What `POST /api/plans/:id/decisions` takes: a verdict on suggestions named one by one. */
export interface DecisionRequest {
  action: 'accept' | 'reject';
  /** Exactly these suggestions: the server decides what the reviewer saw, nothing more. */
  suggestions: { sectionId: string; suggestionId: string }[];
}

/** One entry of the decision log (`GET /api/plans/:id/decisions`, newest first). */
export interface DecisionLogEntry {
  id: string;
  sectionId: string;
  suggestionId: string;
  action: 'accept' | 'reject';
  /** What the suggestion did: insert, delete, replace or structure. */
  kind: string;
  insertedText: string;
  deletedText: string;
  authorId: string;
  authorName: string;
  groupId: string | null;
  /** When the suggestion was made (ISO 8601), or null when unknown. */
  suggestedAt: string | null;
  decidedBy: string | null;
  /** The decider's name (or role) at the time. */
  decidedByName: string;
  /** When it was decided (ISO 8601). */
  decidedAt: string;
}

/** The short code of a shared link (`GET /api/plans/:id/invites/:inviteId/join-code`). */
export interface JoinCode {
  code: string;
  /** Where to type it: the address links are built from, with `/join`. */
  joinUrl: string;
  /** When the code shown changes (the one before stays accepted for 30 minutes more). */
  changesAt: string;
  validUntil: string;
}

/** The link a typed join code opens (`POST /api/join-codes`). */
export interface OpenedJoinCode {
  planId: string;
  /** The plan's page with the invite in its fragment, on this server. */
  path: string;
}
