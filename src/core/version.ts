/** The Vault API version hvr follows, and hvr's own, as `version` fields show them. */
export const HVR_VERSION = '1.18.3+hvr.0.1.0';
