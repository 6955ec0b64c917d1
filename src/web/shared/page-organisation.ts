import type { FastifyInstance } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { UNCONFIGURED_IDENTITY, OrganisationIdentity } from '../../organisation/organisation-identity';
import type { OrganisationService } from '../../organisation/organisation.service';

/** What the header and footer of every page say about the hosting union. */
export interface PageOrganisation {
  identity: OrganisationIdentity;
  configured: boolean;
}

const UNCONFIGURED: PageOrganisation = { identity: UNCONFIGURED_IDENTITY, configured: false };

// Every page of every feature names the union in its layout. Threading the identity through each
// page function and controller would make each new page responsible for it; instead the request
// carries it, set by one hook, and layout() reads it. One application, one identity: the value is
// the same for every request of an application, so a store outliving its request leaks nothing.
const storage = new AsyncLocalStorage<PageOrganisation>();

/** Makes the union's identity available to the layout during every request of this application. */
export function nameOrganisationOnPages(fastify: FastifyInstance, organisation: OrganisationService): void {
  const page: PageOrganisation = { identity: organisation.identity(), configured: organisation.isConfigured() };
  const enter = (_request: unknown, _reply: unknown, done: () => void) => {
    storage.enterWith(page);
    done();
  };
  // onRequest for every answer, preHandler again after an asynchronous body parse.
  fastify.addHook('onRequest', enter);
  fastify.addHook('preHandler', enter);
}

/** The union as the current request's application knows it; outside a request, an unconfigured instance. */
export function pageOrganisation(): PageOrganisation {
  return storage.getStore() ?? UNCONFIGURED;
}
