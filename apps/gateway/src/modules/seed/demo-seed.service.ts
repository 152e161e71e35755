import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Role } from '@qa/platform';
import { TenantsService } from '../tenants/tenants.service';
import { UsersService } from '../users/users.service';

export const DEMO_TENANT = 'demo';
const DEMO_ROLES: Role[] = ['admin', 'qa', 'lead', 'ops', 'agent'];

/** Creates the platform admin always, and in development a demo tenant with one user per role. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly config: ConfigService,
    private readonly users: UsersService,
    private readonly tenants: TenantsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.getOrThrow<string>('ADMIN_USERNAME');
    await this.users.ensure({
      username: admin,
      password: this.config.getOrThrow<string>('ADMIN_PASSWORD'),
      role: 'platform_admin',
      tenantId: null,
    });
    if (this.config.get<string>('NODE_ENV') === 'production') return;
    await this.tenants.upsert(
      {
        tenantId: DEMO_TENANT,
        name: 'Demo',
        companyName: '示例公司',
        secondsPerRing: 3,
        timezone: 'Asia/Shanghai',
      },
      'seed',
    );
    for (const role of DEMO_ROLES) {
      await this.users.ensure({
        username: `demo-${role}`,
        password: `demo-${role}-pass`,
        role,
        tenantId: DEMO_TENANT,
        agentId: role === 'agent' ? 'a-1001' : null,
        teamId: role === 'agent' || role === 'lead' ? 't-01' : null,
      });
    }
    this.logger.log(
      `demo users: platform admin ${admin}/(ADMIN_PASSWORD, default "admin"); ` +
        DEMO_ROLES.map((r) => `${r} demo-${r}/demo-${r}-pass`).join(', ') +
        ` (tenant "${DEMO_TENANT}")`,
    );
  }
}
