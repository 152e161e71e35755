import 'reflect-metadata';
import { runService } from '@qa/platform';
import { complaintsServiceOptions } from './complaints.options';

void runService(() => import('./app.module').then((m) => m.AppModule), complaintsServiceOptions);
