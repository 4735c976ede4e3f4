/** The two limits every request is counted against (names of the throttlers and of the IETF policies). */
export const RateLimitPolicies = {
  /** Per client address (req.ip, which follows TRUST_PROXY): every request, signed in or not. */
  ADDRESS: 'address',
  /** Per account of a verified bearer token: requests without a valid token are not counted here. */
  TOKEN: 'token',
} as const;

export type RateLimitPolicy = (typeof RateLimitPolicies)[keyof typeof RateLimitPolicies];

/** One policy's state after a request was counted, as the RateLimit fields tell it. */
export interface PolicyState {
  policy: RateLimitPolicy;
  /** Requests allowed per window. */
  quota: number;
  windowSeconds: number;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** Seconds until the quota is restored. */
  resetSeconds: number;
}

/**
 * The members of the RateLimit-Policy and RateLimit fields of draft-ietf-httpapi-ratelimit-headers
 * (-09): structured-field lists, one member per policy, e.g.
 * `RateLimit-Policy: "address";q=1200;w=60, "token";q=300;w=60` and
 * `RateLimit: "address";r=1187;t=42, "token";r=290;t=42`.
 */
export function policyMember(state: PolicyState): string {
  return `"${state.policy}";q=${state.quota};w=${state.windowSeconds}`;
}

export function stateMember(state: PolicyState): string {
  return `"${state.policy}";r=${state.remaining};t=${state.resetSeconds}`;
}
