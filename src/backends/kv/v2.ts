import type { Backend, PathSpec } from '../../logical/path-spec.js';
import { readConfig, writeConfig } from './v2-config.js';
import { dataExists, deleteData, noTrailingSlash, patchData, readData, writeData } from './v2-data.js';
import { invalidPath } from './v2-invalid.js';
import {
  deleteMetadata,
  listMetadata,
  metadataExists,
  patchMetadata,
  readMetadata,
  writeMetadata,
} from './v2-metadata.js';
import { readSubkeys } from './v2-subkeys.js';
import { deleteVersions, destroyVersions, undeleteVersions } from './v2-versions.js';

const path = { type: 'string', description: 'Location of the secret.' } as const;
const versions = { type: 'raw', description: 'Comma-separated string or list of version numbers.' } as const;

const metadataFields = {
  path,
  exclude_deleted: { type: 'bool', default: false },
  cas_required: { type: 'bool' },
  max_versions: { type: 'int' },
  delete_version_after: { type: 'duration' },
  custom_metadata: { type: 'map' },
} as const;

const metadataOps = {
  read: readMetadata,
  create: writeMetadata,
  update: writeMetadata,
  patch: patchMetadata,
  delete: deleteMetadata,
  list: listMetadata,
};

/** Every request the plugin's `pathInvalid` catches: 404 with a `vault kv` hint. */
const invalid = (pattern: string): PathSpec => ({
  pattern,
  auth: 'token',
  synopsis: 'Paths a versioned K/V mount does not serve.',
  openFields: true,
  ops: { read: invalidPath, update: invalidPath, patch: invalidPath, delete: invalidPath, list: invalidPath },
});

const paths: readonly PathSpec[] = [
  {
    pattern: 'config',
    auth: 'token',
    synopsis: 'Configures settings for the KV store',
    fields: {
      max_versions: { type: 'int' },
      cas_required: { type: 'bool' },
      delete_version_after: { type: 'duration' },
    },
    ops: { read: readConfig, update: writeConfig },
  },
  {
    pattern: 'data/*path',
    auth: 'token',
    synopsis: 'Write, Patch, Read, and Delete data in the Key-Value Store.',
    fields: { path, version: { type: 'int' }, options: { type: 'map' }, data: { type: 'map' } },
    ops: {
      read: noTrailingSlash(readData),
      create: noTrailingSlash(writeData),
      update: noTrailingSlash(writeData),
      patch: noTrailingSlash(patchData),
      delete: noTrailingSlash(deleteData),
      list: invalidPath,
    },
    exists: dataExists,
  },
  {
    pattern: 'metadata/',
    auth: 'token',
    synopsis: 'Allows interaction with key metadata and settings in the KV store.',
    fields: metadataFields,
    ops: metadataOps,
    exists: metadataExists,
  },
  {
    pattern: 'metadata/*path',
    auth: 'token',
    synopsis: 'Allows interaction with key metadata and settings in the KV store.',
    fields: metadataFields,
    ops: metadataOps,
    exists: metadataExists,
  },
  {
    pattern: 'delete/*path',
    auth: 'token',
    synopsis: 'Marks one or more versions as deleted in the KV store.',
    fields: { path, versions },
    ops: { update: deleteVersions },
  },
  {
    pattern: 'undelete/*path',
    auth: 'token',
    synopsis: 'Undeletes one or more versions from the KV store.',
    fields: { path, versions },
    ops: { update: undeleteVersions },
  },
  {
    pattern: 'destroy/*path',
    auth: 'token',
    synopsis: 'Permanently removes one or more versions in the KV store',
    fields: { path, versions },
    ops: { update: destroyVersions },
  },
  {
    pattern: 'subkeys/*path',
    auth: 'token',
    synopsis: 'Read the structure of a secret entry from the Key-Value store with the values removed.',
    fields: { path, depth: { type: 'int' }, version: { type: 'int' } },
    ops: { read: readSubkeys },
  },
  invalid(''),
  invalid('*path'),
];

/** KV version 2 (mount option `version: "2"`): versioned secrets with metadata, CAS and soft delete. */
export const kvV2Backend: Backend = { type: 'kv', paths };
