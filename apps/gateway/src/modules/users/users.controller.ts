import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { CreateUserRequestDto, UserResponseDto } from './dto/create-user.request.dto';
import { ListUsersRequestDto } from './dto/list-users.request.dto';
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
}
