import 'reflect-metadata';
import { runService } from '@qa/platform';
import { gatewayServiceOptions } from './gateway.options';

void runService(() => import('./app.module').then((m) => m.AppModule), gatewayServiceOptions);
