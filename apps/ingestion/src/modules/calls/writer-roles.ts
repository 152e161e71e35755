import type { Role } from '@qa/platform';

/** Who may write calls and recordings (the gateway's route table says the same). */
export const WRITER_ROLES: Role[] = ['platform_admin', 'admin', 'qa', 'lead'];
