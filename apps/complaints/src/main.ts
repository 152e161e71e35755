import 'reflect-metadata';
import { runService } from '@qa/platform';

void runService(() => import('./app.module').then((m) => m.AppModule), { name: 'complaints' });
