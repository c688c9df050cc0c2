import type { Schemas } from '../../api';

export type CommitteeView = Schemas['CommitteeView'];
export type CommitteeLevel = Schemas['CommitteeLevelView'];

/** A committee with the committees right below it, for the tree. */
export interface CommitteeNode extends CommitteeView {
  children?: CommitteeNode[];
}
