/** The layers above core (server, client, cli, replication) see the coded errors through core. */
export * from '../logical/errors.js';
