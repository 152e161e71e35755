import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles } from '@qa/platform';
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
  list(@CurrentIdentity() actor: Identity, @Query() query: ListUsersRequestDto) {
    return this.users.list(actor, query);
  }

  @Post()
  @HttpCode(201)
  @Roles('platform_admin', 'admin')
  @ApiCreatedResponse({ type: UserResponseDto })
  create(@CurrentIdentity() actor: Identity, @Body() dto: CreateUserRequestDto) {
    return this.users.create(actor, dto);
  }
}
