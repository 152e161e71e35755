import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { ServiceCoreModule } from '@qa/service-core';
import { GatewayEnv } from './config/gateway.env';
import { migrations } from './migrations';
import { AuthModule } from './modules/auth/auth.module';
import { BearerAuthGuard } from './modules/auth/bearer-auth.guard';
import { RefreshTokenEntity } from './modules/auth/entities/refresh-token.entity';
import { GatewayHealthModule } from './modules/health/health.module';
import { ProxyModule } from './modules/proxy/proxy.module';
import { DemoSeedService } from './modules/seed/demo-seed.service';
import { TenantEntity } from './modules/tenants/entities/tenant.entity';
import { TenantsModule } from './modules/tenants/tenants.module';
import { UserEntity } from './modules/users/entities/user.entity';
import { UsersModule } from './modules/users/users.module';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'gateway',
      schema: 'gateway',
      env: GatewayEnv,
      entities: [TenantEntity, UserEntity, RefreshTokenEntity],
      migrations,
      produces: [Topics.TenantUpserted],
      guard: BearerAuthGuard,
    }),
    GatewayHealthModule,
    AuthModule,
    TenantsModule,
    UsersModule,
    ProxyModule,
  ],
  providers: [DemoSeedService],
})
export class AppModule {}
