/**
 * The harness of the authorization matrices (authorization-matrix-*.e2e-spec.ts for the REST
 * API, authorization-imports-matrix.e2e-spec.ts for imports): the callers, the outcome each
 * cell expects (a success status, or an error code whose status follows from it), the usual
 * rows, and the assertion of one cell. The organizations they call into are those of
 * authorization-world.ts.
 *
 * Callers: the bootstrap Master Administrator; an Administrator of group A (the targets are
 * in A or below it); an Administrator of group B, A's sibling; a technician of the
 * organization (in A); the Master Administrator of a second organization; nobody.
 */

export const ACTORS = [
  'master',
  'adminInScope',
  'adminOutOfScope',
  'technician',
  'otherOrgMaster',
  'noToken',
] as const;
export type ActorName = (typeof ACTORS)[number];
export type SignedInActor = Exclude<ActorName, 'noToken'>;

export const ACTOR_LABELS: Record<ActorName, string> = {
  master: 'the Master Administrator',
  adminInScope: 'the Administrator of A (in scope)',
  adminOutOfScope: 'the Administrator of B (out of scope)',
  technician: 'a technician',
  otherOrgMaster: "another organization's Master Administrator",
  noToken: 'no token',
};

/** The role each signed-in caller's token must carry. */
export const ACTOR_ROLES: Record<SignedInActor, string> = {
  master: 'master_admin',
  adminInScope: 'admin',
  adminOutOfScope: 'admin',
  technician: 'technician',
  otherOrgMaster: 'master_admin',
};

const STATUS_OF = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  FORBIDDEN_GROUP: 403,
  GROUP_NOT_FOUND: 404,
  TECHNICIAN_NOT_FOUND: 404,
  ADMINISTRATOR_NOT_FOUND: 404,
  IMPORT_NOT_FOUND: 404,
} as const;
export type ErrorCode = keyof typeof STATUS_OF;

/** A success status, or an error code (its status follows from the code). */
export type Outcome = number | ErrorCode;

export const statusOf = (outcome: Outcome): number =>
  typeof outcome === 'number' ? outcome : STATUS_OF[outcome];
export const describeOutcome = (outcome: Outcome): string =>
  typeof outcome === 'number' ? String(outcome) : `${STATUS_OF[outcome]} ${outcome}`;

/** The status and code a cell must answer. */
export const wantedAnswer = (outcome: Outcome) => ({
  status: statusOf(outcome),
  code: typeof outcome === 'number' ? undefined : outcome,
});

export interface MatrixAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** What one call did: its answer and, optionally, a check of the state it left. */
export interface Call {
  response: MatrixAnswer;
  /** Runs after the status is asserted; `allowed` says whether the call was meant to succeed. */
  check?: (allowed: boolean) => Promise<void> | void;
}

export interface EndpointRow {
  endpoint: string;
  expected: Record<ActorName, Outcome>;
  /** Sends the request with the caller's token (preparing fresh targets first if it mutates). */
  call: (token: string | undefined, actor: ActorName) => Promise<Call>;
}

/** The usual row of an endpoint that only administrators in scope may use. */
export const inScope = (notFound: ErrorCode, success = 200): Record<ActorName, Outcome> => ({
  master: success,
  adminInScope: success,
  adminOutOfScope: 'FORBIDDEN_GROUP',
  technician: 'FORBIDDEN',
  otherOrgMaster: notFound,
  noToken: 'UNAUTHENTICATED',
});

/** An endpoint for every administrator, each seeing its own organization (or scope). */
export const anyAdministrator = (): Record<ActorName, Outcome> => ({
  master: 200,
  adminInScope: 200,
  adminOutOfScope: 200,
  technician: 'FORBIDDEN',
  otherOrgMaster: 200,
  noToken: 'UNAUTHENTICATED',
});

/** An endpoint for Master Administrators only (the other organization's acts on its own). */
export const masterOnly = (otherOrgMaster: Outcome, success = 200): Record<ActorName, Outcome> => ({
  master: success,
  adminInScope: 'FORBIDDEN',
  adminOutOfScope: 'FORBIDDEN',
  technician: 'FORBIDDEN',
  otherOrgMaster,
  noToken: 'UNAUTHENTICATED',
});

/** An endpoint for anyone signed in. */
export const anySignedIn = (success: number): Record<ActorName, Outcome> => ({
  master: success,
  adminInScope: success,
  adminOutOfScope: success,
  technician: success,
  otherOrgMaster: success,
  noToken: 'UNAUTHENTICATED',
});

/** One cell per (row, caller), named for `it.each('$endpoint by $caller answers $outcome')`. */
export function matrixCells(rows: EndpointRow[]) {
  return rows.flatMap((row) =>
    ACTORS.map((actor) => ({
      endpoint: row.endpoint,
      caller: ACTOR_LABELS[actor],
      outcome: describeOutcome(row.expected[actor]),
      row,
      actor,
    })),
  );
}

/** The cell's answer: the status and code it expects, and problem+json for an error. */
export function expectOutcome(response: MatrixAnswer, expected: Outcome): void {
  expect({ status: response.status, code: response.body?.code }).toEqual(wantedAnswer(expected));
  if (typeof expected !== 'number') {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }
}

/**
 * One test per cell of these rows, each calling with the caller's token of `tokens` at the
 * time it runs (a row may change a caller's token), then checking the state it left.
 */
export function itAnswersEveryCell(
  rows: EndpointRow[],
  tokens: Record<ActorName, string | undefined>,
): void {
  it.each(matrixCells(rows))('$endpoint by $caller answers $outcome', async ({ row, actor }) => {
    const expected = row.expected[actor];
    const { response, check } = await row.call(tokens[actor], actor);

    expectOutcome(response, expected);
    await check?.(typeof expected === 'number');
  });
}
