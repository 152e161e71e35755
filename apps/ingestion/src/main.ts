import 'reflect-metadata';
import { runService } from '@qa/platform';
import { ingestionServiceOptions } from './ingestion.options';

void runService(() => import('./app.module').then((m) => m.AppModule), ingestionServiceOptions);
