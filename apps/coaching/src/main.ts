import 'reflect-metadata';
import { runService } from '@qa/platform';
import { coachingServiceOptions } from './coaching.options';

void runService(() => import('./app.module').then((m) => m.AppModule), coachingServiceOptions);
