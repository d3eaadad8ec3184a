import { Type } from 'typebox';

/** A plan's id in a path. */
export const PlanParams = Type.Object({ planId: Type.String({ pattern: '^[0-9a-z]{6,64}$' }) });

/** A section's id in a path. */
export const SectionParams = Type.Object({
  planId: Type.String({ pattern: '^[0-9a-z]{6,64}$' }),
  sectionId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }),
});

const Title = Type.String({ minLength: 1, maxLength: 200 });
const GroupId = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]);
const Index = Type.Integer({ minimum: 0 });

/** Body of `POST /api/plans`. */
export const CreatePlanBody = Type.Object(
  { title: Title, template: Type.Union([Type.Literal('r2p-nap'), Type.Literal('blank')]) },
  { additionalProperties: false },
);

/** Body of `PATCH /api/plans/:planId`. */
export const UpdatePlanBody = Type.Object({ title: Title }, { additionalProperties: false });

/** Body of `POST /api/plans/:planId/sections`. */
export const CreateSectionBody = Type.Object(
  { title: Title, groupId: Type.Optional(GroupId), index: Type.Optional(Index) },
  { additionalProperties: false },
);

/** Body of `PATCH /api/plans/:planId/sections/:sectionId`: any of the three. */
export const UpdateSectionBody = Type.Object(
  { title: Type.Optional(Title), groupId: Type.Optional(GroupId), index: Type.Optional(Index) },
  { additionalProperties: false, minProperties: 1 },
);
