import { sqlOf, forkEm } from '@hiorder/core/db';
import { catalogVersion, syncCatalog } from '@hiorder/core/catalog';
import { CatalogSyncInputSchema } from '@hiorder/domain/realtime/realtime';
import type { AppDeps } from '../app-deps';
import { handleWithAck } from '../realtime/socket-ack';
import type { TableActor, TabletSocket } from '../realtime/socket-types';

/**
 * A tablet's catalog: `catalog:sync` answers what changed since its version, and on connect a tablet whose
 * handshake version is behind is told `catalog:changed` at once (it may have missed pushes while away).
 */
export async function registerCatalogHandlers(socket: TabletSocket, deps: AppDeps, actor: TableActor): Promise<void> {
  socket.on(
    'catalog:sync',
    handleWithAck(deps.logger, CatalogSyncInputSchema, (input) => syncCatalog(forkEm(deps.orm), actor, input.since)),
  );
  const known = (socket.handshake.auth as { catalogVersion?: number }).catalogVersion;
  const version = await catalogVersion(sqlOf(forkEm(deps.orm)), actor.storeId);
  if (known !== version) socket.emit('catalog:changed', { version });
}
