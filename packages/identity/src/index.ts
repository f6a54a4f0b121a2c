/**
 * @c360/identity — identity resolution as pure domain code: identifier
 * normalisation and policy, the resolution decider, unmerge, customer state folding,
 * stream ids, and the sealing of personal values in stored events.
 */
export {
  DEFAULT_IDENTITY_POLICY,
  identityPolicy,
  type BlockList,
  type IdentifierRule,
  type IdentityPolicy,
  type IdentityPolicyOverrides,
} from './policy';
export {
  MAX_IDENTIFIER_LENGTH,
  matchable,
  normaliseIdentifier,
  normaliseIdentifiers,
  type NormalisedIdentifier,
  type ValidIdentifier,
} from './normalise';
export * from './events';
export {
  applyCustomerEvent,
  customerExists,
  identifierCounts,
  initialCustomerState,
  type CustomerState,
} from './customer';
export {
  followMerges,
  resolveTouchpoint,
  type Claim,
  type CustomerChange,
  type HashedIdentifier,
  type Resolution,
  type ResolutionInput,
} from './resolve';
export { revertMerge, type RevertMerge } from './revert';
export { customerIdOf, customerStream, eventId, identifierStream, IDENTITY_NAMESPACE, newCustomerId } from './streams';
export {
  claimEvent,
  ERASED,
  openCustomerEvent,
  sealCustomerEvent,
  storedCustomerEvent,
  type DecisionMetadata,
  type Sealer,
} from './sealing';
