import { CreateMessaging1763856000000 } from './1763856000000-create-messaging';
import { CreateTickets1764460800000 } from './1764460800000-create-tickets';
import { CreateCallbackCalls1764547200000 } from './1764547200000-create-callback-calls';
import { AddTicketCustomerKey1764720000000 } from './1764720000000-add-ticket-customer-key';
import { EncryptTicketCustomers1764806400000 } from './1764806400000-encrypt-ticket-customers';
import { SealComplaintTexts1764892800000 } from './1764892800000-seal-complaint-texts';
import { SealCallbackScriptEvidence1764979200000 } from './1764979200000-seal-callback-script-evidence';

export const migrations = [
  CreateMessaging1763856000000,
  CreateTickets1764460800000,
  CreateCallbackCalls1764547200000,
  AddTicketCustomerKey1764720000000,
  EncryptTicketCustomers1764806400000,
  SealComplaintTexts1764892800000,
  SealCallbackScriptEvidence1764979200000,
];
