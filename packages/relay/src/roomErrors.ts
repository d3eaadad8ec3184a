/** Storage refused to append an update; the room cannot go on serving. */
export class StorageFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(`storage refused an update: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageFailure';
  }
}

/** Storage refused a client's update as someone else's; the room took it back. */
export class RefusedUpdate extends Error {
  constructor(override readonly cause: Error) {
    super(`storage refused an update: ${cause.message}`);
    this.name = 'RefusedUpdate';
  }
}
