import { formatGoDuration } from '../../gocompat/duration.js';
import type { Handler } from '../../logical/path-spec.js';
import { CONFIG_KEY, DELETE_VERSION_AFTER_DISABLED, loadConfig, txConfig, txPut } from './v2-storage.js';

/** `config`: mount-wide max_versions (0 = keep 10), cas_required, delete_version_after. */
export const readConfig: Handler = async (_req, _f, ctx) => {
  const config = await loadConfig(ctx.storage);
  return {
    data: {
      cas_required: config.casRequired,
      delete_version_after: formatGoDuration(config.deleteVersionAfter),
      max_versions: config.maxVersions,
    },
  };
};

export const writeConfig: Handler = async (_req, f, ctx) => {
  const maxVersions = f.int('max_versions');
  const casRequired = f.bool('cas_required');
  const deleteVersionAfter = f.duration('delete_version_after');
  if (maxVersions === undefined && casRequired === undefined && deleteVersionAfter === undefined) return null;
  await ctx.storage.transaction((tx) => {
    const config = txConfig(tx);
    if (maxVersions !== undefined) config.maxVersions = maxVersions;
    if (casRequired !== undefined) config.casRequired = casRequired;
    if (deleteVersionAfter !== undefined) {
      // Negative disables it on every key, zero clears the setting.
      config.deleteVersionAfter = deleteVersionAfter < 0 ? DELETE_VERSION_AFTER_DISABLED : deleteVersionAfter;
    }
    txPut(tx, CONFIG_KEY, config);
  });
  return null;
};
