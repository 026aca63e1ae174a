import type { MikroORM } from '@mikro-orm/core';
import type { Env } from './env';
import type { AccessTokens } from '@hiorder/core/identity';
import type { Logger } from '@hiorder/core/logger';
import type { AdmissionControl } from './ordering/admission-control';
import type { OutboxRelay } from '@hiorder/core/outbox';
import type { PaymentGateway } from '@hiorder/core/payment';
import type { PrinterSender } from '@hiorder/core/printing';

/** What routes and socket handlers are given: built once in `createServerApp`, never global. */
export interface AppDeps {
  orm: MikroORM;
  env: Env;
  logger: Logger;
  tokens: AccessTokens;
  /** Opens `POST /api/setup` while the deployment has no store (printed by the start banner; `setupTokenFor`). */
  setupToken: string;
  relay: OutboxRelay;
  gateway: PaymentGateway;
  admission: AdmissionControl;
  /** Public origin of the apps (pairing URLs). */
  publicUrl: string;
  /** Where the browser's sandbox sheet authorises payments, or null with real Toss. */
  sandboxUrl: string | null;
  photosDir: string;
  now: () => Date;
  /** Talks ESC/POS to a network printer (the settings page's test print). */
  printerSender: PrinterSender;
  /** Set where a print dispatcher runs in this process (embedded mode): new print jobs are looked at now. */
  onPrintJobsQueued?: () => void;
}
