import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Actor } from '../context/request-context';
import { PUBLIC_KEY, SCOPES_KEY } from '../http/openapi';
import { PlatformErrorCode, PlatformException } from '../http/problem';
import { ApiKeyService } from './api-key.service';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

const ACTING_USER = /^[\p{L}\p{N}\p{P}\p{S} ]{1,200}$/u;

/**
 * Every route needs a valid key unless marked public; a route that declares no scope needs
 * `admin` (secure by default). `admin` implies every scope.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const required = this.reflector.getAllAndOverride<string[]>(SCOPES_KEY, targets) ?? ['admin'];
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9_\-.~+/=]{8,512})\s*$/i.exec(header) : null;
    if (!match) {
      throw new PlatformException(
        PlatformErrorCode.Unauthenticated,
        header ? 'The Authorization header must be "Bearer <API key>".' : 'Send an API key as "Authorization: Bearer <key>".',
        {},
        undefined,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const key = await this.keys.verify(match[1]);
    if (!key) {
      throw new PlatformException(PlatformErrorCode.Unauthenticated, 'The API key is unknown or has been revoked.', {}, undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    }
    const scopes = new Set(key.scopes);
    const actingHeader = request.headers['x-acting-user'];
    const actingUser = typeof actingHeader === 'string' && ACTING_USER.test(actingHeader) ? actingHeader : undefined;
    if (actingHeader !== undefined && !actingUser) {
      throw new PlatformException(PlatformErrorCode.BadRequest, 'X-Acting-User must be 1 to 200 printable characters.', {}, [
        { field: 'X-Acting-User', message: 'must be 1 to 200 printable characters' },
      ]);
    }
    request.actor = { keyId: key.id, keyName: key.name, scopes, actingUser };
    if (scopes.has('admin')) return true;
    const missing = required.filter((s) => !scopes.has(s));
    if (missing.length) {
      throw new PlatformException(PlatformErrorCode.MissingScope, `This operation needs the scope ${missing.join(', ')}.`, {
        requiredScopes: required,
        missingScopes: missing,
      });
    }
    return true;
  }
}
