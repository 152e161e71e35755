import { INestApplication, Type } from '@nestjs/common';
import { createService, ServiceOptions } from '@qa/platform';

/** Starts services as main.ts would (house conventions, own port on loopback), in order. */
export async function startServices(
  specs: readonly (readonly [Type<unknown>, ServiceOptions])[],
): Promise<INestApplication[]> {
  const apps: INestApplication[] = [];
  for (const [module, opts] of specs) {
    const app = await createService(module, opts);
    await app.listen(0, '127.0.0.1');
    apps.push(app);
  }
  return apps;
}
