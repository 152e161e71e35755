import { mapErrors, ServiceOptions } from '@qa/platform';
import { TicketError, ticketErrorStatuses } from './modules/tickets/tickets.errors';

export const complaintsServiceOptions: ServiceOptions = {
  name: 'complaints',
  domainErrors: [mapErrors(TicketError, ticketErrorStatuses)],
};
