import { useVisit } from '../../ordering/useOrders';
import { SplitPaySheet } from './SplitPaySheet';

/** The split sheet of one order of the visit, following the order as it changes (pushed `order:updated`). */
export function SplitPayHost({ orderId, token, onClose }: { orderId: string; token: string; onClose: () => void }) {
  const visit = useVisit();
  const order = visit?.orders.find((o) => o.id === orderId);
  if (!order) return null;
  return <SplitPaySheet order={order} token={token} onClose={onClose} />;
}
