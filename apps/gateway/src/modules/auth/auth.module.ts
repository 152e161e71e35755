import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantsModule } from '../tenants/tenants.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BearerAuthGuard } from './bearer-auth.guard';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([RefreshTokenEntity]), UsersModule, TenantsModule],
  controllers: [AuthController],
  providers: [AuthService, BearerAuthGuard, RefreshTokensRepository],
  exports: [AuthService, BearerAuthGuard],
})
export class AuthModule {}
