import { HttpStatus } from '@nestjs/common';
import { ConflictProblem, Problem, VersionConflictProblem } from '../errors/problems';

/** One step of a workflow: the states it may happen in, and the state it leaves (`null` or absent: the state stays). */
export interface Transition<S extends string> {
  readonly from: readonly S[];
  readonly to?: S | null;
}

/**
 * A workflow built from its module's transition table (the one table every path of the module decides by):
 * whether a step can happen, the state it leaves, and the checks every person's step goes through in the
 * same order and with the same problems everywhere.
 */
export interface Workflow<S extends string, V extends string> {
  canHappen(verb: V, state: S): boolean;
  /** The state after `verb`; callers check first (a step that cannot happen throws: a bug, not a request). */
  stateAfter(verb: V, state: S): S;
  /** The version the caller read (else 409 with the current one), then a state the step may happen in (else 409 `<slug>-state`). */
  ensureStep(row: { readonly state: S; readonly version: number }, verb: V, version: number): void;
}

/**
 * `subject` names what moves through the workflow as its problems say it: `'A rotation'` gives "The rotation
 * was changed by someone else" and "A rotation approved cannot conclude"; `slug` prefixes the state problem.
 */
export function workflowOf<S extends string, V extends string>(
  subject: { article: string; slug: string },
  table: Readonly<Record<V, Transition<S>>>,
): Workflow<S, V> {
  const definite = subject.article.replace(/^an? /i, 'The ');
  const canHappen = (verb: V, state: S): boolean => table[verb].from.includes(state);
  return {
    canHappen,
    stateAfter(verb, state) {
      if (!canHappen(verb, state)) throw new Error(`${subject.article} ${state} cannot ${verb}`);
      return table[verb].to ?? state;
    },
    ensureStep(row, verb, version) {
      if (row.version !== version) throw new VersionConflictProblem(definite, row.version);
      if (!canHappen(verb, row.state)) throw new ConflictProblem(`${subject.slug}-state`, `${subject.article} ${row.state} cannot ${verb}`);
    },
  };
}

/**
 * A step this person may not take on this record although the role allows it in general: the four-eyes rule
 * (the proposer never decides), or a decision only the level that made it may undo. 403 with its own slug.
 */
export class StepForbiddenProblem extends Problem {
  constructor(slug: string, detail: string) {
    super(HttpStatus.FORBIDDEN, slug, 'Forbidden', detail);
  }
}
