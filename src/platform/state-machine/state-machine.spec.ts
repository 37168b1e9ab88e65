import { ProblemException } from '../http/problem';
import { StateMachine } from './state-machine';

type S = 'draft' | 'issued' | 'void';
type A = 'issue' | 'void';
const machine = new StateMachine<S, A>('invoice', { draft: { issue: 'issued' }, issued: { void: 'void' }, void: {} });

describe('StateMachine', () => {
  it('returns the next state for an allowed action', () => {
    expect(machine.next('draft', 'issue')).toBe('issued');
    expect(machine.allowedActions('issued')).toEqual(['void']);
  });

  it('refuses an action not allowed from the current state with 409 and the allowed actions', () => {
    try {
      machine.next('draft', 'void');
      throw new Error('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ProblemException);
      const p = err as ProblemException;
      expect(p.status).toBe(409);
      expect(p.code).toBe('invalid_state_transition');
      expect(p.extensions).toEqual({ currentState: 'draft', action: 'void', allowedActions: ['issue'] });
    }
  });

  it('says when a terminal state allows nothing', () => {
    expect(() => machine.next('void', 'issue')).toThrow('No action is allowed');
  });
});
