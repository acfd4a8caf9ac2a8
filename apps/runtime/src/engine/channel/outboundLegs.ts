// How the runtime tells the outbound legs it dials from the calls that come in.

/**
 * appArgs given to outbound legs: a label for whoever reads Asterisk's channel list. The runtime never
 * trusts it (a caller can dial `6001,callflow-outbound-leg` into Stasis' arguments): legs are known by
 * the channel ids the runtime chose for them (`outboundLegs`).
 */
export const outboundLegArg = 'callflow-outbound-leg';

/**
 * Start of every outbound leg's channel id. Asterisk numbers the channels callers bring (a caller
 * cannot choose its channel id), so a StasisStart with this prefix that no dial is waiting for is a
 * leg that outlived its dial step, to hang up rather than run a flow on.
 */
export const outboundLegIdPrefix = 'callflow-leg-';
