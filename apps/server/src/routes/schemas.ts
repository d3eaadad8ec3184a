import { Type } from 'typebox';

/** A plan's id in a path. */
export const PlanParams = Type.Object({ planId: Type.String({ pattern: '^[0-9a-z]{6,64}$' }) });

/** A section's id in a path. */
export const SectionParams = Type.Object({
  planId: Type.String({ pattern: '^[0-9a-z]{6,64}$' }),
  sectionId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }),
});

/** An invite's id in a path. */
export const InviteParams = Type.Object({
  planId: PlanParams.properties.planId,
  inviteId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }),
});

const Title = Type.String({ minLength: 1, maxLength: 200 });
const GroupId = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]);
const Index = Type.Integer({ minimum: 0 });

/** Body of `POST /api/plans`. */
export const CreatePlanBody = Type.Object(
  {
    title: Title,
    template: Type.Union([
      Type.Literal('r2p-nap'),
      Type.Literal('r2p-nap-km'),
      Type.Literal('blank'),
    ]),
  },
  { additionalProperties: false },
);

/** Body of `PATCH /api/plans/:planId`. */
export const UpdatePlanBody = Type.Object({ title: Title }, { additionalProperties: false });

/** Body of `POST /api/plans/:planId/sections`. */
export const CreateSectionBody = Type.Object(
  { title: Title, groupId: Type.Optional(GroupId), index: Type.Optional(Index) },
  { additionalProperties: false },
);

/** A section's progress; `agreed` locks it. */
export const SectionStatusSchema = Type.Union([
  Type.Literal('drafting'),
  Type.Literal('in-review'),
  Type.Literal('agreed'),
]);

/** Body of `PATCH /api/plans/:planId/sections/:sectionId`: any of these. */
export const UpdateSectionBody = Type.Object(
  {
    title: Type.Optional(Title),
    groupId: Type.Optional(GroupId),
    index: Type.Optional(Index),
    status: Type.Optional(SectionStatusSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Body of `PUT /api/plans/:planId/phase`. */
export const PhaseBody = Type.Object(
  { phase: Type.Union([Type.Literal('drafting'), Type.Literal('review'), Type.Literal('final')]) },
  { additionalProperties: false },
);

const PhaseList = Type.Array(
  Type.Union([Type.Literal('drafting'), Type.Literal('review'), Type.Literal('final')]),
  { maxItems: 3, uniqueItems: true },
);

/** For the roles given, the phases in which they suggest by default. */
export const SuggestingBody = Type.Object(
  {
    member: Type.Optional(PhaseList),
    'focal-point': Type.Optional(PhaseList),
    facilitator: Type.Optional(PhaseList),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Colours are #rrggbb so they work as CSS and in exported documents. */
const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });

/** Body of `POST /api/plans/:planId/groups`. */
export const CreateGroupBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }), color: Type.Optional(Color) },
  { additionalProperties: false },
);

/** Body of `PATCH /api/plans/:planId/groups/:groupId`. */
export const UpdateGroupBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    color: Type.Optional(Color),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A group's id in a path. */
export const GroupParams = Type.Object({
  planId: Type.String({ pattern: '^[0-9a-z]{6,64}$' }),
  groupId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }),
});
