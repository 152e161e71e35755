import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Role } from '@qa/platform';
import { LEGACY_ADMIN_PASSWORD } from '../../config/gateway.env';
import { TenantsService } from '../tenants/tenants.service';
import { UsersService } from '../users/users.service';

export const DEMO_TENANT = 'demo';
export const DEMO_ROLES: Role[] = ['admin', 'qa', 'lead', 'ops', 'agent'];
const capitalised = (r: string) => r[0].toUpperCase() + r.slice(1);
/** The documented demo logins (README, npm start): they pass the password policy. */
export const demoPassword = (role: Role) => `${capitalised(role)}-Demo-Pass-2026!`;
/** What they were before the policy; replaced at start where still in use. */
const legacyDemoPassword = (role: Role) => `demo-${role}-pass`;

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
    await this.users.ensure(
      {
        username: admin,
        password: this.config.get<string>('ADMIN_PASSWORD'),
        role: 'platform_admin',
        tenantId: null,
      },
      [LEGACY_ADMIN_PASSWORD],
    );
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
      await this.users.ensure(
        {
          username: `demo-${role}`,
          password: demoPassword(role),
          role,
          tenantId: DEMO_TENANT,
          agentId: role === 'agent' ? 'a-1001' : null,
          teamId: role === 'agent' || role === 'lead' ? 't-01' : null,
        },
        [legacyDemoPassword(role)],
      );
    }
    this.logger.log(
      `demo users: platform admin ${admin} (password: ADMIN_PASSWORD); ` +
        DEMO_ROLES.map((r) => `${r} demo-${r}/${demoPassword(r)}`).join(', ') +
        ` (tenant "${DEMO_TENANT}")`,
    );
  }
}
