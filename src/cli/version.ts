import { HVR_VERSION } from '../core/version.js';

export const versionLine = (): string => `Vault v${HVR_VERSION} (hvr), built 2026-11-27T00:00:00Z`;
