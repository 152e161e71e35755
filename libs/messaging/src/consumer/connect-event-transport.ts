import { ArgumentsHost, Catch, INestApplication, RpcExceptionFilter } from '@nestjs/common';
import { NestMicroservice } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { EventConsumerHost } from './event-consumer.host';

/**
 * Hands a handler's error to the host as it was thrown. Nest's default filter would turn it into
 * `{ status: 'error', message: 'Internal server error' }`, and the host needs the error itself: its
 * message is the dead-letter reason, its class tells a database outage from a bad message.
 */
@Catch()
class HandlerErrorsToHost implements RpcExceptionFilter {
  catch(err: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => err);
  }
}

/**
 * Connects the service's Kafka transport to the app: Nest hands it every `@EventPattern` handler
 * of the app's controllers. Without the app's HTTP pipes, guards and filters (those are for
 * requests); with the filter above.
 */
export function connectEventTransport(app: INestApplication): void {
  const ms = app.connectMicroservice(
    { strategy: app.get(EventConsumerHost) },
    // Deferred only so the filter is in place before the handlers are wrapped; then the same
    // steps connectMicroservice takes when not deferred.
    { deferInitialization: true },
  ) as NestMicroservice;
  ms.useGlobalFilters(new HandlerErrorsToHost());
  ms.setIsInitHookCalled(true);
  ms.registerListeners();
  ms.setIsInitialized(true);
}
