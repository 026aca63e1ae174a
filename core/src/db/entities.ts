import { CategorySchema } from '../catalog/category.entity';
import { MenuSchema } from '../catalog/menu.entity';
import { MenuOptionSchema } from '../catalog/menu-option.entity';
import { OptionGroupSchema } from '../catalog/option-group.entity';
import { DeviceSchema } from '../identity/device.entity';
import { DiningTableSchema } from '../identity/dining-table.entity';
import { PairingCodeSchema } from '../identity/pairing-code.entity';
import { RefreshTokenSchema } from '../identity/refresh-token.entity';
import { StaffSchema } from '../identity/staff.entity';
import { StoreSchema } from '../identity/store.entity';
import { OrderHistoryEntrySchema } from '../history/order-history.entity';
import { RefundHistoryEntrySchema } from '../history/refund-history.entity';
import { OrderLineSchema } from '../ordering/order-line.entity';
import { OrderSchema } from '../ordering/order.entity';
import { AlarmAcknowledgementSchema } from '../ordering/alarm-acknowledgement.entity';
import { VisitSchema } from '../ordering/visit.entity';
import { OutboxEventSchema } from '../outbox/outbox-event.entity';
import { ProcessedEventSchema } from '../outbox/processed-event.entity';
import { EventFailureSchema } from '../outbox/event-failure.entity';
import { RelayLeaseSchema } from '../outbox/relay-lease.entity';
import { PaymentSchema } from '../payment/payment.entity';
import { BillSplitSchema } from '../payment/split/bill-split.entity';
import { PaymentShareSchema } from '../payment/split/payment-share.entity';
import { ShareClaimSchema } from '../payment/split/share-claim.entity';
import { PaymentRefundSchema } from '../payment/payment-refund.entity';
import { PrintJobSchema } from '../printing/print-job.entity';
import { PrinterSchema } from '../printing/printer.entity';
import { MenuPairingSchema } from '../recommendations/menu-pairing.entity';
import { MenuPopularitySchema } from '../recommendations/menu-popularity.entity';
import { VisitBasketSchema } from '../recommendations/visit-basket.entity';
import { SalesBucketSchema } from '../stats/sales-bucket.entity';

/** Every entity of the server's database, listed once (read models included: the server serves them and the workers keep them). */
export const SERVER_ENTITIES = [
  StoreSchema,
  StaffSchema,
  RefreshTokenSchema,
  DiningTableSchema,
  DeviceSchema,
  PairingCodeSchema,
  CategorySchema,
  MenuSchema,
  OptionGroupSchema,
  MenuOptionSchema,
  VisitSchema,
  OrderSchema,
  OrderLineSchema,
  PaymentSchema,
  BillSplitSchema,
  PaymentShareSchema,
  ShareClaimSchema,
  PaymentRefundSchema,
  OutboxEventSchema,
  ProcessedEventSchema,
  EventFailureSchema,
  RelayLeaseSchema,
  SalesBucketSchema,
  OrderHistoryEntrySchema,
  RefundHistoryEntrySchema,
  MenuPopularitySchema,
  MenuPairingSchema,
  VisitBasketSchema,
  PrinterSchema,
  PrintJobSchema,
  AlarmAcknowledgementSchema,
];
