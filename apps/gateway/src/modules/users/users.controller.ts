import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles } from '@qa/platform';
import { CreateUserRequestDto, UserResponseDto } from './dto/create-user.request.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @Roles('platform_admin', 'admin')
  @ApiCreatedResponse({ type: UserResponseDto })
  create(@CurrentIdentity() actor: Identity, @Body() dto: CreateUserRequestDto) {
    return this.users.create(actor, dto);
  }
}
