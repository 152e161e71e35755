import { DomainError, ServiceOptions } from '@qa/platform';
import { mapTicketError, TicketError } from './modules/tickets/tickets.errors';

export const complaintsServiceOptions: ServiceOptions = {
  name: 'complaints',
  mapDomainError: (err: DomainError) =>
    err instanceof TicketError ? mapTicketError(err) : undefined,
};
