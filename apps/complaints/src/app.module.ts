import { Module } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { HealthModule, ServiceCoreModule } from '@qa/platform';
import { ComplaintsEnv } from './config/complaints.env';
import { migrations } from './migrations';

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'complaints',
      schema: 'complaints',
      env: ComplaintsEnv,
      entities: [],
      migrations,
      produces: [
        Topics.ComplaintOpened,
        Topics.ComplaintTransitioned,
        Topics.ComplaintSlaBreached,
        Topics.CallbackScheduled,
        Topics.CallbackCompleted,
      ],
    }),
    HealthModule.forRoot({ redis: true }),
  ],
})
export class AppModule {}
