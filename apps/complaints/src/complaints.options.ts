import { mapErrors, ServiceOptions } from '@qa/platform';
import { mapTicketError, TicketError } from './modules/tickets/tickets.errors';

export const complaintsServiceOptions: ServiceOptions = {
  name: 'complaints',
  domainErrors: [mapErrors(TicketError, mapTicketError)],
};
