import 'reflect-metadata';
import { runService } from '@qa/platform';
import { scoringServiceOptions } from './scoring.options';

void runService(() => import('./app.module').then((m) => m.AppModule), scoringServiceOptions);
