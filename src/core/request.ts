/** The layers above core (server, client, replication) see the currency through core. */
export type * from '../logical/request.js';
