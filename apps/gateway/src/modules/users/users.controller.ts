import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { CreateUserRequestDto, UserResponseDto } from './dto/create-user.request.dto';
import { ListUsersRequestDto } from './dto/list-users.request.dto';
import { ResetPasswordRequestDto, UpdateUserRequestDto } from './dto/update-user.request.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('platform_admin', 'admin')
  @ApiOkResponse({ type: [UserResponseDto] })
  @ApiProblems({ 400: 'invalid query', 401: 'no valid access token', 403: 'not an admin' })
  list(@CurrentIdentity() actor: Identity, @Query() query: ListUsersRequestDto) {
    return this.users.list(actor, query);
  }

  @Post()
  @HttpCode(201)
  @Roles('platform_admin', 'admin')
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblems({
    400: 'invalid fields, each named: a weak password, a platform_admin role, an agent without agentId',
    401: 'no valid access token',
    403: 'not an admin',
    404: 'no such tenant (or another tenant, for a tenant admin)',
    409: 'username taken',
  })
  create(@CurrentIdentity() actor: Identity, @Body() dto: CreateUserRequestDto) {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @Roles('platform_admin', 'admin')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblems({
    400: 'invalid fields, each named: a platform_admin role, an agent without agentId, your own role or disabling yourself',
    401: 'no valid access token',
    403: 'not an admin',
    404: 'no such user in your tenant',
    409: 'expectedVersion is stale (currentVersion in the body)',
  })
  update(
    @CurrentIdentity() actor: Identity,
    @Param('id') id: string,
    @Body() dto: UpdateUserRequestDto,
  ) {
    return this.users.update(actor, id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  @Roles('platform_admin', 'admin')
  @ApiNoContentResponse({ description: 'set; every session of the user ended' })
  @ApiProblems({
    400: 'newPassword missing or weak, named',
    401: 'no valid access token',
    403: 'not an admin',
    404: 'no such user in your tenant',
  })
  async resetPassword(
    @CurrentIdentity() actor: Identity,
    @Param('id') id: string,
    @Body() dto: ResetPasswordRequestDto,
  ): Promise<void> {
    await this.users.resetPassword(actor, id, dto.newPassword);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('platform_admin', 'admin')
  @ApiNoContentResponse({ description: 'deleted; its tokens stop working' })
  @ApiProblems({
    400: 'your own account',
    401: 'no valid access token',
    403: 'not an admin',
    404: 'no such user in your tenant',
  })
  async remove(@CurrentIdentity() actor: Identity, @Param('id') id: string): Promise<void> {
    await this.users.remove(actor, id);
  }
}
