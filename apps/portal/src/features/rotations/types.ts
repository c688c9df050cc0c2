import type { Schemas } from '../../api';

/** The API's views (libs/rotation/src/rotation.dto.ts), generated from its OpenAPI document. */
export type Rotation = Schemas['RotationView'];
export type RotationPlace = Schemas['RotationPlaceView'];
export type RotationOriginHistory = Schemas['RotationOriginHistoryView'];
export type RotationState = Rotation['state'];
export type RotationType = Rotation['type'];
export type RotationDirection = Rotation['direction'];
export type RotationOutcome = NonNullable<Rotation['outcome']>;
export type RotationVerb = 'approve' | 'cancel' | 'conclude';

export const ROTATION_STATES: readonly RotationState[] = ['proposed', 'approved', 'in_progress', 'concluded', 'cancelled'];
export const ROTATION_TYPES: readonly RotationType[] = ['training', 'non-local', 'term-limit'];
export const ROTATION_DIRECTIONS: readonly RotationDirection[] = ['upper-to-lower', 'lower-to-upper', 'locality-to-locality', 'same-level'];
export const ROTATION_OUTCOMES: readonly RotationOutcome[] = ['return', 'stay', 'new-post'];
/** The key posts QĐ 65 names (libs/rulebook ROTATION_KEY_POSTS): the DTO takes one of them or none. */
export const ROTATION_KEY_POSTS = [
  'party-secretary',
  'people-committee-chair',
  'court-chief-justice',
  'procuracy-chief',
  'police-head',
  'inspection-head',
  'finance-head',
  'tax-head',
  'customs-head',
] as const;

/** The workflow as libs/rotation/src/rotation-transitions.ts has it: the states per verb and the ability action. */
export const ROTATION_TRANSITIONS: Record<RotationVerb, { from: readonly RotationState[]; action: string }> = {
  approve: { from: ['proposed'], action: 'approve' },
  cancel: { from: ['proposed', 'approved'], action: 'cancel' },
  conclude: { from: ['in_progress'], action: 'conclude' },
};

/** A committee's post, named with the committee where the caller's scope shows it (the API leaves the name out otherwise). */
export const placeOf = (committeeName: string | null, post: string): string => (committeeName ? `${committeeName} — ${post}` : post);
