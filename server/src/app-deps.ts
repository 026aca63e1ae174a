import type { MikroORM } from '@mikro-orm/core';
import type { Env } from './env';
import type { AccessTokens } from './identity/tokens';
import type { Logger } from './logger';
import type { AdmissionControl } from './ordering/admission-control';
import type { OutboxRelay } from './outbox/outbox-relay';
import type { PaymentGateway } from './payment/payment-gateway';

/** What routes and socket handlers are given: built once in `createServerApp`, never global. */
export interface AppDeps {
  orm: MikroORM;
  env: Env;
  logger: Logger;
  tokens: AccessTokens;
  relay: OutboxRelay;
  gateway: PaymentGateway;
  admission: AdmissionControl;
  /** Public origin of the apps (pairing URLs). */
  publicUrl: string;
  /** Where the browser's sandbox sheet authorises payments, or null with real Toss. */
  sandboxUrl: string | null;
  photosDir: string;
  now: () => Date;
}
