import { formatOptionalTime, msToRfc3339Nano } from '../../gocompat/time.js';
import type { KeyMetadata, VersionMetadata } from './v2-storage.js';

/** The five fields Vault shows for one version (write responses, `metadata` of reads). */
export const versionFields = (
  version: number,
  vm: VersionMetadata,
  meta: KeyMetadata,
): Record<string, unknown> => ({
  created_time: msToRfc3339Nano(vm.created),
  custom_metadata: meta.customMetadata,
  deletion_time: formatOptionalTime(vm.deleted),
  destroyed: vm.destroyed,
  version,
});
