import { PlatformErrorCode, PlatformException } from '../http/problem';

/** Transitions as data: state → action → next state. */
export type Transitions<S extends string, A extends string> = Record<S, Partial<Record<A, S>>>;

export class StateMachine<S extends string, A extends string> {
  constructor(
    private readonly entity: string,
    private readonly transitions: Transitions<S, A>,
  ) {}

  allowedActions(state: S): A[] {
    return Object.keys(this.transitions[state] ?? {}) as A[];
  }

  can(state: S, action: A): boolean {
    return this.transitions[state]?.[action] !== undefined;
  }

  /** The next state, or 409 `invalid_state_transition` with the current state and allowed actions. */
  next(state: S, action: A): S {
    const target = this.transitions[state]?.[action];
    if (target === undefined) {
      const allowed = this.allowedActions(state);
      throw new PlatformException(
        PlatformErrorCode.InvalidStateTransition,
        `Cannot ${action.replace(/_/g, ' ')} a ${this.entity} that is ${state.replace(/_/g, ' ')}.` +
          (allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ' No action is allowed from this state.'),
        { currentState: state, action, allowedActions: allowed },
      );
    }
    return target;
  }
}
