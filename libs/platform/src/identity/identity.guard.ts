import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { trace } from '@opentelemetry/api';
import { traceparentOf } from '@qa/contracts';
import type { Request } from 'express';
import { ProblemError } from '../http/problem-details';
import { Identity, Role } from './identity';
import { VERIFIED_IDENTITY, WithVerifiedIdentity } from './identity-verifier';

export const PUBLIC_KEY = 'qa:public';
export const ROLES_KEY = 'qa:roles';

/** Marks a route that needs no forwarded identity (health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Restricts a route to these roles; without it any authenticated identity passes. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type WithIdentity = Request & { identity?: Identity };

/** Checks a route's @Public/@Roles metadata against an identity; shared by every guard. */
export function authorize(
  reflector: Reflector,
  ctx: ExecutionContext,
  identity: Identity | null,
): boolean {
  const targets = [ctx.getHandler(), ctx.getClass()];
  if (reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
  if (!identity) throw new ProblemError(401, 'Unauthorized', 'Missing or invalid credentials.');
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
  if (roles && !roles.includes(identity.role)) {
    throw new ProblemError(403, 'Forbidden', `Role ${identity.role} may not do this.`);
  }
  ctx.switchToHttp().getRequest<WithIdentity>().identity = identity;
  return true;
}

/**
 * Services accept only identities signed by the gateway with INTERNAL_SECRET, as checked on
 * arrival by identityVerifier (createService mounts it); without it nothing is accepted.
 */
@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<WithVerifiedIdentity>();
    return authorize(this.reflector, ctx, req[VERIFIED_IDENTITY] ?? null);
  }
}

export const CurrentIdentity = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Identity => {
    const identity = ctx.switchToHttp().getRequest<WithIdentity>().identity;
    if (!identity) throw new ProblemError(401, 'Unauthorized', 'Missing identity.');
    return identity;
  },
);

/**
 * The trace context events written by this request carry: the `traceparent` of its server span
 * (else, without a tracer provider, the request id).
 */
export const TraceId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const span = trace.getActiveSpan();
  return (
    (span && traceparentOf(span)) ||
    String(ctx.switchToHttp().getRequest<Request & { id?: unknown }>().id ?? '')
  );
});
