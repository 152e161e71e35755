import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { authorize } from '@qa/platform';
import type { Request } from 'express';
import { AuthService } from './auth.service';

/** The gateway's own routes: the caller is whoever the bearer token says. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const header = ctx.switchToHttp().getRequest<Request>().header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    return authorize(this.reflector, ctx, token ? await this.auth.identityFromToken(token) : null);
  }
}
