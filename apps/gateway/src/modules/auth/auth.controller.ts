import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Public } from '@qa/platform';
import { DataSource } from 'typeorm';
import { TenantsRepository } from '../tenants/tenants.repository';
import { AuthService } from './auth.service';
import {
  ChangePasswordRequestDto,
  LoginRequestDto,
  RefreshRequestDto,
  TokenPairResponseDto,
} from './dto/login.request.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    private readonly tenants: TenantsRepository,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiProblems({
    400: 'invalid body, naming the fields',
    401: 'wrong username or password (the same answer for an unknown username)',
    429: 'too many failed logins: wait Retry-After seconds',
  })
  login(@Body() dto: LoginRequestDto, @Ip() ip: string) {
    return this.auth.login(dto.username, dto.password, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiProblems({
    400: 'invalid body',
    401: 'invalid, expired or already spent refresh token',
    429: 'the account waits out a login backoff',
  })
  refresh(@Body() dto: RefreshRequestDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiNoContentResponse({ description: 'the session ended (an unknown token changes nothing)' })
  @ApiProblems({ 400: 'invalid body' })
  async logout(@Body() dto: RefreshRequestDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  /** Ends every session of the user, this one included: log in again with the new password. */
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'changed; every session of the user ended' })
  @ApiProblems({
    400: 'wrong current password or a weak new one, naming the field',
    401: 'no valid access token',
    429: 'too many failed attempts',
  })
  async changePassword(
    @CurrentIdentity() identity: Identity,
    @Body() dto: ChangePasswordRequestDto,
    @Ip() ip: string,
  ): Promise<void> {
    await this.auth.changePassword(identity, dto.currentPassword, dto.newPassword, ip);
  }

  /** Who is logged in, and the tenant's time zone: the dashboard shows times as the tenant reads them. */
  @Get('me')
  @ApiOkResponse({ description: 'the identity of the token and the tenant time zone' })
  @ApiProblems({ 401: 'no valid access token' })
  async me(@CurrentIdentity() identity: Identity): Promise<Identity & { timezone: string | null }> {
    const timezone = identity.tenantId
      ? await this.tenants.timezoneOf(this.dataSource.manager, identity.tenantId)
      : null;
    return { ...identity, timezone };
  }
}
