import type { Connection } from './Connection.ts';
import type { RoomEnvironment } from './RoomEnvironment.ts';

/**
 * Closes a socket with a named code for a frame it must not send, says why in the log,
 * and tells the extensions. The socket still has to leave its room, if it is in one.
 */
export function refuseConnection(
  env: Pick<RoomEnvironment, 'logger' | 'extensions'>,
  connection: Connection,
  code: number,
  reason: string,
  bytes: number,
): void {
  const { planId, context } = connection;
  env.logger.warn(
    {
      planId,
      participantId: context.participantId,
      role: context.actor.role,
      code,
      reason,
      bytes,
    },
    'refused a frame and closed its socket',
  );
  env.extensions.onRefusal({ planId, code, reason });
  connection.close(code, reason.slice(0, 120));
}
