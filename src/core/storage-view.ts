/** The layers above core (replication) see the storage view through core. */
export * from '../logical/storage-view.js';
