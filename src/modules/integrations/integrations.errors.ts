import { ProblemDefinition, ProblemException } from '../../platform/http/problem';

export enum IntegrationsErrorCode {
  WebhookTargetNotAllowed = 'webhook_target_not_allowed',
  UnknownEventType = 'unknown_event_type',
  InvalidReplayRange = 'invalid_replay_range',
}

/** Exhaustive: a new code without a status and title does not compile. */
export const INTEGRATIONS_PROBLEMS: Record<IntegrationsErrorCode, ProblemDefinition> = {
  [IntegrationsErrorCode.WebhookTargetNotAllowed]: { status: 422, title: 'Webhook target not allowed' },
  [IntegrationsErrorCode.UnknownEventType]: { status: 422, title: 'Unknown event type' },
  [IntegrationsErrorCode.InvalidReplayRange]: { status: 422, title: 'Invalid replay range' },
};

export class IntegrationsException extends ProblemException {
  constructor(code: IntegrationsErrorCode, detail: string, extensions: Record<string, unknown> = {}, errors?: { field: string; message: string }[]) {
    const def = INTEGRATIONS_PROBLEMS[code];
    super(def.status, code, def.title, detail, extensions, errors);
  }
}
