import 'reflect-metadata';
import { runService } from '@qa/platform';
import { kpiServiceOptions } from './kpi.options';

void runService(() => import('./app.module').then((m) => m.AppModule), kpiServiceOptions);
